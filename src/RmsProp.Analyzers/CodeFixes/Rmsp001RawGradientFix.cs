using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RmsProp.Analyzers.CodeFixes;

/// <summary>RMSP001's fix: the averaged value <c>g</c> becomes <c>g * g</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(Rmsp001RawGradientFix))]
[Shared]
public sealed class Rmsp001RawGradientFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Rmsp001RawGradient.Descriptor.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        if (FixSupport.AnsweredForeignDiagnostic(context, Rmsp001RawGradient.Descriptor, nameof(Rmsp001RawGradientFix)))
        {
            return;
        }

        ExpressionSyntax? gradient = await FixSupport.ExpressionAtAsync(context.Document, context.Span, context.CancellationToken).ConfigureAwait(false);
        if (gradient is null || !FixSupport.CanEvaluateTwice(gradient))
        {
            // A gradient read with a side effect (g[i++], Next()) cannot be written twice; the message says what to do.
            return;
        }

        string operand = FixSupport.Parenthesize(gradient).ToString();
        string squared = operand + " * " + operand;
        if (NeedsParentheses(gradient))
        {
            squared = "(" + squared + ")";
        }
        context.RegisterCodeFix(
            CodeAction.Create(
                "Square the gradient",
                cancellation => FixSupport.ReplaceAsync(context.Document, gradient, squared, cancellation),
                equivalenceKey: nameof(Rmsp001RawGradientFix)),
            context.Diagnostics);
    }

    /// <summary>
    /// Whether <c>g * g</c> in the place of <c>g</c> would bind differently: under a cast (<c>(float)g * g</c> casts one
    /// factor only and leaves the product double), a unary operator or member access, or as a divisor.
    /// </summary>
    private static bool NeedsParentheses(ExpressionSyntax gradient) =>
        gradient.Parent is CastExpressionSyntax or PrefixUnaryExpressionSyntax or MemberAccessExpressionSyntax
        || gradient.Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.DivideExpression or (int)SyntaxKind.ModuloExpression } binary && binary.Right == gradient;
}
