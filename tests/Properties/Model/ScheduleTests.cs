using System;
using System.Collections.Generic;
using System.Linq;
using RmsProp.Functional;
using static RmsProp.Properties.Foundation.Bits;

namespace RmsProp.Properties.Model;

/// <summary>Golden values derived by hand from the formulas in optax/schedules/_schedule.py and torch/optim/lr_scheduler.py.</summary>
public sealed class ScheduleTests
{
    [Fact]
    public void Constant_is_the_same_at_every_step()
    {
        Schedule schedule = Schedule.Constant(0.5);
        Assert.Equal(0.5, schedule.ValueAt(0));
        Assert.Equal(0.5, schedule.ValueAt(1_000_000));
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(5, 1.0)]
    [InlineData(6, 0.980299)]        // t = 1: (1 - 0.01) * 0.99^2 + 0.01
    [InlineData(104, 0.010099)]      // t = 99: 0.99 * 0.01^2 + 0.01 (the docstring prints it to 4 places, 0.0101)
    [InlineData(105, 0.01)]
    [InlineData(110, 0.01)]
    public void Polynomial_matches_optax_docstring_example(long step, double expected)
    {
        AssertClose(expected, Schedule.Polynomial(1.0, 0.01, 2, 100, transitionBegin: 5).ValueAt(step), 1e-14, $"step {step}");
    }

    [Theory]
    [InlineData(50, 1.0)]
    [InlineData(99, 1.0)]
    [InlineData(100, 0.1)]           // count >= boundary takes the scale
    [InlineData(150, 0.1)]
    [InlineData(250, 0.001)]
    public void Piecewise_constant_multiplies_every_scale_reached(long step, double expected)
    {
        Schedule schedule = Schedule.PiecewiseConstant(1.0, [(200, 0.01), (100, 0.1)]);
        AssertClose(expected, schedule.ValueAt(step), 1e-15, $"step {step}");
        Assert.Equal((0.001, 200L), (Math.Round(schedule.Lowest!.Value.Value, 15), schedule.Lowest.Value.Step));
    }

    [Fact]
    public void Exponential_decay_follows_optax_with_begin_staircase_and_end_value()
    {
        AssertClose(0.5, Schedule.ExponentialDecay(1, 10, 0.5).ValueAt(10), 1e-15, "one transition");
        AssertClose(Math.Sqrt(0.5), Schedule.ExponentialDecay(1, 10, 0.5).ValueAt(5), 1e-15, "half a transition");
        Assert.Equal(0.5, Schedule.ExponentialDecay(1, 10, 0.5, staircase: true).ValueAt(15));
        Assert.Equal(1.0, Schedule.ExponentialDecay(1, 10, 0.5, transitionBegin: 3).ValueAt(3));
        AssertClose(0.5, Schedule.ExponentialDecay(1, 10, 0.5, transitionBegin: 3).ValueAt(13), 1e-15, "after begin");

        Schedule clipped = Schedule.ExponentialDecay(1, 10, 0.5, endValue: 0.3);
        Assert.Equal(0.3, clipped.ValueAt(20));
        // 0.5^(t/10) <= 0.3 first at t >= 10 * log(0.3)/log(0.5) = 17.37, so at step 18.
        Assert.Equal((0.3, 18L), clipped.Lowest);
        Assert.Null(Schedule.ExponentialDecay(1, 10, 0.5).Lowest);
        Assert.Equal(7.0, Schedule.ExponentialDecay(7, 0, 0.5).ValueAt(100));   // transition_steps <= 0 holds init, as Optax does
    }

    [Theory]
    [InlineData(0, 2.0)]
    [InlineData(50, 1.1)]            // 2 * (0.9 * 0.5 + 0.1)
    [InlineData(100, 0.2)]
    [InlineData(500, 0.2)]
    public void Cosine_decay_goes_from_init_to_alpha_times_init(long step, double expected)
    {
        AssertClose(expected, Schedule.CosineDecay(2.0, 100, alpha: 0.1).ValueAt(step), 1e-14, $"step {step}");
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(5, 0.5)]
    [InlineData(10, 1.0)]
    [InlineData(60, 0.55)]           // half the cosine: 0.9 * 0.5 + 0.1
    [InlineData(110, 0.1)]
    [InlineData(1000, 0.1)]
    public void Warmup_cosine_decay_warms_up_linearly_then_decays_to_the_end_value(long step, double expected)
    {
        AssertClose(expected, Schedule.WarmupCosineDecay(0.0, 1.0, 10, 110, endValue: 0.1).ValueAt(step), 1e-14, $"step {step}", floor: 1e-300);
    }

