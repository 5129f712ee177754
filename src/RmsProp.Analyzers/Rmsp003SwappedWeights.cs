using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RmsProp.Analyzers.Shape;
using static RmsProp.Analyzers.Shape.Expressions;

namespace RmsProp.Analyzers;

/// <summary>
/// RMSP003: an optimizer's running average keeps (1 - rho) of the old value and adds rho of the new one, puts
/// one weight on both terms, or has the square added once more before its update. Outside optimizer code the smoothing-factor convention <c>(1 - a)*avg + a*x</c> is
/// normal and left alone.
/// </summary>
public static class Rmsp003SwappedWeights
{
    /// <summary>RMSP003's descriptor.</summary>
    public static readonly DiagnosticDescriptor Descriptor = Rules.Create(
        "RMSP003",
        "The decay weights of the moving average are swapped",
        "'{0}' weights the old average by '{1}' and the new term by '{2}'; expected rho on the old average and 1 - rho on the new term",
        "An exponential moving average keeps rho of the old value and adds (1 - rho) of the new one. Swapped weights make the average forget almost everything each step; the same weight a on both terms makes it settle at a/(1 - a) times the squared gradient instead of the squared gradient (9 g^2 at a = 0.9, so every step shrinks to lr/3).");

    /// <summary>The diagnostic property that tells the code fix which repair applies.</summary>
    public const string FormProperty = "Form";

    /// <summary>The <see cref="FormProperty"/> value of a square added to the average before the average's own update.</summary>
    public const string AddedTwice = "AddedTwice";

    /// <summary>Reports RMSP003 in one type's model.</summary>
    internal static void Analyze(TypeModel model, SymbolAnalysisContext context)
    {
        foreach (Average average in model.Averages)
        {
            model.Cancellation.ThrowIfCancellationRequested();
            if (!model.InOptimizerStep(average) || (Problem(average, model) ?? NormalFormProblem(average, model)) is not { } form)
            {
                continue;
            }

            var additional = new List<Location>();
            if (average.OldWeight is not null)
            {
                additional.Add(average.OldWeight.Syntax.GetLocation());
            }

            if (average.NewWeight is not null)
            {
                additional.Add(average.NewWeight.Syntax.GetLocation());
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptor,
                average.Value.Syntax.GetLocation(),
                additional,
                ImmutableDictionary<string, string?>.Empty.Add(FormProperty, form),
                average.Storage.Name,
                average.OldWeight?.Syntax.ToString() ?? average.Normal?.Describe(average.Normal.OldWeight) ?? "1",
                average.NewWeight?.Syntax.ToString() ?? (average.Normal?.NewWeight is { } newWeight ? average.Normal.Describe(newWeight) : "1")));
        }

        ReportSquaresAddedTwice(model, context);
    }

    /// <summary>
    /// <c>s[i] += g*g;</c> followed by <c>s[i] = rho*s[i] + (1 - rho)*g*g;</c> in the same pass: together they give
    /// <c>rho*s + g*g</c>, a new-term weight of 1, which settles at g^2/(1 - rho). Reported on the extra addition.
    /// </summary>
    private static void ReportSquaresAddedTwice(TypeModel model, SymbolAnalysisContext context)
    {
        foreach (Average average in model.Averages)
        {
            model.Cancellation.ThrowIfCancellationRequested();
            if (average.Form is not (AverageForm.Weighted or AverageForm.Lerp) || average.Target is null || !model.FeedsDenominator(average))
            {
                continue;
            }

            foreach (Average extra in model.Averages)
            {
                model.Cancellation.ThrowIfCancellationRequested();
                if (extra == average || extra.Form != AverageForm.Sum
                    || !SymbolEqualityComparer.Default.Equals(extra.Storage, average.Storage) || !Same(extra.Target, average.Target)
                    || TypeModel.BodyOf(extra.Assignment) != TypeModel.BodyOf(average.Assignment)
                    || extra.Assignment.Syntax.SpanStart >= average.Assignment.Syntax.SpanStart
                    || Ancestor<ILoopOperation>(extra.Assignment) != Ancestor<ILoopOperation>(average.Assignment)
                    || AreExclusive(extra.Assignment, average.Assignment)
                    || !IsSquare(extra.NewTerm, model.LocalDefinitionsFor(extra.Assignment)))
                {
                    continue;
                }

                string decay = average.OldWeight?.Syntax.ToString()
                    ?? (average.NewWeight is { } step ? Weights.Complement(step)?.Syntax.ToString() ?? "1 - " + step.Syntax : "1");
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptor,
                    extra.Assignment.Syntax.GetLocation(),
                    ImmutableDictionary<string, string?>.Empty.Add(FormProperty, AddedTwice),
                    average.Storage.Name,
                    decay,
                    "1"));
            }
        }
    }

    /// <summary>
    /// The weights of the update's normal form (<c>A*old + C*x</c>), for spellings the shape does not read: weights
    /// in locals or fields of their own, multiplied out, method chains. A weight that divides integers is left to RMSP006.
    /// In the average of squares under an adaptive root, a decay named alpha of unknown value is PyTorch's alpha (0.99),
    /// read from a parameter or a configuration object (<c>ms *= 1 - alpha</c>, <c>(1 - _cfg.Alpha) * s</c>).
    /// </summary>
    private static string? NormalFormProblem(Average average, TypeModel model) =>
        average.Normal is { } normal
        && !(average.OldWeight is { } old && Weights.HasIntegerDivision(old)) && !(average.NewWeight is { } added && Weights.HasIntegerDivision(added))
        && !Weights.HasIntegerDivision(average.Value)
            ? normal.WeightProblem(alphaIsDecay: normal.NewTermIsSquare && model.FeedsDenominator(average))
            : null;

    /// <summary>"Swapped", "SameWeight" or "Lerp" when the weights are wrong; null when they are right or unknown.</summary>
    private static string? Problem(Average average, TypeModel model)
    {
        if (average.Form == AverageForm.Lerp)
        {
            // s += w*(x - s): w is the weight of the new term and must be the small one, 1 - rho.
            return average.NewWeight is { } written && Weights.Resolve(written, model) is var weight && Weights.Complement(weight) is null
                && !Weights.HasIntegerDivision(weight) && Weights.IsDecay(weight, model)
                ? "Lerp"
                : null;
        }

        // A weight that divides integers (9 / 10) is RMSP006's mistake; swapping it would only move the zero.
        if (average.Form != AverageForm.Weighted || average.OldWeight is null || average.NewWeight is null
            || Weights.HasIntegerDivision(average.OldWeight) || Weights.HasIntegerDivision(average.NewWeight))
        {
            return null;
        }

        // Judge what the weights stand for (SIMD code broadcasts rho into vectors first); the fix still swaps the
        // weights as written.
        IOperation old = Weights.Resolve(average.OldWeight, model);
        IOperation added = Weights.Resolve(average.NewWeight, model);

        if (Same(old, added))
        {
            return Weights.Value(old, model) is 0.5 ? null : "SameWeight";
        }

        if (Weights.Complement(old) is { } decay && Same(decay, added))
        {
            return Weights.IsDecay(decay, model) ? "Swapped" : null;
        }

        if (Weights.Value(old, model) is { } oldValue && Weights.Value(added, model) is { } newValue)
        {
            // float weights (0.1f + 0.9f) miss 1 by about 1e-8 once widened to double.
            if (System.Math.Abs(oldValue + newValue - 1) > 1e-6)
            {
                return oldValue == newValue ? "SameWeight" : null;
            }

            return newValue > oldValue && newValue > 0.5 ? "Swapped" : null;
        }

        return null;
    }
}
