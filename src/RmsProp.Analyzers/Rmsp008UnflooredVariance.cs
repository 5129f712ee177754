using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RmsProp.Analyzers.Shape;
using static RmsProp.Analyzers.Shape.Expressions;

namespace RmsProp.Analyzers;

/// <summary>
/// RMSP008: centered RMSProp takes the root of the variance <c>s - m*m</c> with nothing to keep it at or above 0.
/// The two averages are rounded separately, so when the gradient barely varies the difference can come out slightly
/// negative, and its root is NaN.
/// </summary>
public static class Rmsp008UnflooredVariance
{
    /// <summary>RMSP008's descriptor.</summary>
    public static readonly DiagnosticDescriptor Descriptor = Rules.Create(
        "RMSP008",
        "The centered variance goes under the square root with no floor at 0",
        "'{0}' can round to slightly below 0 when the gradient barely varies, and its root is then NaN; take the root of Math.Max({0}, 0) or add an epsilon under the root",
        "Centered RMSProp divides by the root of s - m*m, the running mean of g^2 minus the square of the running mean of g. The two are rounded separately, so for a nearly constant gradient the difference can be a tiny negative number, whose root is NaN and poisons the weights. A floor at 0 (or an epsilon under the root) keeps it defined.");

    /// <summary>
    /// The diagnostic property that says whether an epsilon is added to the root (or a floor wraps it) on the way to the
    /// division: "true" or "false". Only then does a floor at 0 make the step defined; without one it divides by 0.
    /// </summary>
    public const string EpsilonOutsideProperty = "EpsilonOutside";

    /// <summary>Reports RMSP008 in one type's model.</summary>
    internal static void Analyze(TypeModel model, SymbolAnalysisContext context)
    {
        var reported = new HashSet<IOperation>();
        foreach (AdaptiveQuotient quotient in model.Quotients)
        {
            model.Cancellation.ThrowIfCancellationRequested();
            if (!quotient.UnderAverage || quotient.EpsilonInside || model.IsFlooredLocal(quotient.Argument)
                || !model.ValuesUnder(quotient.Argument).Any(value => IsCenteredVariance(value, model)) || !reported.Add(quotient.SquareRoot)
                || !model.ClaimReport(Descriptor.Id, quotient.Argument))
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptor,
                quotient.Argument.Syntax.GetLocation(),
                ImmutableDictionary<string, string?>.Empty.Add(EpsilonOutsideProperty, quotient.EpsilonOutside ? "true" : "false"),
                quotient.Argument.Syntax.ToString()));
        }
    }

    /// <summary>
    /// <c>s - m*m</c> (also <c>s - Pow(m, 2)</c>, through locals): a running average added, the square of another
    /// running average subtracted, and nothing else.
    /// </summary>
    private static bool IsCenteredVariance(IOperation value, TypeModel model)
    {
        if (IsFloor(value))
        {
            return false;
        }

        List<(IOperation Term, bool Negative)> terms = Terms(value);
        bool averageAdded = false, squareSubtracted = false;
        foreach ((IOperation term, bool negative) in terms)
        {
            if (!negative && Root(term, null) is { } added && model.IsAveraged(added))
            {
                averageAdded = true;
            }
            else if (negative && IsSquare(term, model.LocalDefinitionsFor(term))
                && Factors(term).Any(factor => Root(factor, null) is { } mean && model.IsAveraged(mean) || Unwrap(factor) is IInvocationOperation call && call.Arguments.Any(a => Root(a.Value, null) is { } inner && model.IsAveraged(inner))))
            {
                squareSubtracted = true;
            }
            else
            {
                return false;
            }
        }

        return averageAdded && squareSubtracted;
    }
}