    [Theory]
    [InlineData(0, 0.04)]            // peak / div_factor
    [InlineData(15, 0.52)]           // cosine halfway: 1 + (0.04 - 1) / 2
    [InlineData(30, 1.0)]            // peak at int(0.3 * 100)
    [InlineData(65, 0.500002)]       // halfway down to 0.04 / 1e4
    [InlineData(100, 4e-6)]
    [InlineData(200, 4e-6)]
    public void Cosine_one_cycle_rises_to_the_peak_then_falls_below_the_start(long step, double expected)
    {
        AssertClose(expected, Schedule.CosineOneCycle(100, 1.0).ValueAt(step), 1e-13, $"step {step}");
    }

    [Fact]
    public void Join_restarts_each_schedule_at_its_boundary()
    {
        Schedule joined = Schedule.Join([Schedule.Constant(1), Schedule.Linear(0, 10, 10)], [5]);
        Assert.Equal(1.0, joined.ValueAt(4));
        Assert.Equal(0.0, joined.ValueAt(5));
        Assert.Equal(2.0, joined.ValueAt(7));
        Assert.Equal(10.0, joined.ValueAt(100));
        Assert.Equal((0.0, 5L), joined.Lowest);
    }

    [Fact]
    public void PyTorch_ExponentialLR_and_StepLR_multiply_recursively_like_scheduler_step()
    {
        double lr = 0.1;
        Schedule exponential = Schedule.PyTorchExponentialLR(0.1, 0.9);
        for (int step = 0; step <= 40; step++)
        {
            Assert.True(Identical(lr, exponential.ValueAt(step)), $"step {step}");
            lr *= 0.9;
        }

        Schedule stepped = Schedule.PyTorchStepLR(1.0, 3, 0.5);
        Assert.Equal([1.0, 1, 1, 0.5, 0.5, 0.5, 0.25], Enumerable.Range(0, 7).Select(s => stepped.ValueAt(s)));
    }

    [Fact]
    public void PyTorch_CosineAnnealingLR_follows_its_closed_form_closely_and_its_recurrence_exactly()
    {
        Schedule schedule = Schedule.PyTorchCosineAnnealingLR(0.1, 10, etaMin: 0.001);
        double lr = 0.1;
        for (int step = 0; step <= 30; step++)
        {
            double closed = 0.001 + (0.1 - 0.001) * (1 + Math.Cos(Math.PI * step / 10)) / 2;
            AssertClose(closed, schedule.ValueAt(step), 1e-12, $"step {step}");
            if (step > 0)
            {
                lr = (step - 1 - 10) % 20 == 0
                    ? lr + (0.1 - 0.001) * (1 - Math.Cos(Math.PI / 10)) / 2
                    : (1 + Math.Cos(Math.PI * step / 10)) / (1 + Math.Cos(Math.PI * (step - 1) / 10)) * (lr - 0.001) + 0.001;
            }

            Assert.True(Identical(lr, schedule.ValueAt(step)), $"recurrence at step {step}");
        }
    }

    [Fact]
    public void A_learning_rate_schedule_that_goes_negative_or_starts_at_zero_is_refused_when_attached()
    {
        ArgumentException negative = Assert.Throws<ArgumentException>(() => RmsPropSchedule.ForLearningRate(Schedule.Linear(0.1, -0.1, 100)));
        Assert.Equal("LearningRate", negative.ParamName);
        Assert.Contains("goes down to -0.1 (at step 100)", negative.Message, StringComparison.Ordinal);

        ArgumentException zero = Assert.Throws<ArgumentException>(() => RmsPropSchedule.ForLearningRate(Schedule.WarmupCosineDecay(0, 0.1, 10, 100)));
        Assert.Contains("gives 0 at step 0", zero.Message, StringComparison.Ordinal);

        RmsPropSchedule.ForLearningRate(Schedule.WarmupCosineDecay(1e-4, 0.1, 10, 100));   // reaches 0 only at step 100: allowed until then
    }

