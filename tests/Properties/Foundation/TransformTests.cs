using System;
using System.Collections.Immutable;
using System.Linq;
using RmsProp.Functional;
using RmsProp.Functional.Transforms;
using static RmsProp.Properties.Foundation.Bits;

namespace RmsProp.Properties.Foundation;

/// <summary>The Optax-style pieces, composed, agree with the fused optimizer to rounding.</summary>
public sealed class TransformTests
{
    private static double[] Gradient(int step, int length) =>
        Enumerable.Range(0, length).Select(i => Math.Sin(0.7 * i + step) * (i + 1)).ToArray();

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.9)]
    public void Composed_rmsprop_tracks_the_fused_optimizer_with_optax_conventions(double momentum)
    {
        const int Length = 7;
        var options = RmsPropOptions.Optax(0.01).WithMomentum(momentum);
        var composed = Compose.RmsProp<double>(0.01, 0.9, 1e-8, momentum: momentum);
        var composedState = composed.Init(new double[Length]);
        RmsPropMoments<double> moments = RmsPropOptimizer.InitMoments<double>(options, Length);

        for (int step = 0; step < 50; step++)
        {
            double[] gradient = Gradient(step, Length);
            var (updates, next) = composed.Update(gradient, composedState, ReadOnlySpan<double>.Empty);
            RmsPropUpdate<double> fused = RmsPropOptimizer.Update<double>(moments, gradient);
            composedState = next;
            moments = fused.Moments;

            // Optax multiplies by the root's reciprocal and scales last; the kernel divides once. A few ulps apart.
            AssertAllClose(fused.Updates.ToArray(), updates.ToArray(), 1e-13, $"step {step} updates");
        }

        AssertAllClose(moments.SquareAverage.ToArray(), composedState.Of<ScaleByRmsState<double>>(0).Nu.ToArray(), 1e-13, "square average");
    }

    [Fact]
    public void Adding_decayed_weights_first_is_pytorch_coupled_weight_decay()
    {
        var pieces = Compose.Chain(new AddDecayedWeights<double>(0.1), Compose.RmsProp<double>(0.01, 0.9, 1e-8));
        double[] parameters = [0.5, -2.0, 4.0];
        double[] gradient = [0.1, 0.2, -0.3];
        var (updates, _) = pieces.Update(gradient, pieces.Init(parameters), parameters);

        var options = RmsPropOptions.Optax(0.01).WithWeightDecay(0.1);
        RmsPropUpdate<double> fused = RmsPropOptimizer.UpdateWithParameters<double>(RmsPropOptimizer.InitMoments<double>(options, 3), gradient, parameters);
        AssertAllClose(fused.Updates.ToArray(), updates.ToArray(), 1e-13, "updates");
    }

    [Fact]
    public void Pieces_are_pure_and_validate_their_arguments()
    {
        var rms = new ScaleByRms<float>(0.9, 1e-8, EpsilonPlacement.OutsideRoot);
        ScaleByRmsState<float> state = rms.Init(new float[2]);
        float[] gradient = [1f, -1f];
        Transformed<float, ScaleByRmsState<float>> first = rms.Update(gradient, state, ReadOnlySpan<float>.Empty);
        Transformed<float, ScaleByRmsState<float>> second = rms.Update(gradient, state, ReadOnlySpan<float>.Empty);
        Assert.True(Identical<float>(first.Updates.AsSpan(), second.Updates.AsSpan()));
        Assert.Equal([0f, 0f], state.Nu.ToArray());
        Assert.Equal([1f, -1f], gradient);

        Assert.Equal("decay", Assert.Throws<ArgumentOutOfRangeException>(() => new ScaleByRms<double>(1.0, 1e-8, EpsilonPlacement.InsideRoot)).ParamName);
        Assert.Equal("factor", Assert.Throws<ArgumentOutOfRangeException>(() => new Scale<double>(double.NaN)).ParamName);
        Assert.Equal("updates", Assert.Throws<ArgumentException>(() => rms.Update([1f, float.NaN], state, ReadOnlySpan<float>.Empty)).ParamName);
    }
}
