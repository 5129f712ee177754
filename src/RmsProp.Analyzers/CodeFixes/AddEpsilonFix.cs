using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace RmsProp.Analyzers.CodeFixes;

/// <summary>
/// RMSP002's fix: <c>Math.Sqrt(s)</c> becomes <c>(Math.Sqrt(s) + eps)</c>, reusing an epsilon already in scope
/// (a local, parameter, field or constant named eps/epsilon) or adding <c>private const double Epsilon = 1e-8;</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddEpsilonFix))]
[Shared]
public sealed class AddEpsilonFix : CodeFixProvider
{
    private const string IntroducedName = "Epsilon";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Rules.MissingEpsilon.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        ExpressionSyntax? root = await FixSupport.ExpressionAtAsync(context.Document, context.Span, context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is not InvocationExpressionSyntax squareRoot || model is null)
        {
            return;
        }

        SpecialType type = model.GetTypeInfo(squareRoot, context.CancellationToken).Type?.SpecialType ?? SpecialType.None;
        if (type is not (SpecialType.System_Double or SpecialType.System_Single))
        {
            // Vector roots would need a broadcast epsilon of the right lane type; the message says what to add.
            return;
        }

        string? existing = EpsilonInScope(model, squareRoot, type);
        context.RegisterCodeFix(
            CodeAction.Create(
                existing is null ? "Add an epsilon constant to the denominator" : $"Add '{existing}' to the denominator",
                cancellation => ApplyAsync(context.Document, squareRoot, existing, type, cancellation),
                equivalenceKey: nameof(AddEpsilonFix)),
            context.Diagnostics);
    }

    /// <summary>
    /// A floating-point local, parameter, field or constant named like an epsilon that the root can really use:
    /// a local declared before it, and no instance member from a static context.
    /// </summary>
    private static string? EpsilonInScope(SemanticModel model, SyntaxNode at, SpecialType type)
    {
        bool isStatic = InStaticContext(model, at.SpanStart);
        return model.LookupSymbols(at.SpanStart)
            .Where(symbol => IsEpsilonName(symbol.Name) && TypeOf(symbol)?.SpecialType is SpecialType.System_Double or SpecialType.System_Single)
            .Where(symbol => symbol switch
            {
                // Lookup sees every local of the enclosing blocks, even one declared further down (CS0841 if used).
                ILocalSymbol local => local.DeclaringSyntaxReferences.All(reference => reference.Span.End <= at.SpanStart),
                IFieldSymbol or IPropertySymbol => symbol.IsStatic || !isStatic,
                _ => true,
            })
            .OrderBy(symbol => TypeOf(symbol)?.SpecialType == type ? 0 : 1)
            .Select(symbol => symbol.Name)
            .FirstOrDefault();
    }

    /// <summary>Whether code at the position has no <c>this</c>: inside a static method, static lambda or static local function.</summary>
    private static bool InStaticContext(SemanticModel model, int position)
    {
        for (ISymbol? symbol = model.GetEnclosingSymbol(position); symbol is not null and not INamedTypeSymbol; symbol = symbol.ContainingSymbol)
        {
            if (symbol.IsStatic)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>Epsilon</c>, or <c>Epsilon1</c>, <c>Epsilon2</c>, … when the type or the scope already has something of that
    /// name (which the introduced constant would clash with or be hidden by).
    /// </summary>
    private static string FreeName(SemanticModel model, SyntaxNode at, TypeDeclarationSyntax owner, CancellationToken cancellation)
    {
        INamedTypeSymbol? type = model.GetDeclaredSymbol(owner, cancellation);
        for (int suffix = 0; ; suffix++)
        {
            string name = suffix == 0 ? IntroducedName : IntroducedName + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if ((type is null || type.GetMembers(name).IsEmpty) && model.LookupSymbols(at.SpanStart, name: name).IsEmpty)
            {
                return name;
            }
        }
    }

    private static bool IsEpsilonName(string name)
    {
        string bare = name.TrimStart('_');
        if (bare.StartsWith("m_", StringComparison.Ordinal))
        {
            bare = bare.Substring(2);
        }

        return bare.Equals("eps", StringComparison.OrdinalIgnoreCase)
            || bare.Equals("epsilon", StringComparison.OrdinalIgnoreCase)
            || bare.EndsWith("Epsilon", StringComparison.Ordinal)
            || bare.EndsWith("Eps", StringComparison.Ordinal);
    }

    private static ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
    {
        ILocalSymbol local => local.Type,
        IParameterSymbol parameter => parameter.Type,
        IFieldSymbol field => field.Type,
        IPropertySymbol property => property.Type,
        _ => null,
    };

    private static async Task<Document> ApplyAsync(Document document, InvocationExpressionSyntax squareRoot, string? existing, SpecialType type, CancellationToken cancellation)
    {
        TypeDeclarationSyntax? owner = squareRoot.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        MemberDeclarationSyntax? first = owner?.Members.FirstOrDefault();
        SemanticModel? model = await document.GetSemanticModelAsync(cancellation).ConfigureAwait(false);
        if (owner is null || first is null || model is null)
        {
            return document;
        }

        string epsilon = existing ?? FreeName(model, squareRoot, owner, cancellation);
        string guarded = squareRoot + " + " + epsilon;
        var changes = new List<TextChange> { new(squareRoot.Span, NeedsParentheses(squareRoot) ? "(" + guarded + ")" : guarded) };

        if (existing is null)
        {
            SourceText text = await document.GetTextAsync(cancellation).ConfigureAwait(false);
            string newLine = text.ToString().Contains("\r\n") ? "\r\n" : "\n";

            // Above the first member and its comments, so a comment keeps describing the member it was written for.
            SyntaxTrivia firstComment = first.GetLeadingTrivia().FirstOrDefault(t => !t.IsKind(SyntaxKind.WhitespaceTrivia) && !t.IsKind(SyntaxKind.EndOfLineTrivia));
            int anchor = firstComment.RawKind != 0 ? firstComment.SpanStart : first.SpanStart;
            TextLine line = text.Lines.GetLineFromPosition(anchor);
            string before = text.ToString(TextSpan.FromBounds(line.Start, anchor));
            string keyword = type == SpecialType.System_Single ? "float" : "double";
            string value = type == SpecialType.System_Single ? "1e-8f" : "1e-8";
            string declaration = $"private const {keyword} {epsilon} = {value};";

            // On a line of its own with the member's indentation; after a blank line so the two stay apart. A member
            // that shares its line with other code (a one-line class) gets the constant just before it.
            changes.Insert(0, before.Trim().Length == 0
                ? new TextChange(new TextSpan(line.Start, 0), before + declaration + newLine + newLine)
                : new TextChange(new TextSpan(anchor, 0), declaration + " "));
        }

        return await FixSupport.ChangeAsync(document, changes, cancellation).ConfigureAwait(false);
    }

    private static bool NeedsParentheses(ExpressionSyntax expression) =>
        expression.Parent is BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or CastExpressionSyntax or MemberAccessExpressionSyntax;
}
