using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace RmsProp.Analyzers.Shape;

/// <summary>
/// The cheap first look for callers of an optimizer step: the names a type's source must mention to call one (the
/// name of a type that may take a square root, or of a method declared to return one), read from syntax once per
/// compilation, so that a type naming none of them is skipped before any operation tree of it is asked for.
/// </summary>
/// <remarks>
/// The names are read from the whole compilation up front because a caller's type can be analysed before the step's
/// type: the per-type facts (<see cref="TypeModel"/>) are not there yet when the caller's symbol-start action decides
/// whether to collect its operation trees. A plain search of each file's text (no tokens, no allocation per file)
/// keeps this pass cheap on code with no root anywhere, which is most code: there no type is ever collected as a caller.
/// </remarks>
internal static class CallerSyntax
{
    /// <summary>What any root name contains, compared without case: what a file's text must contain to name a root.</summary>
    private static readonly string[] RootFragments = { "sqrt", "squareroot", "pow" };

    /// <summary>
    /// The identifiers of the compilation that name a type that may hold an RMSProp step, and the methods declared to
    /// return such a type (factories). Empty when no type may hold one.
    /// </summary>
    public static HashSet<string> StepNames(Compilation compilation, CancellationToken cancellation)
    {
        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            cancellation.ThrowIfCancellationRequested();
            if (!Contains(tree.GetText(cancellation), RootFragments, ignoreCase: true))
            {
                continue;
            }

            foreach (TypeDeclarationSyntax declaration in tree.GetRoot(cancellation).DescendantNodes().OfType<TypeDeclarationSyntax>())
            {
                if (MayHoldStep(declaration))
                {
                    types.Add(declaration.Identifier.ValueText);
                }
            }
        }

        if (types.Count == 0)
        {
            return types;
        }

        // A caller may get its optimizer from a factory (`var opt = Optimizers.RmsProp(n);`) and never name its type.
        var names = new HashSet<string>(types, StringComparer.Ordinal);
        string[] typeNames = types.ToArray();
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            cancellation.ThrowIfCancellationRequested();
            if (!Contains(tree.GetText(cancellation), typeNames, ignoreCase: false))
            {
                continue;
            }

            foreach (MethodDeclarationSyntax method in tree.GetRoot(cancellation).DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                if (RightmostName(method.ReturnType) is { } returned && types.Contains(returned))
                {
                    names.Add(method.Identifier.ValueText);
                }
            }
        }

        return names;
    }

    /// <summary>
    /// Whether any declaration of <paramref name="type"/> mentions one of <paramref name="names"/> (other than as its
    /// own name). Nested types are not entered (each is asked on its own), as in <see cref="RootSyntax"/>.
    /// </summary>
    public static bool Mentions(INamedTypeSymbol type, HashSet<string> names, CancellationToken cancellation)
    {
        if (names.Count == 0)
        {
            return false;
        }

        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            SyntaxNode declaration = reference.GetSyntax(cancellation);
            foreach (SyntaxToken token in declaration.DescendantTokens(node => node == declaration || node is not BaseTypeDeclarationSyntax))
            {
                // The type's own name and its constructors' do not make it a caller of itself: an optimizer is walked
                // as a caller only when its code uses the name (a factory, a training method that creates one).
                if (token.IsKind(SyntaxKind.IdentifierToken) && names.Contains(token.ValueText)
                    && token.Parent is not (BaseTypeDeclarationSyntax or ConstructorDeclarationSyntax or DestructorDeclarationSyntax))
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

    /// <summary>
    /// Whether <paramref name="text"/> contains one of <paramref name="needles"/>: read in chunks into one buffer
    /// (SourceText has no search of its own, and its whole string would be a copy of every file).
    /// </summary>
    private static bool Contains(SourceText text, string[] needles, bool ignoreCase)
    {
        int longest = needles.Max(needle => needle.Length);
        const int ChunkLength = 4096;
        char[] buffer = new char[ChunkLength + longest];
        var firstCharacters = new HashSet<char>(needles.SelectMany(needle => ignoreCase ? new[] { char.ToLowerInvariant(needle[0]), char.ToUpperInvariant(needle[0]) } : new[] { needle[0] }));
        for (int start = 0; start < text.Length; start += ChunkLength)
        {
            int count = Math.Min(buffer.Length, text.Length - start);
            text.CopyTo(start, buffer, 0, count);
            for (int i = 0; i < Math.Min(ChunkLength, count); i++)
            {
                if (!firstCharacters.Contains(buffer[i]))
                {
                    continue;
                }

                foreach (string needle in needles)
                {
                    if (i + needle.Length <= count && Matches(buffer, i, needle, ignoreCase))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool Matches(char[] buffer, int at, string needle, bool ignoreCase)
    {
        for (int k = 0; k < needle.Length; k++)
        {
            char c = buffer[at + k];
            if (c != needle[k] && !(ignoreCase && char.ToLowerInvariant(c) == needle[k]))
            {
                return false;
            }
        }

        return true;
    }
}
