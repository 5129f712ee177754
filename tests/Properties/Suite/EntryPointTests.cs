using System;
using System.Linq;
using System.Numerics;
using RmsProp.Functional;
using RmsProp.Laws;
using RmsProp.Properties.Mutants;

namespace RmsProp.Properties.Suite;

/// <summary>The public entry point behaves as its documentation says, for passing and failing implementations.</summary>
public sealed class EntryPointTests
{
    // Every law's full run on RmsProp.Functional is the kill matrix's job (KillMatrixTests); these tests run laws
    // with small budgets or on implementations the matrix does not have.

    [Fact]
    public void CheckLaws_reports_every_law_in_order_with_the_budget_it_was_given()
    {
        RmsPropLawReport report = RmsPropLaws.CheckLaws(RmsPropLaws.All.Select(law => law.WithMaxTest(3)), RmsPropFunctionalSteps.Step);

        Assert.Equal(RmsPropLaws.All.Select(law => law.Number), report.Results.Select(r => r.Law.Number));
        Assert.True(report.Passed, report.ToString());
        Assert.All(report.Results, r => Assert.Equal(3, r.TestsRun));
        Assert.All(report.Results, r => Assert.Equal(string.Empty, r.Counterexample));
    }

    [Fact]
    public void A_failed_law_names_itself_the_implementation_and_the_shrunk_counterexample()
    {
        RmsPropImplementation swapped = Catalogue.Named("swapped").Create(RmsPropSupport.Plain);

        RmsPropLawResult result = RmsPropLaws.CheckLaw(RmsPropLaws.FirstStepHasClosedForm, swapped);

        Assert.Equal(RmsPropLawVerdict.Failed, result.Verdict);
        Assert.Contains("Law 3: The first step", result.Message);
        Assert.Contains("failed for swapped", result.Message);
        Assert.Contains("Declared:       plain RMSProp: lr, rho, eps outside the root; float and double", result.Message);
        Assert.Contains(result.Law.Statement, result.Message);
        Assert.Contains("rho=", result.Counterexample);
        Assert.Contains(result.Counterexample, result.Message);
        Assert.Contains("expected", result.Message);
        Assert.Contains($"seed {RmsPropLawSettings.DefaultSeed}, size {result.Replay!.Size}", result.Message);
        Assert.InRange(result.TestsRun, 1, result.Law.MaxTest);
    }

    [Fact]
    public void Verify_throws_naming_the_broken_laws()
    {
        RmsPropLawException thrown = Assert.Throws<RmsPropLawException>(() => RmsPropLaws.Verify(Catalogue.Named("no-eps").Create(RmsPropSupport.Plain)));

        Assert.Contains(3, thrown.Report.Failures.Select(f => f.Law.Number));
        Assert.Contains("FAIL  Law 3", thrown.Message);
        Assert.Contains(thrown.Report.Failures[0].Counterexample, thrown.Message);
    }

    [Fact]
    public void A_failure_replays_from_the_printed_seed_and_size_to_the_same_shrunk_case()
    {
        RmsPropImplementation swapped = Catalogue.Named("swapped").Create(RmsPropSupport.Everything);
        RmsPropLawResult first = RmsPropLaws.CheckLaw(RmsPropLaws.FirstStepHasClosedForm, swapped);
        Assert.NotNull(first.Replay);

        RmsPropLawReplay replay = RmsPropLawReplay.Parse(first.Replay!.ToString());
        RmsPropLawResult replayed = RmsPropLaws.CheckLaw(RmsPropLaws.FirstStepHasClosedForm, swapped, new RmsPropLawSettings { Replay = replay });

        Assert.Equal(RmsPropLawVerdict.Failed, replayed.Verdict);
        Assert.Equal(1, replayed.TestsRun);
        Assert.Equal(first.Counterexample, replayed.Counterexample);
        Assert.Contains(first.Replay.ToString(), first.Message);
    }

