using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

namespace RmsProp.Laws;

/// <summary>
/// The laws an RMSProp step must obey, checked against any implementation: <see cref="Check"/> runs all of them,
/// <see cref="CheckLaw"/> one, and <see cref="Verify"/> throws with every failed law and its shrunk counterexample.
/// </summary>
/// <remarks>
/// Each law is an FsCheck property over generated hyperparameters, gradient sequences or quadratics
/// (<see cref="RmsPropArbitraries"/>); each runs in float and in double unless its statement says otherwise. The
/// statements, with their tolerances, are in each law's <see cref="RmsPropLaw.Statement"/> and in the
/// documentation of the properties below. Seeds are random, as in FsCheck; a failure message gives the seed.
/// "Any options" means every eps placement, centring, momentum and its convention, weight decay, maximize and
/// starting average, in the ranges <see cref="RmsPropArbitraries"/> draws, except centring together with weight
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

    /// <summary>All twelve laws, in order.</summary>
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
    ];

    /// <summary>Checks <paramref name="implementation"/> against every law.</summary>
    /// <param name="implementation">The implementation under test.</param>
    /// <returns>One result per law.</returns>
    public static RmsPropLawReport Check(RmsPropImplementation implementation) => CheckLaws(All, implementation);

    /// <summary>Checks <paramref name="implementation"/> against the given laws (a subset, or laws with other budgets).</summary>
    /// <param name="laws">The laws to check, in the order to report them.</param>
    /// <param name="implementation">The implementation under test.</param>
    /// <returns>One result per law.</returns>
    public static RmsPropLawReport CheckLaws(IEnumerable<RmsPropLaw> laws, RmsPropImplementation implementation)
    {
        ArgumentNullException.ThrowIfNull(laws);
        ArgumentNullException.ThrowIfNull(implementation);
        return new RmsPropLawReport(implementation.Name, laws.Select(law => CheckLaw(law, implementation)).ToArray());
    }

    /// <summary>Checks <paramref name="implementation"/> against every law and throws if any fails.</summary>
    /// <param name="implementation">The implementation under test.</param>
    /// <exception cref="RmsPropLawException">A law failed; the message names each failed law and its counterexample.</exception>
    public static void Verify(RmsPropImplementation implementation) => Check(implementation).ThrowIfFailed();

    /// <summary>Checks <paramref name="implementation"/> against one law.</summary>
    /// <param name="law">The law.</param>
    /// <param name="implementation">The implementation under test.</param>
    /// <returns>Whether it held, and if not the shrunk counterexample.</returns>
    public static RmsPropLawResult CheckLaw(RmsPropLaw law, RmsPropImplementation implementation)
    {
        ArgumentNullException.ThrowIfNull(law);
        ArgumentNullException.ThrowIfNull(implementation);
        Outcome outcome = Run(law.PropertyFor(implementation), law.MaxTest, $"{law} [{implementation.Name}]");
        return new RmsPropLawResult(law, implementation.Name, outcome.Passed, outcome.TestsRun, string.Join(", ", outcome.Shrunk), outcome.Message);
    }

    /// <summary>What FsCheck concluded about a property, as a value.</summary>
    internal sealed record Outcome(bool Passed, int TestsRun, IReadOnlyList<object> Shrunk, string Message);

    /// <summary>Runs a property with FsCheck's random seed and keeps the verdict instead of printing or throwing it.</summary>
    internal static Outcome Run(Property property, int maxTest, string name)
    {
        var capture = new Capture();
        Config config = Config.Quick
            .WithMaxTest(maxTest)
            .WithName(name)
            .WithQuietOnSuccess(true)
            .WithRunner(capture);
        FsCheck.Check.One(config, property);

        TestResult result = capture.Result ?? throw new InvalidOperationException("FsCheck finished without a result.");
        string message = Runner.onFinishedToString(name, result);
        return result switch
        {
            TestResult.Passed passed => new Outcome(true, passed.Item1.NumberOfTests, [], message),
            TestResult.Failed failed => new Outcome(false, failed.Item1.NumberOfTests, [.. failed.Item3], message),
            TestResult.Exhausted exhausted => new Outcome(false, exhausted.Item.NumberOfTests, [], message),
            _ => throw new InvalidOperationException($"Unknown FsCheck result {result}."),
        };
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
