using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RmsProp.Analyzers.Shape;

/// <summary>
/// The cheap first look at a type: whether its source names anything that can take a square root. A type that does
/// not is skipped before the compiler is asked for any of its operation trees, which is where most of the analyzer's
/// cost on ordinary code (no optimizer anywhere) would otherwise go. One per compilation: each file's text is searched
/// for the names once (<see cref="IdentifierTextSearch"/>), and every type declared in the file reads the result, so a
/// type in a file that names no root costs a dictionary lookup.
/// </summary>
internal sealed class RootSyntax
{
    /// <summary>
    /// Every name a recognised square root goes by (<see cref="KnownSymbols.IsSquareRoot(IOperation, out IOperation?, out bool)"/>):
    /// a type whose tokens include none of them has no root the model could find, so the skip never loses a diagnostic.
    /// </summary>
    internal static readonly ImmutableHashSet<string> RootNames =
        KnownSymbols.RootNames.Keys.Concat(new[] { "Pow", "pow", "Power" }).ToImmutableHashSet(System.StringComparer.Ordinal);

    private static readonly IdentifierTextSearch Search = new(RootNames);

    private readonly ConcurrentDictionary<SyntaxTree, ImmutableArray<int>> _namesByTree = new();

    /// <summary>Whether <paramref name="tree"/>'s text may name a square root or a power anywhere: false for most files.</summary>
    public bool MayNameRoot(SyntaxTree tree, CancellationToken cancellation) => !RootNamePositions(tree, cancellation).IsEmpty;

    /// <summary>
    /// Whether any declaration of <paramref name="type"/> names a square root (or a power, for <c>Pow(x, 0.5)</c>):
    /// an identifier token of one of <see cref="RootNames"/>. Nested types are not counted (each is asked on its own).
    /// Only the tokens at the places its file's text spells such a name are read.
    /// </summary>
    public bool MayTakeRoot(INamedTypeSymbol type, CancellationToken cancellation)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            ImmutableArray<int> positions = RootNamePositions(reference.SyntaxTree, cancellation);
            if (positions.IsEmpty)
            {
                continue;
            }

            if (IdentifierTextSearch.OwnIdentifiersAt(reference.GetSyntax(cancellation), positions, RootNames.Contains, cancellation).Any())
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a method of <paramref name="type"/> names a square root (or a power) in its own declaration: the helpers
    /// a derived type may call for its root (<see cref="BaseTypeHelpers"/>).
    /// </summary>
    public bool MayTakeRootInMethod(INamedTypeSymbol type, CancellationToken cancellation)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            ImmutableArray<int> positions = RootNamePositions(reference.SyntaxTree, cancellation);
            if (!positions.IsEmpty
                && IdentifierTextSearch.OwnIdentifiersAt(reference.GetSyntax(cancellation), positions, RootNames.Contains, cancellation)
                    .Any(token => token.Parent?.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not null))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Where <paramref name="tree"/>'s text spells a root's name (<see cref="IdentifierTextSearch.Find"/>, once per file).</summary>
    public ImmutableArray<int> RootNamePositions(SyntaxTree tree, CancellationToken cancellation) =>
        _namesByTree.TryGetValue(tree, out ImmutableArray<int> positions)
            ? positions
            : _namesByTree.GetOrAdd(tree, Search.Find(tree.GetText(cancellation), cancellation));
}
