using System;
using System.Collections.Immutable;
using System.Linq;
using RmsProp.Functional;
using RmsProp.Functional.Transforms;
using static RmsProp.Properties.Foundation.Bits;

namespace RmsProp.Properties.Foundation;

/// <summary>The pieces beyond RMSProp's own, on hand-derived cases (each citing its Optax function), and the chain's checks.</summary>
public sealed class PieceTests
{
    [Fact]
    public void Clip_by_global_norm_scales_to_the_max_norm_only_at_or_above_it()
    {
        // optax/_src/clipping.py clip_by_global_norm: select(norm < max_norm, t, (t / norm) * max_norm).
        var clip = new ClipByGlobalNorm<double>(1.0);
        Assert.Equal([3.0 / 5 * 1.0, 4.0 / 5 * 1.0], clip.Update([3.0, 4.0], NoState.Instance, []).Updates.ToArray());
        Assert.Equal([0.3, -0.4], new ClipByGlobalNorm<double>(1.0).Update([0.3, -0.4], NoState.Instance, []).Updates.ToArray());
        Assert.Equal("maxNorm", Assert.Throws<ArgumentOutOfRangeException>(() => new ClipByGlobalNorm<double>(0)).ParamName);
    }

    [Fact]
    public void Scale_by_adam_corrects_both_moments_for_their_bias()
    {
        // optax/_src/transform.py scale_by_adam: mu = b1*mu + (1-b1)*g, nu = b2*nu + (1-b2)*g^2,
        // update = (mu / (1 - b1^t)) / (sqrt(nu / (1 - b2^t) + eps_root) + eps).
        var adam = new ScaleByAdam<double>(beta1: 0.9, beta2: 0.999, epsilon: 1e-8);
        var first = adam.Update([2.0], adam.Init([0.0]), []);
        double mu = 0.1 * 2.0, nu = (1 - 0.999) * 4.0;
        AssertClose(mu / 0.1 / (Math.Sqrt(nu / (1 - 0.999)) + 1e-8), first.Updates[0], 1e-15, "step 1");
        var second = adam.Update([-1.0], first.State, []);
        double mu2 = (0.9 * mu) + (0.1 * -1.0), nu2 = (0.999 * nu) + (0.001 * 1.0);
        AssertClose(mu2 / (1 - (0.9 * 0.9)) / (Math.Sqrt(nu2 / (1 - (0.999 * 0.999))) + 1e-8), second.Updates[0], 1e-14, "step 2");
        Assert.Equal(2, second.State.Count);
    }

    [Fact]
    public void Scale_by_learning_rate_follows_its_schedule_from_count_zero()
    {
        // optax/_src/alias.py _scale_by_learning_rate -> scale_by_schedule(lambda count: -lr(count)).
        var piece = new ScaleByLearningRate<double>(Schedule.Linear(1.0, 0.5, transitionSteps: 5));
        ScaleByScheduleState state = piece.Init([]);
        double[] seen = new double[3];
        for (int step = 0; step < 3; step++)
        {
            (var updates, state) = piece.Update([2.0], state, []);
            seen[step] = updates[0];
        }

        Assert.Equal([-2.0, -2.0 * 0.9, -2.0 * 0.8], seen);
        Assert.Equal([2.0], new ScaleByLearningRate<double>(1.0, flipSign: false).Update([2.0], new ScaleByScheduleState(0), []).Updates.ToArray());
    }

