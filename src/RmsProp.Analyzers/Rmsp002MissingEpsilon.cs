using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RmsProp.Analyzers.Shape;

namespace RmsProp.Analyzers;

/// <summary>
/// RMSP002: the square root of a running average (or sum) of squared gradients divides a parameter update with no
/// epsilon inside the root, after it, or as a floor.
/// </summary>
public static class Rmsp002MissingEpsilon
{
    /// <summary>RMSP002's descriptor.</summary>
    public static readonly DiagnosticDescriptor Descriptor = Rules.Create(
        "RMSP002",
        "The adaptive denominator has no epsilon",
        "The update divides by '{0}' with no epsilon; a coordinate whose gradients have all been 0 divides by 0, so add a small epsilon inside or after the root",
        "Adaptive optimizers (RMSProp, Adam, AdaGrad) divide by the root of an average of squared gradients. Without a small epsilon (added inside or outside the root, or as a floor with Math.Max) the step is 0/0 = NaN for a coordinate that has seen only zero gradients.");

    /// <summary>
    /// The diagnostic property set to "true" when the root is that of a quotient whose divisor is the average: it
    /// multiplies the update, so no epsilon added after it guards anything, and the fix offers none.
    /// </summary>
    internal const string RootOfQuotientProperty = "RootOfQuotient";

    /// <summary>Reports RMSP002 in one type's model.</summary>
    internal static void Analyze(TypeModel model, SymbolAnalysisContext context)
    {
        var reported = new HashSet<IOperation>();
        var guarded = new HashSet<IOperation>();
        foreach (Denominator denominator in model.Denominators)
        {
            model.Cancellation.ThrowIfCancellationRequested();
            if (denominator.HasEpsilon)
            {
                guarded.Add(denominator.SquareRoot);
            }
        }

        foreach (Denominator denominator in model.Denominators)
        {
            model.Cancellation.ThrowIfCancellationRequested();
            if (denominator.HasEpsilon || guarded.Contains(denominator.SquareRoot) || model.StartsPositiveAndOnlyGrows(denominator.Accumulator)
                || !reported.Add(denominator.SquareRoot))
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptor,
                denominator.SquareRoot.Syntax.GetLocation(),
                denominator.RootOfQuotient ? ImmutableDictionary<string, string?>.Empty.Add(RootOfQuotientProperty, "true") : null,
                denominator.SquareRoot.Syntax.ToString()));
        }
    }
}
