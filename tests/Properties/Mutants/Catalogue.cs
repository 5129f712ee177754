using System;
using System.Collections.Generic;
using System.Linq;
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
internal sealed record Mutant(string Name, Mistake Mistake, int[] MustBeRejectedBy, string Why)
{
    /// <summary>A fresh instance: the mutant that keeps state in a field must not carry it from one check to the next.</summary>
    internal RmsPropImplementation Create(RmsPropSupport support) => new Textbook(Mistake).ToImplementation(Name, support);

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
    ];

    /// <summary>RmsProp.Functional's three entry points: no law may reject them.</summary>
    internal static IReadOnlyList<RmsPropImplementation> Real { get; } =
        [RmsPropFunctionalSteps.Step, RmsPropFunctionalSteps.Update, RmsPropFunctionalSteps.StepInPlace];

    internal static Mutant Named(string name) =>
        Mutants.SingleOrDefault(m => m.Name == name) ?? throw new ArgumentException($"No mutant is called {name}.", nameof(name));
}