    [Fact]
    public void Scale_by_learning_rate_refuses_a_rate_of_zero_at_its_step_and_a_negative_schedule_at_once()
    {
        var piece = new ScaleByLearningRate<double>(Schedule.CosineDecay(0.1, decaySteps: 4));
        var error = Assert.Throws<ArgumentException>(() => piece.Update([1.0], new ScaleByScheduleState(4), []));
        Assert.Contains("step 4", error.Message, StringComparison.Ordinal);
        Assert.Equal("learningRate", Assert.Throws<ArgumentException>(() => new ScaleByLearningRate<double>(Schedule.Linear(0.1, -0.1, transitionSteps: 10))).ParamName);
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new ScaleByLearningRate<double>(0.0)).ParamName);
    }

    [Fact]
    public void Nesterov_trace_looks_ahead_along_the_new_trace()
    {
        // optax/_src/transform.py trace(nesterov=True): t = g + decay*t; update = g + decay*t.
        var trace = new Trace<double>(0.5, nesterov: true);
        var first = trace.Update([1.0], trace.Init([0.0]), []);
        Assert.Equal([1.5], first.Updates.ToArray());
        Assert.Equal([1.0], first.State.Trace.ToArray());
        var second = trace.Update([2.0], first.State, []);
        Assert.Equal([2.0 + (0.5 * 2.5)], second.Updates.ToArray());
    }

    [Fact]
    public void Masked_decay_leaves_the_masked_out_coordinates_as_they_came()
    {
        var decay = new AddDecayedWeights<double>(0.5, [true, false]);
        Assert.Equal([1.0 + 5.0, -0.0], decay.Update([1.0, -0.0], NoState.Instance, [10.0, 10.0]).Updates.ToArray());
        Assert.Equal("mask", Assert.Throws<ArgumentException>(() => decay.Update([1.0], NoState.Instance, [1.0])).ParamName);
    }

    [Fact]
    public void Centered_piece_runs_the_fused_steps_centered_arithmetic()
    {
        // optax/_src/transform.py scale_by_stddev: mu = (1-d)*g + d*mu, nu = (1-d)*g^2 + d*nu,
        // update = g * rsqrt(nu - mu^2 + eps).
        var stdDev = new ScaleByStdDev<double>(decay: 0.9, epsilon: 1e-8);
        var first = stdDev.Update([2.0], stdDev.Init([0.0]), []);
        // 1 - d formed in double, as Optax's Python float arithmetic forms it.
        double mu = ((1 - 0.9) * 2.0) + (0.9 * 0.0), nu = ((1 - 0.9) * (2.0 * 2.0)) + (0.9 * 0.0);
        Assert.Equal(2.0 * (1.0 / Math.Sqrt(nu - (mu * mu) + 1e-8)), first.Updates[0]);
        Assert.Equal([mu], first.State.Mu.ToArray());
    }

    [Fact]
    public void A_chain_refuses_a_state_it_did_not_make_and_changes_none_of_its_inputs()
    {
        Chain<double> chain = Compose.RmsProp<double>(0.1, momentum: 0.9);
        double[] parameters = [1.0, 2.0], gradient = [0.5, -0.5];
        ChainState state = chain.Init(parameters);
        Assert.Equal(3, state.Count);
        var first = chain.Update(gradient, state, parameters);
        var again = chain.Update(gradient, state, parameters);
        Assert.True(Identical<double>(first.Updates.AsSpan(), again.Updates.AsSpan()));
        Assert.Equal([0.5, -0.5], gradient);
        Assert.Equal([1.0, 2.0], parameters);
        Assert.Equal([0.0, 0.0], state.Of<ScaleByRmsState<double>>(0).Nu.ToArray());

        Assert.Equal("state", Assert.Throws<ArgumentException>(() => chain.Update(gradient, new ChainState(NoState.Instance), parameters)).ParamName);
        Assert.Equal("state", Assert.Throws<ArgumentException>(() => chain.Update(gradient, new ChainState(NoState.Instance, NoState.Instance, NoState.Instance), parameters)).ParamName);
        Assert.Equal("updates", Assert.Throws<ArgumentException>(() => chain.Update([1.0], state, parameters)).ParamName);
        Assert.Equal("TState", Assert.Throws<ArgumentException>(() => state.Of<TraceState<double>>(0)).ParamName);
        Assert.Equal("state", Assert.Throws<ArgumentException>(() => new ScaleByRms<double>().Update([1.0], new ScaleByRmsState<double>(default, 0), [])).ParamName);
    }

    [Fact]
    public void A_finite_update_whose_square_overflows_the_average_is_refused_with_every_input_unchanged()
    {
        double[] updates = [1.0, 1e200];
        var rms = new ScaleByRms<double>();
        ScaleByRmsState<double> state = rms.Init([0.0, 0.0]);
        var error = Assert.Throws<ArgumentException>(() => rms.Update(updates, state, []));
        Assert.Equal("updates", error.ParamName);
        Assert.Contains("updates[1]", error.Message, StringComparison.Ordinal);
        Assert.Equal("updates", Assert.Throws<ArgumentException>(() => new ScaleByAdam<double>().Update(updates, new ScaleByAdam<double>().Init([0.0, 0.0]), [])).ParamName);
        Assert.Equal([1.0, 1e200], updates);
        Assert.Equal([0.0, 0.0], state.Nu.ToArray());
    }

    [Fact]
    public void An_empty_chain_is_the_identity()
    {
        var chain = Compose.Chain<float>();
        Assert.Equal([1f, -2f], chain.Update([1f, -2f], chain.Init([0f, 0f]), []).Updates.ToArray());
    }
}
