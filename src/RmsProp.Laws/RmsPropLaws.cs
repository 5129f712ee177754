using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

namespace RmsProp.Laws;

/// <summary>
/// The laws an RMSProp step must obey, checked against any implementation: <c>Check</c> runs all of them,
/// <see cref="CheckLaw"/> one, and <see cref="Verify"/> throws with every failed law and its shrunk counterexample.
/// </summary>
/// <remarks>
/// Each law is an FsCheck property over generated hyperparameters, gradient sequences or quadratics
/// (<see cref="RmsPropArbitraries"/>); each runs in float and in double unless its statement says otherwise. The
/// statements, with their tolerances, are in each law's <see cref="RmsPropLaw.Statement"/> and in the
/// documentation of the properties below. Every run starts from the fixed seed
/// <see cref="RmsPropLawSettings.DefaultSeed"/> (change it in <see cref="RmsPropLawSettings"/>), so a failure in CI
/// fails the same way on a laptop, and a failure message prints the seed, the size and a line that replays it.
/// "Any options" means any the implementation declares (<see cref="RmsPropImplementation.Support"/>): of eps
/// placement, centring, momentum and its convention, weight decay, maximize and starting average, in the ranges
/// <see cref="RmsPropArbitraries"/> draws, except centring together with weight
/// decay: there the centred variance can vanish, each step approaches lr*g/eps, and the decay feeds the grown
/// parameters back into g until they overflow, which is RMSProp's own behaviour rather than an implementation's
/// fault (law 4 keeps the combination, at rho &gt;= 0.9).
/// </remarks>
public static class RmsPropLaws
{
    /// <summary>Law 1. See <see cref="RmsPropLaw.Statement"/>.</summary>
    public static RmsPropLaw SquareAverageIsNonNegativeAndFinite { get; } = Statements.SquareAverage();

    /// <summary>Law 2. See <see cref="RmsPropLaw.Statement"/>.</summary>
    public static RmsPropLaw StepIsBounded { get; } = Statements.BoundedStep();

    /// <summary>Law 3. See <see cref="RmsPropLaw.Statement"/>.</summary>
    public static RmsPropLaw FirstStepHasClosedForm { get; } = Statements.FirstStep();

    /// <summary>Law 4. See <see cref="RmsPropLaw.Statement"/>.</summary>
    public static RmsPropLaw ConvergesOnConvexQuadratics { get; } = Statements.Convergence();

    /// <summary>Law 5. See <see cref="RmsPropLaw.Statement"/>.</summary>
    public static RmsPropLaw StepIsPure { get; } = Statements.Purity();

    /// <summary>Law 6. See <see cref="RmsPropLaw.Statement"/>.</summary>
    public static RmsPropLaw StepIsScaleInvariant { get; } = Statements.ScaleInvariance();

    /// <summary>Law 7. See <see cref="RmsPropLaw.Statement"/>.</summary>
    public static RmsPropLaw CoordinatesAreIndependent { get; } = Statements.Permutation();

    /// <summary>Law 8. See <see cref="RmsPropLaw.Statement"/>.</summary>
    public static RmsPropLaw LimitsOfRhoAndEpsilon { get; } = Statements.Limits();

    /// <summary>Law 9. See <see cref="RmsPropLaw.Statement"/>.</summary>
    public static RmsPropLaw CenteredVarianceIsNonNegative { get; } = Statements.CenteredVariance();

    /// <summary>Law 10. See <see cref="RmsPropLaw.Statement"/>.</summary>
    public static RmsPropLaw FloatAgreesWithDouble { get; } = Statements.Precision();

    /// <summary>Law 11. See <see cref="RmsPropLaw.Statement"/>.</summary>
    public static RmsPropLaw BatchEqualsOneCoordinateAtATime { get; } = Statements.Batch();

    /// <summary>Law 12. See <see cref="RmsPropLaw.Statement"/>.</summary>
    public static RmsPropLaw CheckpointPreservesTheFuture { get; } = Statements.Checkpoint();

    /// <summary>Law 13. See <see cref="RmsPropLaw.Statement"/>.</summary>
    public static RmsPropLaw AgreesWithTheReferenceKernel { get; } = Statements.Reference();