    [Fact]
    public void A_learning_rate_that_only_a_step_reveals_fails_at_that_step_naming_it_and_nothing_changes()
    {
        var schedule = RmsPropSchedule.ForLearningRate(Schedule.CosineDecay(0.1, 100));
        RmsPropState<double> state = RmsPropState<double>.Restore([1.0, 2.0], RmsPropMoments<double>.Restore(RmsPropOptions.PyTorch, [0.5, 0.25], [], [], stepCount: 99));
        double[] gradient = [0.5, -0.5];

        RmsPropState<double> at99 = RmsPropOptimizer.StepWithSchedule<double>(state, gradient, schedule);
        Assert.Equal(100, at99.StepCount);
        Assert.Equal(RmsPropOptions.PyTorch, at99.Options);

        ArgumentException error = Assert.Throws<ArgumentException>(() => RmsPropOptimizer.StepWithSchedule<double>(at99, gradient, schedule));
        Assert.Contains("At step 100", error.Message, StringComparison.Ordinal);
        Assert.Contains("LearningRate", error.Message, StringComparison.Ordinal);
        Assert.Equal([1.0, 2.0], state.Parameters.ToArray());
        Assert.Equal([0.5, -0.5], gradient);

        ArgumentException underflow = Assert.Throws<ArgumentException>(
            () => RmsPropSchedule.ForLearningRate(Schedule.ExponentialDecay(1, 1, 1e-10)).OptionsAt(RmsPropOptions.PyTorch, 40));
        Assert.Contains("At step 40", underflow.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_options_can_be_scheduled_and_are_checked_at_the_step()
    {
        var schedule = new RmsPropSchedule { Rho = Schedule.Linear(0.9, 0.999, 10), WeightDecay = Schedule.Constant(0.01) };
        RmsPropOptions at5 = schedule.OptionsAt(RmsPropOptions.PyTorch, 5);
        AssertClose(0.9495, at5.Rho, 1e-15, "rho at 5");
        Assert.Equal(0.01, at5.WeightDecay);
        Assert.Equal(RmsPropOptions.PyTorch.LearningRate, at5.LearningRate);

        var tooHigh = new RmsPropSchedule { Rho = Schedule.Linear(0.9, 1.1, 10) };
        ArgumentException error = Assert.Throws<ArgumentException>(() => tooHigh.OptionsAt(RmsPropOptions.PyTorch, 5));
        Assert.Contains("At step 5 the schedule of Rho", error.Message, StringComparison.Ordinal);

        var switching = new RmsPropSchedule { Momentum = Schedule.Linear(0, 0.9, 10) };
        ArgumentException momentum = Assert.Throws<ArgumentException>(() => switching.OptionsAt(RmsPropOptions.PyTorch, 3));
        Assert.Contains("cannot switch momentum on or off", momentum.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_schedule_arguments_are_refused_naming_the_parameter()
    {
        Assert.Equal("decaySteps", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.CosineDecay(0.1, 0)).ParamName);
        Assert.Equal("initValue", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.Polynomial(double.PositiveInfinity, 0, 1, 10)).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.Constant(double.NaN)).ParamName);
        Assert.Equal("boundariesAndScales", Assert.Throws<ArgumentException>(() => Schedule.PiecewiseConstant(1, [(10, -0.5)])).ParamName);
        Assert.Equal("decaySteps", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.WarmupCosineDecay(0, 1, 10, 10)).ParamName);
        Assert.Equal("schedules", Assert.Throws<ArgumentException>(() => Schedule.Join([Schedule.Constant(1)], [5])).ParamName);
        Assert.Equal("step", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.Constant(1).ValueAt(-1)).ParamName);
        Assert.Equal("gamma", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.PyTorchExponentialLR(0.1, 0)).ParamName);
    }
}
