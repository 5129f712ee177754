using System;
using System.Linq;
using RmsProp.Functional;
using static RmsProp.Properties.Foundation.Bits;

namespace RmsProp.Properties.Foundation;

public sealed class CheckpointTests
{
    private static readonly RmsPropOptions Everything = new()
    {
        LearningRate = 0.02,
        Rho = 0.8,
        Epsilon = 1e-5,
        EpsilonPlacement = EpsilonPlacement.InsideRoot,
        Centered = true,
        Momentum = 0.7,
        MomentumConvention = MomentumConvention.LearningRateInsideBuffer,
        WeightDecay = 0.05,
        Maximize = true,
        InitialSquareAverage = 0.25,
    };

    private static RmsPropState<T> Trained<T>(int steps)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        RmsPropState<T> state = RmsPropOptimizer.Init<T>(Everything, Enumerable.Range(0, 9).Select(i => T.CreateChecked(Math.Sin(i) / 3)).ToArray());
        for (int step = 0; step < steps; step++)
        {
            state = RmsPropOptimizer.Step<T>(state, Enumerable.Range(0, 9).Select(i => T.CreateChecked(Math.Cos(i * step) + 1e-3 * i)).ToArray());
        }

        return state;
    }

    [Fact]
    public void A_saved_double_state_loads_back_bit_for_bit_and_continues_identically()
    {
        RmsPropState<double> state = Trained<double>(7);
        RmsPropState<double> loaded = RmsPropCheckpoint.Load<double>(RmsPropCheckpoint.Save(state));

        Assert.Equal(state, loaded);
        Assert.Equal(state.Options, loaded.Options);
        double[] gradient = Enumerable.Range(0, 9).Select(i => 0.1 * i - 0.4).ToArray();
        Assert.True(Identical<double>(RmsPropOptimizer.Step<double>(state, gradient).Parameters.AsSpan(), RmsPropOptimizer.Step<double>(loaded, gradient).Parameters.AsSpan()));
    }

    [Fact]
    public void A_saved_float_state_loads_back_bit_for_bit()
    {
        RmsPropState<float> state = Trained<float>(5);
        RmsPropState<float> loaded = RmsPropCheckpoint.Load<float>(RmsPropCheckpoint.Save(state));
        Assert.True(Identical<float>(state.Parameters.AsSpan(), loaded.Parameters.AsSpan()));
        Assert.True(Identical<float>(state.Moments.MomentumBuffer.AsSpan(), loaded.Moments.MomentumBuffer.AsSpan()));
        Assert.Equal(state.StepCount, loaded.StepCount);
    }

    [Fact]
    public void Moments_round_trip_on_their_own()
    {
        RmsPropMoments<double> moments = Trained<double>(3).Moments;
        Assert.Equal(moments, RmsPropCheckpoint.LoadMoments<double>(RmsPropCheckpoint.SaveMoments(moments)));
    }

    [Fact]
    public void Loading_into_another_number_type_is_refused_instead_of_rounded()
    {
        string json = RmsPropCheckpoint.Save(Trained<double>(2));
        var error = Assert.Throws<ArgumentException>(() => RmsPropCheckpoint.Load<float>(json));
        Assert.Equal("json", error.ParamName);
        Assert.Contains("Double", error.Message);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("{\"format\": \"something-else\", \"version\": 1}")]
    public void Text_that_is_not_a_checkpoint_is_refused_with_the_parameter_named(string json)
    {
        var error = Assert.Throws<ArgumentException>(() => RmsPropCheckpoint.Load<double>(json));
        Assert.Equal("json", error.ParamName);
    }

    [Fact]
    public void A_checkpoint_edited_to_hold_an_impossible_state_is_refused()
    {
        string json = RmsPropCheckpoint.Save(RmsPropOptimizer.Init<double>(new RmsPropOptions(), [1.0, 2.0]));
        string negative = json.Replace("\"squareAverage\": [\n    0,", "\"squareAverage\": [\n    -1,");
        Assert.NotEqual(json, negative);
        var error = Assert.Throws<ArgumentException>(() => RmsPropCheckpoint.Load<double>(negative));
        Assert.Equal("squareAverage", error.ParamName);
    }
}
