using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RmsProp.Analyzers.CodeFixes;

/// <summary>
/// RMSP008's fix: the variance under the root is floored at 0 with the Max of the class that takes the root,
/// <c>Math.Sqrt(s - m*m)</c> becoming <c>Math.Sqrt(Math.Max(s - m*m, 0.0))</c> (<c>MathF.Max(v, 0f)</c>,
/// <c>T.Max(v, T.Zero)</c> for generic math). A variance at or above 0 is unchanged; one rounded below 0 becomes 0, so the
/// root is 0 instead of NaN.
/// </summary>
/// <remarks>
/// Offered only where the result is defined: when an epsilon is added to the root (or a floor wraps it) on the way to
/// the division, so a floored variance of 0 divides by the epsilon, not by 0; when the root is a static call
/// (<c>Math.Sqrt</c>, <c>MathF.Sqrt</c>, <c>T.Sqrt</c>, <c>Math.Pow(v, 0.5)</c>) whose class has a Max that binds for the
/// variance's type (checked by binding the new call where it will stand). Vector and tensor roots have no scalar zero
/// to floor at; the message says what to write.
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(Rmsp008UnflooredVarianceFix))]
[Shared]
public sealed class Rmsp008UnflooredVarianceFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Rmsp008UnflooredVariance.Descriptor.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        if (FixSupport.AnsweredForeignDiagnostic(context, Rmsp008UnflooredVariance.Descriptor, nameof(Rmsp008UnflooredVarianceFix)))
        {
            return;
        }

        Diagnostic diagnostic = context.Diagnostics[0];
        if (!diagnostic.Properties.TryGetValue(Rmsp008UnflooredVariance.EpsilonOutsideProperty, out string? epsilonOutside) || epsilonOutside != "true")
        {
            // Floored at 0 with nothing added after the root, the step would divide by 0 instead of taking a NaN root.
            return;
        }

        ExpressionSyntax? variance = await FixSupport.ExpressionAtAsync(context.Document, context.Span, context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (variance is null || model is null || Floored(variance, model, context.CancellationToken) is not { } floored)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                "Floor the variance at 0 before the root",
                cancellation => FixSupport.ReplaceAsync(context.Document, variance, floored, cancellation),
                equivalenceKey: nameof(Rmsp008UnflooredVarianceFix)),
            diagnostic);
    }

    /// <summary>
    /// <c>Class.Max(variance, zero)</c> for the class whose static root takes <paramref name="variance"/> as its first
    /// argument, when that call binds there to a Max returning the type the root takes; null otherwise.
    /// </summary>
    private static string? Floored(ExpressionSyntax variance, SemanticModel model, CancellationToken cancellation)
    {
        if (variance.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax root } arguments } argument
            || arguments.Arguments[0] != argument
            || root.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Sqrt" or "Pow" } access
            || model.GetSymbolInfo(root, cancellation).Symbol is not IMethodSymbol { IsStatic: true, Parameters.Length: > 0 } method)
        {
            return null;
        }

        ITypeSymbol valueType = method.Parameters[0].Type;
        string owner = access.Expression.ToString();
        string? zero = valueType.SpecialType switch
        {
            SpecialType.System_Double => "0.0",
            SpecialType.System_Single => "0f",
            _ when valueType.TypeKind == TypeKind.TypeParameter => owner + ".Zero",
            _ => null,
        };
        if (zero is null)
        {
            return null;
        }

        string text = owner + ".Max(" + variance + ", " + zero + ")";
        ExpressionSyntax candidate = SyntaxFactory.ParseExpression(text);
        return model.GetSpeculativeSymbolInfo(variance.SpanStart, candidate, SpeculativeBindingOption.BindAsExpression).Symbol is IMethodSymbol { Name: "Max" } max
            && SymbolEqualityComparer.Default.Equals(max.ReturnType, valueType)
            ? text
            : null;
    }
}
