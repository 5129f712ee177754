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
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(Rmsp002MissingEpsilonFix))]
[Shared]
public sealed class Rmsp002MissingEpsilonFix : CodeFixProvider
{
    private const string IntroducedName = "Epsilon";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Rmsp002MissingEpsilon.Descriptor.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        if (FixSupport.AnsweredForeignDiagnostic(context, Rmsp002MissingEpsilon.Descriptor, nameof(Rmsp002MissingEpsilonFix)))
        {
            return;
        }

        if (context.Diagnostics[0].Properties.ContainsKey(Rmsp002MissingEpsilon.RootOfQuotientProperty))
        {
            // The root of (x + eps) / s multiplies the update: an epsilon after it would not keep s from 0.
            return;
        }

        ExpressionSyntax? root = await FixSupport.ExpressionAtAsync(context.Document, context.Span, context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is not InvocationExpressionSyntax squareRoot || model is null || IsReciprocalRoot(model, squareRoot, context.CancellationToken))
        {
            // A reciprocal root (rsqrt, Pow(s, -0.5)) multiplies: an epsilon added after it would not guard anything.
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
                equivalenceKey: nameof(Rmsp002MissingEpsilonFix)),
            context.Diagnostics);
    }

    private static bool IsReciprocalRoot(SemanticModel model, InvocationExpressionSyntax call, CancellationToken cancellation) =>
        model.GetOperation(call, cancellation) is { } operation
        && Shape.CompilationFacts.For(model.Compilation).Known.IsSquareRoot(operation, out _, out bool reciprocal) && reciprocal;

    /// <summary>
    /// A floating-point local, parameter, field or constant named like an epsilon that the root can really use:
    /// a local declared before it, no instance member from a static context, and a float one for a float root.
    /// </summary>
    private static string? EpsilonInScope(SemanticModel model, SyntaxNode at, SpecialType type)
    {
        bool isStatic = InStaticContext(model, at.SpanStart);
        return model.LookupSymbols(at.SpanStart)
            .Where(symbol => IsEpsilonName(symbol.Name) && TypeOf(symbol)?.SpecialType is { } epsilonType
                // A double epsilon would make a float denominator double, which no longer converts back to float.
                && (epsilonType == SpecialType.System_Single || epsilonType == SpecialType.System_Double && type == SpecialType.System_Double))
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
        SemanticModel? model = await document.GetSemanticModelAsync(cancellation).ConfigureAwait(false);
        if (owner is null || model is null)
        {
            return document;
        }

        string epsilon = existing ?? FixSupport.FreeName(model, squareRoot, owner, IntroducedName, cancellation);
        string guarded = squareRoot + " + " + epsilon;
        var changes = new List<TextChange> { new(squareRoot.Span, NeedsParentheses(squareRoot) ? "(" + guarded + ")" : guarded) };

        if (existing is null)
        {
            SourceText text = await document.GetTextAsync(cancellation).ConfigureAwait(false);
            string declaration = type == SpecialType.System_Single ? $"private const float {epsilon} = 1e-8f;" : $"private const double {epsilon} = 1e-8;";
            if (FixSupport.InsertFirstMember(text, owner, declaration) is not { } insertion)
            {
                return document;
            }

            changes.Insert(0, insertion);
        }

        return await FixSupport.ChangeAsync(document, changes, cancellation).ConfigureAwait(false);
    }

    private static bool NeedsParentheses(ExpressionSyntax expression) =>
        expression.Parent is BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or CastExpressionSyntax or MemberAccessExpressionSyntax;
}