    /// <summary>All the laws, in order.</summary>
    public static IReadOnlyList<RmsPropLaw> All { get; } =
    [
        SquareAverageIsNonNegativeAndFinite,
        StepIsBounded,
        FirstStepHasClosedForm,
        ConvergesOnConvexQuadratics,
        StepIsPure,
        StepIsScaleInvariant,
        CoordinatesAreIndependent,
        LimitsOfRhoAndEpsilon,
        CenteredVarianceIsNonNegative,
        FloatAgreesWithDouble,
        BatchEqualsOneCoordinateAtATime,
        CheckpointPreservesTheFuture,
        AgreesWithTheReferenceKernel,
    ];

    /// <summary>The law with the given number, for test runners that name each law by its number (xunit theory data).</summary>
    /// <param name="number">1 to the number of laws.</param>
    /// <returns>The law.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No law has that number.</exception>
    public static RmsPropLaw Numbered(int number) =>
        All.SingleOrDefault(law => law.Number == number)
        ?? throw new ArgumentOutOfRangeException(nameof(number), number, $"The laws are numbered 1 to {All.Count}.");

    /// <summary>Checks <paramref name="implementation"/> against every law, from the fixed default seed.</summary>
    /// <param name="implementation">The implementation under test.</param>
    /// <returns>One result per law.</returns>
    public static RmsPropLawReport Check(RmsPropImplementation implementation) => CheckLaws(All, implementation);

    /// <summary>Checks <paramref name="implementation"/> against every law with the given seed.</summary>
    /// <param name="implementation">The implementation under test.</param>
    /// <param name="settings">The seed (or a replay).</param>
    /// <returns>One result per law.</returns>
    public static RmsPropLawReport Check(RmsPropImplementation implementation, RmsPropLawSettings settings) => CheckLaws(All, implementation, settings);

    /// <summary>Checks <paramref name="implementation"/> against the given laws (a subset, or laws with other budgets).</summary>
    /// <param name="laws">The laws to check, in the order to report them.</param>
    /// <param name="implementation">The implementation under test.</param>
    /// <param name="settings">The seed; <see cref="RmsPropLawSettings.Default"/> when null.</param>
    /// <returns>One result per law.</returns>
    public static RmsPropLawReport CheckLaws(IEnumerable<RmsPropLaw> laws, RmsPropImplementation implementation, RmsPropLawSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(laws);
        ArgumentNullException.ThrowIfNull(implementation);
        return new RmsPropLawReport(implementation.Name, laws.Select(law => CheckLaw(law, implementation, settings)).ToArray());
    }

    /// <summary>Checks <paramref name="implementation"/> against every law and throws if any fails.</summary>
    /// <param name="implementation">The implementation under test.</param>
    /// <exception cref="RmsPropLawException">A law failed; the message names each failed law and its counterexample.</exception>
    public static void Verify(RmsPropImplementation implementation) => Check(implementation).ThrowIfFailed();

    /// <summary>Checks <paramref name="implementation"/> against one law, from the fixed default seed unless <paramref name="settings"/> say otherwise.</summary>
    /// <param name="law">The law.</param>
    /// <param name="implementation">The implementation under test.</param>
    /// <param name="settings">The seed or a replay; <see cref="RmsPropLawSettings.Default"/> when null.</param>
    /// <returns>Passed, failed with the shrunk counterexample, or not applicable with the reason.</returns>
    public static RmsPropLawResult CheckLaw(RmsPropLaw law, RmsPropImplementation implementation, RmsPropLawSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(law);
        ArgumentNullException.ThrowIfNull(implementation);
        settings ??= RmsPropLawSettings.Default;
        if (law.WhyNotApplicable(implementation) is string reason)
        {
            return new RmsPropLawResult(law, implementation, RmsPropLawVerdict.NotApplicable, 0, string.Empty, $"not applicable to {implementation.Name} ({implementation.Support}; {implementation.NumberTypes}): {reason}.", null);
        }

        Outcome outcome = Run(law.PropertyFor(implementation), settings.Replay is null ? law.MaxTest : 1, $"{law} [{implementation.Name}]", settings);
        if (outcome.Passed)
        {
            return new RmsPropLawResult(law, implementation, RmsPropLawVerdict.Passed, outcome.TestsRun, string.Empty, $"{law} held for {implementation.Name} on {outcome.TestsRun} cases from seed {settings.Seed}.", null);
        }

        string counterexample = string.Join(", ", outcome.Shrunk);
        var message = new StringBuilder();
        message.Append(law).Append(" failed for ").Append(implementation.Name).AppendLine(".");
        message.Append("  Declared:       ").Append(implementation.Support).Append("; ").AppendLine(implementation.NumberTypes);
        message.Append("  The law:        ").AppendLine(law.Statement);
        message.Append("  Shrunk case:    ").AppendLine(counterexample.Length == 0 ? "(none)" : counterexample);
        message.Append("  What happened:  ").AppendLine(outcome.Violation);
        message.Append("  Found after ").Append(outcome.TestsRun).Append(" cases, seed ").Append(settings.Seed)
            .Append(", size ").Append(outcome.Replay?.Size.ToString(CultureInfo.InvariantCulture) ?? "?").AppendLine(".");
        if (outcome.Replay is not null)
        {
            message.Append("  Replay:         RmsPropLaws.CheckLaw(law, implementation, new RmsPropLawSettings { Replay = RmsPropLawReplay.Parse(\"")
                .Append(outcome.Replay).Append("\") })");
        }

        return new RmsPropLawResult(law, implementation, RmsPropLawVerdict.Failed, outcome.TestsRun, counterexample, message.ToString(), outcome.Replay);
    }

