using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace RmsProp.Analyzers.CodeFixes;

/// <summary>
/// RMSP003's fix: puts rho back on the old average and 1 - rho on the new term, or removes a square added to the
/// average once more before its update. The analyzer passes the weights as additional locations (old weight, new
/// weight) and the kind of mistake as the "Form" property.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(Rmsp003SwappedWeightsFix))]
[Shared]
public sealed class Rmsp003SwappedWeightsFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Rmsp003SwappedWeights.Descriptor.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        if (FixSupport.AnsweredForeignDiagnostic(context, Rmsp003SwappedWeights.Descriptor, nameof(Rmsp003SwappedWeightsFix)))
        {
            return;
        }

        Diagnostic diagnostic = context.Diagnostics[0];
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || !diagnostic.Properties.TryGetValue(Rmsp003SwappedWeights.FormProperty, out string? form))
        {
            return;
        }

        if (form == Rmsp003SwappedWeights.AddedTwice)
        {
            // The extra `s[i] += g*g;` goes; the average's own update already adds (1 - rho) g^2.
            if (root.FindNode(context.Span, getInnermostNodeForTie: true).FirstAncestorOrSelf<ExpressionStatementSyntax>() is { } statement
                && statement.Expression.Span == context.Span)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Remove the extra addition to the average",
                        cancellation => FixSupport.ChangeAsync(context.Document, new[] { new TextChange(statement.FullSpan, string.Empty) }, cancellation),
                        equivalenceKey: nameof(Rmsp003SwappedWeightsFix)),
                    diagnostic);
            }

            return;
        }

        ExpressionSyntax[] weights = diagnostic.AdditionalLocations
            .Select(location => root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) as ExpressionSyntax)
            .OfType<ExpressionSyntax>()
            .Select(WithParentheses)
            .ToArray();
        if (weights.Length == 0 || weights.Length != diagnostic.AdditionalLocations.Count)
        {
            return;
        }

        ExpressionSyntax last = weights[weights.Length - 1];

        TextChange[]? changes = form switch
        {
            "Swapped" when weights.Length == 2 => new[] { new TextChange(weights[0].Span, MovedTo(weights[1], weights[0])), new TextChange(weights[1].Span, MovedTo(weights[0], weights[1])) },
            "SameWeight" when weights.Length == 2 => Complement(weights[1]) is { } decay
                ? new[] { new TextChange(weights[0].Span, decay.ToString()) }
                : new[] { new TextChange(weights[1].Span, OneMinus(weights[1])) },
            "Lerp" => Complement(last) is { } lerpDecay
                ? new[] { new TextChange(last.Span, lerpDecay.ToString()) }
                : new[] { new TextChange(last.Span, OneMinus(last)) },
            _ => null,
        };
        if (changes is null)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                "Put rho on the old average and 1 - rho on the new term",
                cancellation => FixSupport.ChangeAsync(context.Document, changes, cancellation),
                equivalenceKey: nameof(Rmsp003SwappedWeightsFix)),
            diagnostic);
    }

    /// <summary>
    /// A weight's text as it must read where the other weight stood: <c>s *= 1 - rho;</c> has no parentheses to move,
    /// and its weight needs them inside a product.
    /// </summary>
    private static string MovedTo(ExpressionSyntax weight, ExpressionSyntax destination) =>
        weight is BinaryExpressionSyntax && destination.Parent is BinaryExpressionSyntax ? "(" + weight + ")" : weight.ToString();

    /// <summary>The operation's syntax leaves out the parentheses of <c>(1 - rho)</c>; the text to move has them.</summary>
    private static ExpressionSyntax WithParentheses(ExpressionSyntax weight) =>
        weight.Parent is ParenthesizedExpressionSyntax parenthesized ? parenthesized : weight;

    /// <summary>For <c>1 - x</c> (possibly in parentheses), x.</summary>
    private static ExpressionSyntax? Complement(ExpressionSyntax weight)
    {
        ExpressionSyntax inner = weight is ParenthesizedExpressionSyntax parenthesized ? parenthesized.Expression : weight;
        return inner is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.SubtractExpression, Left: LiteralExpressionSyntax { Token.ValueText: "1" or "1.0" or "1f" or "1.0f" or "1d" } } difference
            ? difference.Right
            : null;
    }

    private static string OneMinus(ExpressionSyntax weight) => "(1 - " + FixSupport.Parenthesize(weight) + ")";
}
