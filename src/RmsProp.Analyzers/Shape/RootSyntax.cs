using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RmsProp.Analyzers.Shape;

/// <summary>
/// The cheap first look at a type: whether its source names anything that can take a square root. A type that does
/// not is skipped before the compiler is asked for any of its operation trees, which is where most of the analyzer's
/// cost on ordinary code (no optimizer anywhere) would otherwise go.
/// </summary>
internal static class RootSyntax
{
    /// <summary>
    /// Every name a recognised square root goes by (<see cref="KnownSymbols.IsSquareRoot(IOperation, out IOperation?, out bool)"/>):
    /// a type whose tokens include none of them has no root the model could find, so the skip never loses a diagnostic.
    /// </summary>
    private static readonly HashSet<string> RootNames = new(KnownSymbols.RootNames.Keys.Concat(new[] { "Pow", "pow", "Power" }), System.StringComparer.Ordinal);

    /// <summary>
    /// Whether any declaration of <paramref name="type"/> names a square root (or a power, for <c>Pow(x, 0.5)</c>).
    /// Nested types are not entered (each is asked on its own), so a compilation's tokens are read once in all.
    /// </summary>
    public static bool MayTakeRoot(INamedTypeSymbol type, CancellationToken cancellation)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            SyntaxNode declaration = reference.GetSyntax(cancellation);
            foreach (SyntaxToken token in declaration.DescendantTokens(node => node == declaration || node is not BaseTypeDeclarationSyntax))
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && RootNames.Contains(token.ValueText))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
