using System;
using System.Linq;
using RmsProp.Functional;
using RmsProp.Functional.Transforms;
using static RmsProp.Properties.Foundation.Bits;

namespace RmsProp.Properties.Foundation;

/// <summary>
/// Optax cannot run here (no JAX), so its formulas are checked on hand-derived cases: each test names the Optax
/// function and file it follows, and writes the expected value as that function's formula with the numbers put in.
/// The tolerance (1e-14 relative) allows a different but equivalent operation order (Optax multiplies by rsqrt where
/// a port may divide by sqrt), nothing more.
/// </summary>
public sealed class OptaxReferenceTests
{
    private const double Tolerance = 1e-14;

    [Fact]
    public void Rmsprop_is_scale_by_rms_then_the_negative_learning_rate()
    {
        // optax/_src/alias.py rmsprop = chain(scale_by_rms(decay, eps), scale_by_learning_rate(lr));
        // optax/_src/transform.py scale_by_rms: nu = decay*nu + (1-decay)*g^2 (nu starts at initial_scale = 0),
        // update = g * rsqrt(nu + eps).
        var rmsprop = Compose.RmsProp<double>(learningRate: 0.1, decay: 0.9, epsilon: 1e-8);
        var state = rmsprop.Init([0.0]);

        var first = rmsprop.Update([2.0], state, [0.0]);
        AssertClose(-0.1 * 2 / Math.Sqrt(0.1 * 4 + 1e-8), first.Updates[0], Tolerance, "step 1");

        var second = rmsprop.Update([-1.0], first.State, [0.0]);
        AssertClose(-0.1 * -1 / Math.Sqrt((0.9 * 0.4) + (0.1 * 1) + 1e-8), second.Updates[0], Tolerance, "step 2");
    }

    [Fact]
    public void Rmsprop_with_momentum_traces_the_scaled_updates()
    {
        // optax/_src/alias.py rmsprop(momentum=m): ..., trace(decay=m) after scale_by_learning_rate, so the
        // learning rate sits inside the trace: t = u + m*t.
        var rmsprop = Compose.RmsProp<double>(learningRate: 0.1, decay: 0.9, epsilon: 1e-8, momentum: 0.5);
        var state = rmsprop.Init([0.0]);
        double u1 = -0.1 * 2 / Math.Sqrt(0.4 + 1e-8), u2 = 0.1 / Math.Sqrt(0.46 + 1e-8);

        var first = rmsprop.Update([2.0], state, [0.0]);
        AssertClose(u1, first.Updates[0], Tolerance, "step 1");
        var second = rmsprop.Update([-1.0], first.State, [0.0]);
        AssertClose(u2 + (0.5 * u1), second.Updates[0], Tolerance, "step 2");
    }

    [Fact]
    public void Trace_is_the_update_plus_the_decayed_trace()
    {
        // optax/_src/transform.py trace (optax/transforms/_accumulation.py): f(g, t) = g + decay*t.
        var trace = new Trace<double>(0.5);
        var first = trace.Update([1.0, -2.0], trace.Init([0.0, 0.0]), [0.0, 0.0]);
        var second = trace.Update([3.0, 1.0], first.State, [0.0, 0.0]);
        Assert.Equal([3.5, 0.0], second.Updates.ToArray());
    }

    [Fact]
    public void Add_decayed_weights_adds_the_weight_decay_times_the_parameters()
    {
        // optax/_src/transform.py add_decayed_weights: updates + weight_decay * params.
        var decay = new AddDecayedWeights<double>(0.1);
        var result = decay.Update([1.0, 2.0], decay.Init([10.0, -20.0]), [10.0, -20.0]);
        Assert.Equal([2.0, 0.0], result.Updates.ToArray());
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(5, 0.70710678118654757)]   // 0.5 ** (5 / 10)
    [InlineData(10, 0.5)]
    [InlineData(25, 0.17677669529663687)]  // 0.5 ** 2.5
    public void Exponential_decay_raises_the_rate_to_the_fraction_of_transitions(long step, double expected)
    {
        // optax/schedules/_schedule.py exponential_decay: init * decay_rate ** ((count - transition_begin) / transition_steps).
        AssertClose(expected, Schedule.ExponentialDecay(1.0, transitionSteps: 10, decayRate: 0.5).ValueAt(step), Tolerance, $"step {step}");
    }

