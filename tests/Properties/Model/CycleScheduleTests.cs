using System;
using System.Linq;
using RmsProp.Functional;
using static RmsProp.Properties.Foundation.Bits;

namespace RmsProp.Properties.Model;

/// <summary>
/// The cyclical schedules, golden values derived by hand from <c>linear_onecycle_schedule</c> and
/// <c>sgdr_schedule</c> in optax/schedules/_schedule.py and from <c>OneCycleLR</c> and
/// <c>CosineAnnealingWarmRestarts</c> in torch/optim/lr_scheduler.py (PyTorch 1.13; their training runs are
/// replayed bit for bit in <c>PyTorchTrainingReferenceTests</c>), and the arguments each refuses.
/// </summary>
public sealed class CycleScheduleTests
{
    [Theory]
    [InlineData(0, 0.04)]            // peak / div_factor
    [InlineData(15, 0.52)]           // halfway up: 0.04 + (1 - 0.04) / 2
    [InlineData(30, 1.0)]            // peak at int(0.3 * 100)
    [InlineData(50, 0.6509090909090909)]   // 1 + (0.04 - 1) * 20/55
    [InlineData(85, 0.04)]           // back at the start at int(0.85 * 100)
    [InlineData(90, 0.026668)]       // 0.04 + (4e-6 - 0.04) * 5/15
    [InlineData(100, 4e-6)]          // the start over final_div_factor, then held
    [InlineData(1000, 4e-6)]
    public void Optax_linear_one_cycle_has_three_linear_phases(long step, double expected)
    {
        AssertClose(expected, Schedule.LinearOneCycle(100, 1.0).ValueAt(step), 1e-13, $"step {step}");
    }

