using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RmsProp.Analyzers.Shape;
using static RmsProp.Analyzers.Shape.Expressions;

namespace RmsProp.Analyzers;

/// <summary>
/// RMSP007: the update divides by the root of this step's gradient (or its square) instead of the root of the running
/// average: <c>w -= lr * g / Math.Sqrt(g * g + eps)</c> is sign descent, and <c>lr / Math.Sqrt(g + eps)</c> is NaN for
/// every negative gradient.
/// </summary>
public static class Rmsp007RootOfGradient
{
    /// <summary>RMSP007's descriptor.</summary>
    public static readonly DiagnosticDescriptor Descriptor = Rules.Create(
        "RMSP007",
        "The denominator takes the root of the current gradient, not of its running average",
        "The update divides by the root of '{0}', this step's gradient; divide by the root of a running average of its square (s = rho*s + (1 - rho)*g*g) instead",
        "RMSProp divides by the root of a running average of squared gradients. The root of the current gradient itself is NaN for a negative gradient, and the root of its square is |g|, which turns the step into sign descent with a fixed step of lr, forgetting every earlier gradient.");

    /// <summary>Reports RMSP007 in one type's model.</summary>
    internal static void Analyze(TypeModel model, SymbolAnalysisContext context)
    {
        var reported = new HashSet<IOperation>();
        foreach (AdaptiveQuotient quotient in model.Quotients)
        {
            model.Cancellation.ThrowIfCancellationRequested();
            if (quotient.UnderAverage || CurrentGradientUnder(quotient, model, out IOperation at) is not { } gradient || !reported.Add(at)
                || !model.ClaimReport(Descriptor.Id, at))
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptor, at.Syntax.GetLocation(), gradient.Syntax.ToString()));
        }
    }

    /// <summary>
    /// The gradient read under the root, when everything under it is that gradient, its square, or an epsilon: a
    /// storage that no update of the type averages, that is not the parameter being updated, and that the update also
    /// reads outside the root (the step's direction) or is named like a gradient. <paramref name="at"/> is where the
    /// mistake is written: the root, or the argument a step passes to a helper that takes the root.
    /// </summary>
    private static IOperation? CurrentGradientUnder(AdaptiveQuotient quotient, TypeModel model, out IOperation at)
    {
        // A helper's parameter is what the step passes it: `dx / Rms(Math.Pow(dx, 2))` (gdo) takes the root of dx²,
        // and the mistake is in that argument, not in the helper that other steps call with their averages.
        IOperation written = model.ValueUnder(quotient.Argument);
        IOperation under = quotient.AsPassed(written);
        at = under == written ? quotient.SquareRoot : under;
        IOperation? gradient = null;
        foreach ((IOperation term, bool negative) in Terms(under))
        {
            if (IsEpsilonLike(term))
            {
                continue;
            }

            IOperation value = SquaredValue(term, model) ?? term;
            if (negative || Root(value) is not { } storage || model.IsAveraged(storage) || IsUpdated(storage, quotient.Update)
                || !(IsElementAccess(value) || Unwrap(value) is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation)
                || !(ReadOutsideRoot(storage, quotient) || LooksLikeGradient(storage.Name)))
            {
                return null;
            }

            if (gradient is not null && !Same(gradient, value))
            {
                return null;
            }

            gradient = value;
        }

        return gradient;
    }

    /// <summary>For <c>x * x</c> or <c>Pow(x, 2)</c>, x; null for anything else.</summary>
    private static IOperation? SquaredValue(IOperation term, TypeModel model)
    {
        List<IOperation> factors = Factors(term);
        if (factors.Count == 2 && Same(factors[0], factors[1]))
        {
            return factors[0];
        }

        return Unwrap(term) is IInvocationOperation { TargetMethod.Name: "Pow" or "pow" } pow && IsSquare(term, model.LocalDefinitionsFor(term))
            ? pow.Instance ?? pow.Arguments[0].Value
            : null;
    }

    /// <summary>A constant, or a storage named like an epsilon (<c>eps</c>, <c>_epsilon</c>, <c>Eps</c>).</summary>
    private static bool IsEpsilonLike(IOperation term) =>
        IsConstant(term) || Weights.Symbol(term) is { } symbol && symbol.Name.TrimStart('_').ToLowerInvariant() is "eps" or "epsilon" or "e" or "delta" or "fuzz";

    private static bool IsUpdated(ISymbol storage, IOperation update) =>
        update switch
        {
            ICompoundAssignmentOperation compound => SymbolEqualityComparer.Default.Equals(Root(compound.Target), storage),
            ISimpleAssignmentOperation simple => SymbolEqualityComparer.Default.Equals(Root(simple.Target), storage),
            IInvocationOperation call => SymbolEqualityComparer.Default.Equals(Root(call.Instance), storage),
            _ => false,
        };

    /// <summary>
    /// Whether the step reads the value outside the root: in the parameter update, or in the quotient itself when that
    /// is computed in a local first (<c>var dx = -lr * gij / Math.Sqrt(gij * gij); w[j] += dx;</c>). A read in the
    /// argument of the helper that takes the root (<c>Rms(_cache)</c>) is under the root.
    /// </summary>
    private static bool ReadOutsideRoot(ISymbol storage, AdaptiveQuotient quotient) =>
        ReadsOf(quotient.Update, storage).Concat(ReadsOf(quotient.Division, storage))
            .Any(read => !IsWithin(read, quotient.SquareRoot) && !(quotient.HelperCall is { } helper && IsWithin(read, helper)));

    private static bool LooksLikeGradient(string name) =>
        name.TrimStart('_').ToLowerInvariant() is "g" or "grad" or "grads" or "gradient" or "gradients" or "dw" or "dx" or "gi" or "gt" or "dp";
}