    [Fact]
    public void The_default_seed_is_fixed_so_two_runs_find_the_same_case_and_another_seed_may_not()
    {
        RmsPropImplementation swapped = Catalogue.Named("swapped").Create(RmsPropSupport.Everything);
        RmsPropLawResult first = RmsPropLaws.CheckLaw(RmsPropLaws.FirstStepHasClosedForm, swapped);
        RmsPropLawResult second = RmsPropLaws.CheckLaw(RmsPropLaws.FirstStepHasClosedForm, swapped);
        RmsPropLawResult other = RmsPropLaws.CheckLaw(RmsPropLaws.FirstStepHasClosedForm, swapped, new RmsPropLawSettings { Seed = 7 });

        Assert.Equal(first.Replay, second.Replay);
        Assert.Equal(first.Message, second.Message);
        Assert.NotEqual(first.Replay, other.Replay);
    }

    [Fact]
    public void WithMaxTest_sets_how_many_cases_a_law_tries()
    {
        RmsPropLaw quick = RmsPropLaws.StepIsBounded.WithMaxTest(7);

        Assert.Equal(7, RmsPropLaws.CheckLaw(quick, RmsPropFunctionalSteps.Update).TestsRun);
        Assert.Equal(RmsPropLaws.StepIsBounded.Statement, quick.Statement);
        Assert.Throws<ArgumentOutOfRangeException>(() => RmsPropLaws.StepIsBounded.WithMaxTest(0));
    }

    [Fact]
    public void CheckLaws_reports_the_chosen_laws_in_the_given_order()
    {
        RmsPropLawReport report = RmsPropLaws.CheckLaws(
            [RmsPropLaws.CheckpointPreservesTheFuture, RmsPropLaws.StepIsPure],
            Catalogue.Named("field-state").Create(RmsPropSupport.Plain));

        Assert.Equal([12, 5], report.Results.Select(r => r.Law.Number));
        Assert.False(report.Passed);
        Assert.Throws<RmsPropLawException>(report.ThrowIfFailed);
    }

    [Fact]
    public void A_step_that_throws_fails_the_law_with_the_exception_in_the_message()
    {
        var throwing = new RmsPropImplementation("throws", Boom<float>, Boom<double>);

        RmsPropLawResult result = RmsPropLaws.CheckLaw(RmsPropLaws.SquareAverageIsNonNegativeAndFinite, throwing);

        Assert.False(result.Passed);
        Assert.Contains("not implemented here", result.Message);
    }

    [Fact]
    public void A_step_that_returns_the_wrong_number_of_coordinates_fails_with_a_clear_message()
    {
        var truncating = new RmsPropImplementation("truncates", Truncate<float>, Truncate<double>);

        RmsPropLawResult result = RmsPropLaws.CheckLaw(RmsPropLaws.StepIsPure, truncating);

        Assert.False(result.Passed);
        Assert.Contains("returned 0 coordinates", result.Message);
    }

    [Fact]
    public void The_state_rejects_arrays_of_different_lengths()
    {
        Assert.Throws<ArgumentException>(() => new RmsPropStepState<double>([1, 2], [0, 0], [0], [0, 0], [0, 0]));
        Assert.Throws<ArgumentNullException>(() => new RmsPropStepState<double>([1], [0], [0], null!, [0]));
    }

    [Fact]
    public void Start_copies_the_parameters_and_fills_the_average_with_its_initial_value()
    {
        double[] parameters = [1.5, -2];
        RmsPropStepState<float> state = RmsPropStepState<float>.Start(RmsPropOptions.TensorFlow1(0.1), [1.5f, -2f]);
        RmsPropStepState<double> copied = RmsPropStepState<double>.Start(new RmsPropOptions(), parameters);
        parameters[0] = 99;

        Assert.Equal([1f, 1f], state.SquareAverage);
        Assert.Equal([0f, 0f], state.MomentumBuffer);
        Assert.Equal(1.5, copied.Parameters[0]);
    }

    private static RmsPropStepState<T> Boom<T>(RmsPropOptions options, RmsPropStepState<T> state, T[] gradient)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        throw new NotSupportedException("not implemented here");

    private static RmsPropStepState<T> Truncate<T>(RmsPropOptions options, RmsPropStepState<T> state, T[] gradient)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new([], [], [], [], []);
}
