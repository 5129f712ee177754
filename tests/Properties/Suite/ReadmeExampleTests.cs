using System;
using System.Numerics;
using RmsProp.Functional;
using RmsProp.Laws;

namespace RmsProp.Properties.Suite;

/// <summary>
/// The README's example, as a user would write it: an in-place optimizer of their own (played here by
/// RmsProp.Functional's StepInPlace) wrapped as a step, then checked against every law and against one.
/// </summary>
public sealed class ReadmeExampleTests
{
    /// <summary>The user's optimizer: updates the arrays it is given.</summary>
    private static class MyOptimizer
    {
        public static void Step<T>(RmsPropOptions options, T[] w, T[] g, T[] s, T[] m, T[] b)
            where T : unmanaged, IFloatingPointIeee754<T> =>
            RmsPropOptimizer.StepInPlace<T>(options, w, g, s, options.Centered ? m : [], options.Momentum != 0 ? b : []);
    }

    // README: begin
    static RmsPropStepState<T> MyStep<T>(RmsPropOptions options, RmsPropStepState<T> state, T[] gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RmsPropStepState<T> next = state.Copy();   // the laws hand out their arrays read-only
        MyOptimizer.Step(options, next.Parameters, gradient, next.SquareAverage, next.GradientAverage, next.MomentumBuffer);
        return next;
    }

    [Fact]
    public void A_users_optimizer_plugs_in_with_a_few_lines()
    {
        var mine = new RmsPropImplementation("my RMSProp", MyStep<float>, MyStep<double>);

        RmsPropLaws.Verify(mine);                                                      // all twelve laws; throws on the first report with a failure
        RmsPropLawResult bounded = RmsPropLaws.CheckLaw(RmsPropLaws.StepIsBounded, mine); // or one law at a time
        Assert.True(bounded.Passed, bounded.Message);
    }
    // README: end

    [Fact]
    public void The_same_few_lines_report_a_users_broken_optimizer()
    {
        static RmsPropStepState<T> InPlace<T>(RmsPropOptions options, RmsPropStepState<T> state, T[] gradient)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            MyOptimizer.Step(options, state.Parameters, gradient, state.SquareAverage, state.GradientAverage, state.MomentumBuffer);
            return state;
        }

        var careless = new RmsPropImplementation("forgot to copy", InPlace<float>, InPlace<double>);

        RmsPropLawException thrown = Assert.Throws<RmsPropLawException>(() => RmsPropLaws.Verify(careless));
        Assert.Contains("FAIL  Law 5", thrown.Message);
        Assert.Contains("changed its input state", thrown.Message);
    }
}