    [Fact]
    public void Optax_linear_one_cycle_knows_its_lowest_value_and_refuses_phases_optax_would_merge()
    {
        Schedule schedule = Schedule.LinearOneCycle(100, 1.0);
        Assert.Equal(100L, schedule.Lowest!.Value.Step);
        AssertClose(4e-6, schedule.Lowest.Value.Value, 1e-13, "lowest");

        // int(0.001 * 100) = 0: Optax's interval of size 0 makes its schedule NaN at every step.
        ArgumentOutOfRangeException noRise = Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.LinearOneCycle(100, 1.0, pctStart: 0.001));
        Assert.Equal("pctStart", noRise.ParamName);
        Assert.Contains("NaN", noRise.Message);
        Assert.Equal("pctFinal", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.LinearOneCycle(100, 1.0, pctStart: 0.3, pctFinal: 0.305)).ParamName);
        Assert.Equal("pctFinal", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.LinearOneCycle(100, 1.0, pctFinal: 1.0)).ParamName);
        Assert.Equal("transitionSteps", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.LinearOneCycle(0, 1.0)).ParamName);
        Assert.Equal("peakValue", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.LinearOneCycle(100, double.NaN)).ParamName);
        Assert.Equal("divFactor", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.LinearOneCycle(100, 1.0, divFactor: 0)).ParamName);
        Assert.Equal("finalDivFactor", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.LinearOneCycle(100, 1.0, finalDivFactor: double.PositiveInfinity)).ParamName);
    }

    [Theory]
    [InlineData(0, 0.0)]             // cycle 1 warms up linearly from 0 ...
    [InlineData(1, 0.5)]
    [InlineData(2, 1.0)]             // ... to its peak at warmup_steps
    [InlineData(6, 0.55)]            // half its cosine (4 of 8 steps) towards 0.1: 0.9 * 0.5 + 0.1
    [InlineData(9, 0.13425421036992097)]   // 0.9 * (1 + cos(7 pi / 8)) / 2 + 0.1
    [InlineData(10, 0.5)]            // cycle 2 restarts at the sum of decay_steps, with no warmup
    [InlineData(15, 0.05)]           // its end value, held after the last cycle
    [InlineData(100, 0.05)]
    public void Optax_sgdr_joins_warmup_cosine_cycles_at_the_running_sum_of_their_lengths(long step, double expected)
    {
        Schedule schedule = Schedule.Sgdr([new WarmupCosineCycle(0, 1, 2, 10, EndValue: 0.1), new WarmupCosineCycle(0, 0.5, 0, 5, EndValue: 0.05)]);
        AssertClose(expected, schedule.ValueAt(step), 1e-14, $"step {step}", floor: 1e-300);
    }

    [Fact]
    public void Optax_sgdr_refuses_no_cycles_and_names_the_cycle_that_is_wrong()
    {
        Assert.Equal("cycles", Assert.Throws<ArgumentException>(() => Schedule.Sgdr([])).ParamName);
        ArgumentException bad = Assert.Throws<ArgumentException>(() => Schedule.Sgdr([new WarmupCosineCycle(0, 1, 2, 10), new WarmupCosineCycle(0, 1, 5, 5)]));
        Assert.Equal("cycles", bad.ParamName);
        Assert.StartsWith("cycles[1]: decaySteps (5)", bad.Message);
    }

    [Fact]
    public void PyTorch_one_cycle_rises_to_max_lr_at_pct_start_and_falls_to_the_minimum_at_the_last_step()
    {
        // total_steps 10, pct_start 0.3: the first phase ends at step 0.3 * 10 - 1 = 2, the second at 9.
        Schedule schedule = Schedule.PyTorchOneCycleLR(1.0, 10);
        AssertClose(0.04, schedule.ValueAt(0), 1e-15, "max_lr / div_factor");
        AssertClose(0.52, schedule.ValueAt(1), 1e-15, "halfway up");
        AssertClose(1.0, schedule.ValueAt(2), 1e-15, "the peak");
        AssertClose(4e-6 + ((1 - 4e-6) / 2 * (Math.Cos(Math.PI * 3 / 7) + 1)), schedule.ValueAt(5), 1e-15, "cosine, 3 of 7 steps down");
        AssertClose(0.04 / 1e4, schedule.ValueAt(9), 1e-12, "max_lr / div_factor / final_div_factor");
        Assert.Equal(9L, schedule.Lowest!.Value.Step);

        Schedule linear = Schedule.PyTorchOneCycleLR(1.0, 10, annealStrategy: AnnealStrategy.Linear);
        AssertClose(0.52, linear.ValueAt(1), 1e-15, "linear halfway up");
        AssertClose(1 + ((4e-6 - 1) * 3 / 7), linear.ValueAt(5), 1e-15, "linear, 3 of 7 steps down");

        // three_phase: up to step 2, back to the start at 2 * 0.3 * 10 - 2 = 4, then to the minimum at 9.
        Schedule three = Schedule.PyTorchOneCycleLR(1.0, 10, threePhase: true);
        AssertClose(1.0, three.ValueAt(2), 1e-15, "three-phase peak");
        AssertClose(0.04, three.ValueAt(4), 1e-15, "three-phase back at the start");
        AssertClose(4e-6, three.ValueAt(9), 1e-12, "three-phase minimum");
    }

    [Fact]
    public void PyTorch_one_cycle_momentum_moves_inversely_to_the_rate()
    {
        Schedule momentum = Schedule.PyTorchOneCycleMomentum(10);
        Assert.Equal(0.95, momentum.ValueAt(0));
        AssertClose(0.85, momentum.ValueAt(2), 1e-15, "base_momentum at the rate's peak");
        AssertClose(0.95, momentum.ValueAt(9), 1e-15, "max_momentum at the end");
        Assert.Equal("baseMomentum", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.PyTorchOneCycleMomentum(10, baseMomentum: 1.0)).ParamName);
        Assert.Equal("maxMomentum", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.PyTorchOneCycleMomentum(10, maxMomentum: -0.1)).ParamName);
    }

    [Fact]
    public void PyTorch_one_cycle_refuses_bad_arguments_naming_them_and_steps_past_the_cycle_naming_the_step()
    {
        Assert.Equal("maxLearningRate", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.PyTorchOneCycleLR(0, 10)).ParamName);
        Assert.Equal("totalSteps", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.PyTorchOneCycleLR(1, 0)).ParamName);
        Assert.Equal("pctStart", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.PyTorchOneCycleLR(1, 10, pctStart: 1.5)).ParamName);
        Assert.Equal("divFactor", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.PyTorchOneCycleLR(1, 10, divFactor: -1)).ParamName);
        Assert.Equal("finalDivFactor", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.PyTorchOneCycleLR(1, 10, finalDivFactor: double.NaN)).ParamName);
        Assert.Equal("annealStrategy", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.PyTorchOneCycleLR(1, 10, annealStrategy: (AnnealStrategy)7)).ParamName);

        // pct_start * total_steps = 1: PyTorch's first phase ends at step 0 and step 0 divides 0 by 0.
        ArgumentOutOfRangeException empty = Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.PyTorchOneCycleLR(1, 10, pctStart: 0.1));
        Assert.Equal("pctStart", empty.ParamName);
        Assert.Contains("divides by zero", empty.Message);

        Schedule schedule = Schedule.PyTorchOneCycleLR(1, 10);
        ArgumentOutOfRangeException past = Assert.Throws<ArgumentOutOfRangeException>(() => schedule.ValueAt(10));
        Assert.Equal("step", past.ParamName);
        Assert.Contains("step 10", past.Message);
    }

    [Fact]
    public void A_linear_one_cycle_learning_rate_is_accepted_and_fails_only_at_a_step_past_its_cycle()
    {
        // PyTorch's linear anneal would undershoot to a negative rate at step total_steps; the cycle's own steps are
        // all positive, so attaching it is fine, and a step past the cycle fails naming that step.
        var options = new RmsPropOptions();
        RmsPropSchedule schedule = RmsPropSchedule.ForLearningRate(Schedule.PyTorchOneCycleLR(0.1, 100, annealStrategy: AnnealStrategy.Linear));
        Assert.True(Enumerable.Range(0, 100).All(step => schedule.OptionsAt(options, step).LearningRate > 0));
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => schedule.OptionsAt(options, 100));
        Assert.Equal("step", error.ParamName);
        Assert.Contains("step 100", error.Message);
    }

    [Fact]
    public void PyTorch_cosine_annealing_warm_restarts_restarts_when_a_cycle_ends_and_lengthens_the_next()
    {
        // T_0 = 3, T_mult = 2: cycles of 3, 6 and 12 steps, restarting at steps 3 and 9.
        Schedule schedule = Schedule.PyTorchCosineAnnealingWarmRestarts(1.0, 3, 2);
        AssertClose(1.0, schedule.ValueAt(0), 1e-15, "start");
        AssertClose(0.75, schedule.ValueAt(1), 1e-15, "(1 + cos(pi/3)) / 2");
        AssertClose(1.0, schedule.ValueAt(3), 1e-15, "first restart");
        AssertClose((1 + Math.Cos(Math.PI / 6)) / 2, schedule.ValueAt(4), 1e-15, "second cycle, 1 of 6");
        AssertClose(1.0, schedule.ValueAt(9), 1e-15, "second restart");
        AssertClose((1 + Math.Cos(Math.PI * 5 / 12)) / 2, schedule.ValueAt(14), 1e-15, "third cycle, 5 of 12");
        Assert.Null(schedule.Lowest);   // growing cycles approach eta_min without reaching it

        Schedule equal = Schedule.PyTorchCosineAnnealingWarmRestarts(1.0, 3, etaMin: 0.1);
        AssertClose(0.1 + (0.9 * 0.75), equal.ValueAt(7), 1e-15, "T_mult = 1: step 7 is 1 into the third cycle");
        Assert.Equal(2L, equal.Lowest!.Value.Step);

        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.PyTorchCosineAnnealingWarmRestarts(double.NaN, 3)).ParamName);
        Assert.Equal("t0", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.PyTorchCosineAnnealingWarmRestarts(1, 0)).ParamName);
        Assert.Equal("tMult", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.PyTorchCosineAnnealingWarmRestarts(1, 3, 0)).ParamName);
        Assert.Equal("etaMin", Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.PyTorchCosineAnnealingWarmRestarts(1, 3, 1, -1)).ParamName);
    }
}
