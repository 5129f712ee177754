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
    [Fact]
    public void Check_reports_every_law_in_order_with_its_full_budget()
    {
        RmsPropLawReport report = RmsPropLaws.Check(RmsPropFunctionalSteps.Step);

        Assert.Equal(Enumerable.Range(1, 12), report.Results.Select(r => r.Law.Number));
        Assert.True(report.Passed, report.ToString());
        Assert.Empty(report.Failures);
        Assert.All(report.Results, r => Assert.Equal(r.Law.MaxTest, r.TestsRun));
        Assert.All(report.Results, r => Assert.Equal(string.Empty, r.Counterexample));
    }

    [Fact]
    public void A_failed_law_names_itself_the_implementation_and_the_shrunk_counterexample()
    {
        RmsPropImplementation swapped = Catalogue.Named("swapped").Create();

        RmsPropLawResult result = RmsPropLaws.CheckLaw(RmsPropLaws.FirstStepHasClosedForm, swapped);

        Assert.False(result.Passed);
        Assert.Contains("Law 3", result.Message);
        Assert.Contains("swapped", result.Message);
        Assert.Contains("Falsifiable", result.Message);
        Assert.Contains("rho=", result.Counterexample);
        Assert.Contains(result.Counterexample, result.Message);
        Assert.InRange(result.TestsRun, 1, result.Law.MaxTest);
    }

    [Fact]
    public void Verify_throws_naming_the_broken_laws_and_stays_silent_for_a_correct_step()
    {
        RmsPropLawException thrown = Assert.Throws<RmsPropLawException>(() => RmsPropLaws.Verify(Catalogue.Named("no-eps").Create()));

        Assert.Contains(3, thrown.Report.Failures.Select(f => f.Law.Number));
        Assert.Contains("FAIL  Law 3", thrown.Message);
        Assert.Contains(thrown.Report.Failures[0].Counterexample, thrown.Message);

        RmsPropLaws.Verify(RmsPropFunctionalSteps.StepInPlace);
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
            Catalogue.Named("field-state").Create());

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