    /// <summary>What FsCheck concluded about a property, as a value.</summary>
    internal sealed record Outcome(bool Passed, int TestsRun, IReadOnlyList<object> Shrunk, string Violation, string Message, RmsPropLawReplay? Replay);

    /// <summary>Runs a property from the settings' seed and keeps the verdict instead of printing or throwing it.</summary>
    internal static Outcome Run(Property property, int maxTest, string name, RmsPropLawSettings? settings = null)
    {
        settings ??= RmsPropLawSettings.Default;
        Replay replay = settings.Replay is RmsPropLawReplay r
            ? new Replay(new Rnd(r.Seed, r.Gamma), FSharpOption<int>.Some(r.Size))
            : new Replay(new Rnd(settings.Seed), FSharpOption<int>.None);
        var capture = new Capture();
        Config config = Config.Quick
            .WithMaxTest(maxTest)
            .WithName(name)
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(replay))
            .WithRunner(capture);
        FsCheck.Check.One(config, property);

        TestResult result = capture.Result ?? throw new InvalidOperationException("FsCheck finished without a result.");
        // FsCheck's own account is formatted by reflection, which costs seconds on a cold start: only failures pay for it.
        string Message() => Runner.onFinishedToString(name, result);
        return result switch
        {
            TestResult.Passed passed => new Outcome(true, passed.Item1.NumberOfTests, [], string.Empty, string.Empty, null),
            TestResult.Failed failed => new Outcome(
                false,
                failed.Item1.NumberOfTests,
                [.. failed.Item3],
                Violation(failed),
                Message(),
                new RmsPropLawReplay(failed.Item6.Seed, failed.Item6.Gamma, failed.Item7)),
            TestResult.Exhausted exhausted => new Outcome(false, exhausted.Item.NumberOfTests, [], "too many cases were discarded", Message(), null),
            _ => throw new InvalidOperationException($"Unknown FsCheck result {result}."),
        };
    }

    /// <summary>The property's own words for what went wrong: its labels, or the exception a step threw.</summary>
    private static string Violation(TestResult.Failed failed)
    {
        string labels = string.Join("; ", failed.Item1.Labels);
        return failed.Item4 is FsCheck.Outcome.Failed { Item: Exception thrown }
            ? (labels.Length == 0 ? string.Empty : labels + "; ") + $"the step threw {thrown.GetType().Name}: {thrown.Message}"
            : labels;
    }

    /// <summary>Keeps FsCheck's verdict instead of printing it, so a failure becomes a value to report.</summary>
    private sealed class Capture : IRunner
    {
        public TestResult? Result { get; private set; }

        public void OnStartFixture(Type testType)
        {
        }

        public void OnArguments(int ntest, FSharpList<object> args, FSharpFunc<int, FSharpFunc<FSharpList<object>, string>> every)
        {
        }

        public void OnShrink(FSharpList<object> args, FSharpFunc<FSharpList<object>, string> everyShrink)
        {
        }

        public void OnFinished(string name, TestResult testResult) => Result = testResult;
    }
}
