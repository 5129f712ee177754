using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RmsProp.Analyzers.Shape;

/// <summary>
/// The cheap first look for callers of an optimizer step: the names a type's source must mention to call one (the
/// name of a type that may take a square root, or of a method declared to return one), read from syntax once per
/// compilation, so that a type naming none of them is skipped before any operation tree of it is asked for.
/// </summary>
/// <remarks>
/// The names are read from the whole compilation up front because a caller's type can be analysed before the step's
/// type: the per-type facts (<see cref="TypeModel"/>) are not there yet when the caller's symbol-start action decides
/// whether to collect its operation trees. Only files whose text names a root (<see cref="RootSyntax.MayNameRoot"/>,
/// searched once per file and shared with the per-type skip) are parsed for types, so on code with no root anywhere,
/// which is most code, this costs the text search alone and no type is ever collected as a caller.
/// </remarks>
internal static class CallerSyntax
{
    /// <summary>
    /// The identifiers of the compilation that name a type that may hold an RMSProp step, and the methods declared to
    /// return such a type (factories). Empty when no type may hold one.
    /// </summary>
    public static StepNames StepNames(Compilation compilation, RootSyntax roots, CancellationToken cancellation)
    {
        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            cancellation.ThrowIfCancellationRequested();
            if (!roots.MayNameRoot(tree, cancellation))
            {
                continue;
            }

            foreach (TypeDeclarationSyntax declaration in tree.GetRoot(cancellation).DescendantNodes().OfType<TypeDeclarationSyntax>())
            {
                cancellation.ThrowIfCancellationRequested();
                if (MayHoldStep(declaration))
                {
                    types.Add(declaration.Identifier.ValueText);
                }
            }
        }

        if (types.Count == 0)
        {
            return Analyzers.Shape.StepNames.None;
        }

        // A caller may get its optimizer from a factory (`var opt = Optimizers.RmsProp(n);`) and never name its type.
        var factories = new HashSet<string>(StringComparer.Ordinal);
        var typeSearch = new IdentifierTextSearch(types);
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            cancellation.ThrowIfCancellationRequested();
            if (typeSearch.Find(tree.GetText(cancellation), cancellation).IsEmpty)
            {
                continue;
            }

            foreach (MethodDeclarationSyntax method in tree.GetRoot(cancellation).DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                if (RightmostName(method.ReturnType) is { } returned && types.Contains(returned))
                {
                    factories.Add(method.Identifier.ValueText);
                }
            }
        }

        return new StepNames(new HashSet<string>(types.Concat(factories), StringComparer.Ordinal), factories);
    }

    /// <summary>
    /// Whether <paramref name="type"/> may call an RMSProp step in a loop (its source names a type that may hold one,
    /// or a factory of one, other than as its own name, and has a loop) or declares a factory of one. Nested types are
    /// not entered (each is asked on its own), as in <see cref="RootSyntax"/>.
    /// </summary>
    public static bool MayCallOrMake(INamedTypeSymbol type, StepNames names, CancellationToken cancellation)
    {
        if (names.Names.Count == 0)
        {
            return false;
        }

        // Only the tokens where the type's files spell one of the names are read (each file is searched once, for all
        // the types it declares): most types of a project have none and cost a lookup.
        bool mentions = false;
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            ImmutableArray<int> positions = names.PositionsIn(reference.SyntaxTree, cancellation);
            if (positions.IsEmpty)
            {
                continue;
            }

            foreach (SyntaxToken token in IdentifierTextSearch.OwnIdentifiersAt(reference.GetSyntax(cancellation), positions, names.Names.Contains, cancellation))
            {
                if (token.Parent is MethodDeclarationSyntax && names.Factories.Contains(token.ValueText))
                {
                    return true;
                }

                // The type's own name and its constructors' do not make it a caller of itself: an optimizer is walked
                // as a caller only when its code uses the name (a training method that creates one).
                mentions |= token.Parent is not (BaseTypeDeclarationSyntax or ConstructorDeclarationSyntax or DestructorDeclarationSyntax);
            }
        }

        return mentions && HasLoop(type, cancellation);
    }

    /// <summary>Whether any declaration of <paramref name="type"/> has a loop of its own (nested types not entered).</summary>
    private static bool HasLoop(INamedTypeSymbol type, CancellationToken cancellation)
    {
        int read = 0;
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            SyntaxNode declaration = reference.GetSyntax(cancellation);
            foreach (SyntaxToken token in declaration.DescendantTokens(node => node == declaration || node is not BaseTypeDeclarationSyntax))
            {
                if ((++read & 1023) == 0)
                {
                    cancellation.ThrowIfCancellationRequested();
                }

                if (token.Kind() is SyntaxKind.ForKeyword or SyntaxKind.ForEachKeyword or SyntaxKind.WhileKeyword or SyntaxKind.DoKeyword)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a type declaration may hold an RMSProp step: it is not static (the step keeps its average in an
    /// instance), and it names a square root, or a power next to a literal 0.5 (<c>Pow(s, 0.5)</c>). A power alone
    /// (<c>Math.Pow(10, e)</c> in a number parser) does not make every caller of its type worth walking. Nested types
    /// are not entered: each is its own declaration.
    /// </summary>
    private static bool MayHoldStep(TypeDeclarationSyntax declaration)
    {
        if (declaration.Modifiers.Any(SyntaxKind.StaticKeyword))
        {
            return false;
        }

        bool power = false, half = false;
        foreach (SyntaxToken token in declaration.DescendantTokens(node => node == declaration || node is not BaseTypeDeclarationSyntax))
        {
            if (token.IsKind(SyntaxKind.IdentifierToken))
            {
                if (KnownSymbols.RootNames.ContainsKey(token.ValueText))
                {
                    return true;
                }

                power |= token.ValueText is "Pow" or "pow" or "Power";
            }
            else if (token.IsKind(SyntaxKind.NumericLiteralToken) && token.Value is 0.5 or 0.5f or 0.5m)
            {
                half = true;
            }

            if (power && half)
            {
                return true;
            }
        }

        return false;
    }

    private static string? RightmostName(TypeSyntax type) => type switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        QualifiedNameSyntax qualified => RightmostName(qualified.Right),
        AliasQualifiedNameSyntax alias => RightmostName(alias.Name),
        NullableTypeSyntax nullable => RightmostName(nullable.ElementType),
        _ => null,
    };
}

/// <summary>The names a caller of an RMSProp step must mention (<see cref="CallerSyntax.StepNames"/>).</summary>
internal sealed class StepNames
{
    private readonly IdentifierTextSearch _search;
    private readonly ConcurrentDictionary<SyntaxTree, ImmutableArray<int>> _positions = new();

    public StepNames(HashSet<string> names, HashSet<string> factories)
    {
        Names = names;
        Factories = factories;
        _search = new IdentifierTextSearch(names);
    }

    /// <summary>No type of the compilation may hold a step.</summary>
    public static StepNames None { get; } = new(new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));

    /// <summary>The types that may hold a step, and their factories.</summary>
    public HashSet<string> Names { get; }

    /// <summary>The methods declared to return a type that may hold a step.</summary>
    public HashSet<string> Factories { get; }

    /// <summary>Where <paramref name="tree"/>'s text spells one of the names (<see cref="IdentifierTextSearch.Find"/>, once per file).</summary>
    public ImmutableArray<int> PositionsIn(SyntaxTree tree, CancellationToken cancellation) =>
        _positions.TryGetValue(tree, out ImmutableArray<int> positions)
            ? positions
            : _positions.GetOrAdd(tree, _search.Find(tree.GetText(cancellation), cancellation));
}
