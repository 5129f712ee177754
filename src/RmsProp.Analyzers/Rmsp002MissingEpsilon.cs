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
    private const string Title = "The adaptive denominator has no epsilon";
    private const string Message = "The update divides by '{0}' with no epsilon; a coordinate whose gradients have all been 0 divides by 0, so add a small epsilon inside or after the root";
    private const string Description = "Adaptive optimizers (RMSProp, Adam, AdaGrad) divide by the root of an average of squared gradients. Without a small epsilon (added inside or outside the root, or as a floor with Math.Max) the step is 0/0 = NaN for a coordinate that has seen only zero gradients.";

    /// <summary>RMSP002's descriptor.</summary>
    public static readonly DiagnosticDescriptor Descriptor = Rules.Create("RMSP002", Title, Message, Description);

    /// <summary>
    /// RMSP002 on a sum of squares held in a parameter that a caller elsewhere in the compilation starts at 0: the same
    /// rule, reported when the compilation ends (the join of the callers' arguments with the sum,
    /// <see cref="ParameterStartFacts"/>), hence its CompilationEnd tag.
    /// </summary>
    public static readonly DiagnosticDescriptor CallerStartDescriptor = Rules.Create("RMSP002", Title, Message, Description, WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>
    /// The diagnostic property set to "true" when the root is that of a quotient whose divisor is the average: it
    /// multiplies the update, so no epsilon added after it guards anything, and the fix offers none.
    /// </summary>
    internal const string RootOfQuotientProperty = "RootOfQuotient";

    /// <summary>Reports RMSP002 in one type's model.</summary>
    internal static void Analyze(TypeModel model, SymbolAnalysisContext context)
    {
        foreach (Denominator denominator in Unguarded(model))
        {
            if (!model.StartsPositiveAndOnlyGrows(denominator.Accumulator) && model.ClaimReport(Descriptor.Id, denominator.SquareRoot))
            {
                context.ReportDiagnostic(Create(Descriptor, denominator.SquareRoot.Syntax.GetLocation(), denominator.RootOfQuotient, denominator.SquareRoot.Syntax.ToString()));
            }
        }
    }

    /// <summary>
    /// Holds back, until the callers are known, each unguarded root of a sum of squares held in a parameter that the
    /// type neither passes nor starts (<see cref="AccumulatorStart.ByCaller"/>).
    /// </summary>
    internal static void HoldBackForCallers(TypeModel model, ParameterStartFacts parameterStarts)
    {
        foreach (Denominator denominator in Unguarded(model))
        {
            if (denominator.Accumulator is IParameterSymbol parameter && model.StartOf(parameter) == AccumulatorStart.ByCaller)
            {
                parameterStarts.HoldBack(parameter, denominator);
            }
        }
    }

    /// <summary>Reports the held-back roots whose sum a caller of the compilation starts at 0.</summary>
    internal static void AnalyzeCallerStarts(ParameterStartFacts parameterStarts, CompilationAnalysisContext context)
    {
        foreach (ParameterStartFacts.HeldBack held in parameterStarts.StartedAtZeroByACaller(context.CancellationToken))
        {
            context.ReportDiagnostic(Create(CallerStartDescriptor, held.Location, held.RootOfQuotient, held.Root));
        }
    }

    /// <summary>Each root of a denominator with no epsilon, once (a root that one use guards is guarded).</summary>
    private static IEnumerable<Denominator> Unguarded(TypeModel model)
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
            if (!guarded.Contains(denominator.SquareRoot) && reported.Add(denominator.SquareRoot))
            {
                yield return denominator;
            }
        }
    }

    private static Diagnostic Create(DiagnosticDescriptor descriptor, Location location, bool rootOfQuotient, string root) =>
        Diagnostic.Create(
            descriptor,
            location,
            rootOfQuotient ? ImmutableDictionary<string, string?>.Empty.Add(RootOfQuotientProperty, "true") : null,
            root);
}
