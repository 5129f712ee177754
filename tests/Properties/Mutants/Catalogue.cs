using System;
using System.Collections.Generic;
using System.Linq;
using RmsProp.Functional;
using RmsProp.Laws;

namespace RmsProp.Properties.Mutants;

/// <summary>
/// A broken RMSProp and the laws that, by the derivation in <see cref="Why"/>, must reject it. The kill matrix may
/// show more; these are the ones the test insists on.
/// </summary>
/// <param name="Name">The column name in the kill matrix.</param>
/// <param name="Mistake">The one change to the textbook step.</param>
/// <param name="MustBeRejectedBy">Law numbers that reject the mistake on almost every generated case.</param>
/// <param name="Why">The reasoning behind <paramref name="MustBeRejectedBy"/>.</param>
/// <param name="AsObject">Whether it is shaped as an optimizer object with hidden averages (in double).</param>
/// <param name="Needs">The declaration its mistake needs to show (a wrong Nesterov step is the right plain step), or null for any.</param>
internal sealed record Mutant(string Name, Mistake Mistake, int[] MustBeRejectedBy, string Why, bool AsObject = false, string? Needs = null)
{
    /// <summary>Whether the kill matrix checks it under <paramref name="declaration"/>.</summary>
    internal bool CheckedUnder(string declaration) => Needs is null || Needs == declaration;

    /// <summary>A fresh instance: the mutant that keeps state in a field must not carry it from one check to the next.</summary>
    internal RmsPropImplementation Create(RmsPropSupport support) => AsObject
        ? RmsPropImplementation.Stateful<double>(Name, (options, n) => new TextbookObject(new Textbook(Mistake), options, n).Step).Supporting(support)
        : new Textbook(Mistake).ToImplementation(Name, support);

    public override string ToString() => Name;
}

internal static class Catalogue
{
    /// <summary>The textbook step without a mistake; it must pass every law, or the mutants' kills mean nothing.</summary>
    internal static Mutant Control { get; } = new("textbook", Mistake.None, [], "No mistake: no law may reject it.");

