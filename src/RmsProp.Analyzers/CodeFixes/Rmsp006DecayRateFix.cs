using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RmsProp.Analyzers.CodeFixes;

/// <summary>
/// RMSP006's fix for integer division: <c>9 / 10</c> becomes <c>9.0 / 10</c> (<c>9f / 10</c> for a float decay,
/// <c>9m / 10</c> for a decimal one).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(Rmsp006DecayRateFix))]
[Shared]
public sealed class Rmsp006DecayRateFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Rmsp006DecayRate.Descriptor.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        if (FixSupport.AnsweredForeignDiagnostic(context, Rmsp006DecayRate.Descriptor, nameof(Rmsp006DecayRateFix)))
        {
            return;
        }

        Diagnostic? diagnostic = context.Diagnostics.FirstOrDefault(d =>
            d.Properties.TryGetValue(Rmsp006DecayRate.KindProperty, out string? kind) && kind == "IntegerDivision");
        if (diagnostic is null
            || await FixSupport.ExpressionAtAsync(context.Document, diagnostic.Location.SourceSpan, context.CancellationToken).ConfigureAwait(false)
                is not BinaryExpressionSyntax { Left: LiteralExpressionSyntax { Token.Value: int or long } left } division)
        {
            return;
        }

        // The literal takes the type the decay is stored as, so the fixed division converts to it implicitly.
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        string digits = left.Token.ValueText;
        string? floating = model?.GetTypeInfo(division, context.CancellationToken).ConvertedType?.SpecialType switch
        {
            SpecialType.System_Single => digits + "f",
            SpecialType.System_Decimal => digits + "m",
            SpecialType.System_Double => digits + ".0",
            _ => null,
        };
        if (floating is null)
        {
            // Stored as an integer (or of unknown type): any decay in [0, 1) would be 0 there; the message says so.
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                "Use floating-point division",
                cancellation => FixSupport.ReplaceAsync(context.Document, left, floating, cancellation),
                equivalenceKey: nameof(Rmsp006DecayRateFix)),
            diagnostic);
    }
}