    [Theory]
    [InlineData(5, 1.0)]
    [InlineData(10, 0.5)]
    [InlineData(25, 0.25)]
    public void Staircase_exponential_decay_floors_the_fraction(long step, double expected)
    {
        Assert.Equal(expected, Schedule.ExponentialDecay(1.0, transitionSteps: 10, decayRate: 0.5, staircase: true).ValueAt(step));
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(5, 0.325)]   // (1 - 0.1) * (1 - 5/10)^2 + 0.1
    [InlineData(10, 0.1)]
    [InlineData(20, 0.1)]    // the count is clipped to transition_steps
    public void Polynomial_schedule_interpolates_with_a_power(long step, double expected)
    {
        // optax/schedules/_schedule.py polynomial_schedule: (init - end) * (1 - count / transition_steps) ** power + end.
        AssertClose(expected, Schedule.Polynomial(1.0, 0.1, power: 2, transitionSteps: 10).ValueAt(step), Tolerance, $"step {step}");
    }

    [Theory]
    [InlineData(4, 1.0)]
    [InlineData(5, 0.5)]
    [InlineData(10, 0.05)]   // both scales apply from their boundaries on: 1 * 0.5 * 0.1
    public void Piecewise_constant_schedule_multiplies_the_scales_of_passed_boundaries(long step, double expected)
    {
        // optax/schedules/_schedule.py piecewise_constant_schedule: v *= scale for each boundary <= count.
        AssertClose(expected, Schedule.PiecewiseConstant(1.0, [(5, 0.5), (10, 0.1)]).ValueAt(step), Tolerance, $"step {step}");
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(50, 0.55)]    // (1 - 0.1) * 0.5 * (1 + cos(pi/2)) + 0.1
    [InlineData(100, 0.1)]
    [InlineData(200, 0.1)]    // the count is clipped to decay_steps
    public void Cosine_decay_schedule_ends_at_alpha_times_the_initial_value(long step, double expected)
    {
        // optax/schedules/_schedule.py cosine_decay_schedule: init * ((1 - alpha) * 0.5 * (1 + cos(pi * count / decay_steps)) + alpha).
        AssertClose(expected, Schedule.CosineDecay(1.0, decaySteps: 100, alpha: 0.1).ValueAt(step), Tolerance, $"step {step}");
    }

    [Theory]
    [InlineData(0, 0.01)]
    [InlineData(5, 0.505)]    // linear warmup: 0.01 + (1 - 0.01) * 5/10
    [InlineData(10, 1.0)]
    [InlineData(60, 0.55)]    // cosine decay of the peak over the 100 remaining steps, at 50, alpha = end / peak = 0.1
    [InlineData(110, 0.1)]
    public void Warmup_cosine_decay_joins_a_linear_warmup_and_a_cosine_decay(long step, double expected)
    {
        // optax/schedules/_schedule.py warmup_cosine_decay_schedule: join_schedules([linear_schedule(init, peak,
        // warmup), cosine_decay_schedule(peak, decay_steps - warmup, end / peak)], [warmup]).
        Schedule schedule = Schedule.WarmupCosineDecay(0.01, 1.0, warmupSteps: 10, decaySteps: 110, endValue: 0.1);
        AssertClose(expected, schedule.ValueAt(step), Tolerance, $"step {step}");
    }

    [Fact]
    public void Join_schedules_restarts_each_schedule_at_its_boundary()
    {
        // optax/schedules/_join.py join_schedules: schedules[i](count - boundaries[i - 1]) past each boundary.
        Schedule joined = Schedule.Join([Schedule.Constant(1.0), Schedule.Linear(0.5, 0.1, transitionSteps: 4)], [10]);
        Assert.Equal(1.0, joined.ValueAt(9));
        Assert.Equal(0.5, joined.ValueAt(10));
        AssertClose(0.3, joined.ValueAt(12), Tolerance, "two steps into the second schedule");
    }
}