    internal static IReadOnlyList<Mutant> Mutants { get; } =
    [
        new("raw-g", Mistake.RawGradientInAverage, [1, 3],
            "A negative g makes s negative at once (law 1); the first step uses sqrt((1-rho)g) instead of sqrt(1-rho)|g| (law 3)."),
        new("no-eps", Mistake.NoEpsilon, [3, 8],
            "The first step and every rho = 0 step lose the + eps that the closed forms keep, and eps is drawn up to 1, comparable to |g|."),
        new("swapped", Mistake.SwappedDecayWeights, [3, 8],
            "The first step divides by sqrt(rho)|g| instead of sqrt(1-rho)|g| (law 3); with rho = 0 the average never moves from s0, so the step is not lr*g/(|g|+eps) (law 8)."),
        new("reset", Mistake.StateResetEveryStep, [4],
            "Every move is the first move, lr/sqrt(1-rho), so on a quadratic it hops around the minimiser at up to 31 lr and never comes within lr_T (law 4)."),
        new("stale", Mistake.StaleAverageInDenominator, [2, 3],
            "From s = 0 the first step divides by eps alone: lr*g/eps, far beyond lr/sqrt(1-rho) (law 2) and the closed form (law 3)."),
        new("rho=0", Mistake.RhoZeroByIntegerDivision, [3],
            "The first step divides by |g| instead of sqrt(1-rho)|g| whenever rho > 0 (law 3)."),
        new("notebook-sum", Mistake.NotebookRunningSum, [2, 4],
            "Two same-sign steps already move 2lr/sqrt(1-rho^2) > lr/sqrt(1-rho) (law 2); the sum never forgets, so it overshoots the minimiser (law 4)."),
        new("unfused-body", Mistake.UnfusedVectorBody, [7, 11],
            "A coordinate's bits depend on whether it falls in the vector body or the tail: moving it there by a permutation (law 7) or stepping it alone (law 11) changes them."),
        new("writes-inputs", Mistake.WritesIntoItsInputs, [5],
            "The state passed in is overwritten (law 5)."),
        new("field-state", Mistake.StateKeptInAField, [5, 12],
            "A second call from the same state reads the field the first call advanced (law 5); so does a run resumed from a checkpoint (law 12)."),
        new("missing-1-rho", Mistake.NoOneMinusRho, [3, 13],
            "The first step divides by |g| instead of sqrt(1-rho)|g| (law 3), and every later one by a sum that grows to 1/(1-rho) times the average (law 13)."),
        new("ascent", Mistake.Ascent, [3, 4, 13],
            "Every move has the wrong sign: the first step's closed form (law 3), the quadratic's minimiser runs away (law 4), the kernel moves the other way (law 13)."),
        new("lr-squared", Mistake.LearningRateSquared, [3, 13],
            "The first step is lr^2|g|/(...) instead of lr|g|/(...), off by a factor lr (law 3); so is every step against the kernel (law 13)."),
        new("object-reset", Mistake.StateResetEveryStep, [13],
            "An optimizer object that rebuilds its average in every call: each move is the first move, which the kernel's second step is not (law 13).",
            AsObject: true),
        new("no-sqrt", Mistake.NoSquareRoot, [3, 6, 13],
            "The first step is lr g/((1-rho)g^2 + eps), not the closed form (law 3); g/s scales as 1/g, so doubling g changes the run (law 6)."),
        new("eps-inside", Mistake.EpsilonAlwaysInsideRoot, [3],
            "Declared outside, written inside: the first step is lr|g|/sqrt((1-rho)g^2 + eps), which differs from lr|g|/(sqrt(1-rho)|g| + eps) once eps is not tiny (law 3)."),
        new("eps-precedence", Mistake.EpsilonOutsideTheFraction, [3, 13],
            "eps is subtracted from w at every step, so a zero gradient still moves w (law 3), and the first step from s = 0 divides by 0."),
        new("g2+g", Mistake.SquarePlusRawGradient, [1, 3],
            "A gradient in (-1, 0) makes g^2 + g negative and with it s (law 1); the first step is not the closed form (law 3)."),
        new("sign", Mistake.SignOfGradient, [3, 13],
            "Every move is lr whatever the average, not lr|g|/(sqrt(1-rho)|g| + eps) (law 3), and not the kernel's (law 13)."),
        new("bias-corrected", Mistake.BiasCorrected, [3, 13],
            "The first step divides by |g| (the corrected average is g^2) instead of sqrt(1-rho)|g| (law 3); later steps too (law 13)."),
        new("shared-s", Mistake.SharedAverage, [7, 11, 13],
            "One average for all coordinates ties each coordinate to the others: permuting them is fine but running one alone is not (law 11); the kernel keeps one per coordinate (law 13)."),
        new("nesterov-old-buffer", Mistake.NesterovWithOldBuffer, [3, 13],
            "From a zero buffer the first Nesterov step is x, not (1 + mu)x (law 3); every later look-ahead lags a step behind the kernel's (law 13).",
            Needs: "full"),
        new("decay-without-lr", Mistake.DecoupledDecayWithoutLearningRate, [13],
            "w shrinks by wd*w instead of lr*wd*w, 1/lr times too much, which the kernel's run does not (law 13).",
            Needs: "full"),
    ];

    /// <summary>The textbook step as an optimizer object: no law that can see it may reject it.</summary>
    internal static Mutant ControlObject { get; } = new("textbook object", Mistake.None, [], "No mistake.", AsObject: true);

    /// <summary>RmsProp.Functional's three entry points: no law may reject them.</summary>
    internal static IReadOnlyList<RmsPropImplementation> Real { get; } =
        [RmsPropFunctionalSteps.Step, RmsPropFunctionalSteps.Update, RmsPropFunctionalSteps.StepInPlace];

    internal static Mutant Named(string name) =>
        Mutants.SingleOrDefault(m => m.Name == name) ?? throw new ArgumentException($"No mutant is called {name}.", nameof(name));
}

/// <summary>The textbook step as people write an optimizer object: it keeps its averages in a field, sets by its options once.</summary>
internal sealed class TextbookObject(Textbook textbook, RmsPropOptions options, int length)
{
    private RmsPropStepState<double> _state = RmsPropStepState<double>.Start(options, new double[length]);

    public void Step(double[] parameters, double[] gradient)
    {
        _state = textbook.Step(options, _state.WithParameters(parameters), gradient);
        _state.Parameters.CopyTo(parameters, 0);
    }
}
