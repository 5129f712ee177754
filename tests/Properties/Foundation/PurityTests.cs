using System;
using System.Linq;
using RmsProp.Functional;
using static RmsProp.Properties.Foundation.Bits;

namespace RmsProp.Properties.Foundation;

/// <summary>Step and Update never change their inputs, keep no caller-owned buffer, and are deterministic.</summary>
public sealed class PurityTests
{
    private static readonly RmsPropOptions Everything = new()
    {
        LearningRate = 0.02,
        Rho = 0.8,
        Epsilon = 1e-5,
        Centered = true,
        Momentum = 0.7,
        WeightDecay = 0.05,
        Maximize = true,
    };

    [Fact]
    public void Init_copies_the_parameters_so_the_caller_cannot_change_the_state_later()
    {
        double[] parameters = [1.0, 2.0, 3.0];
        RmsPropState<double> state = RmsPropOptimizer.Init<double>(new RmsPropOptions(), parameters);
        parameters[0] = 99.0;
        Assert.Equal(1.0, state.Parameters[0]);
    }

    [Fact]
    public void Step_changes_neither_the_state_nor_the_gradient()
    {
        RmsPropState<double> state = RmsPropOptimizer.Init<double>(Everything, Enumerable.Range(0, 11).Select(i => i * 0.3 - 1).ToArray());
        state = RmsPropOptimizer.Step<double>(state, Enumerable.Range(0, 11).Select(i => Math.Sin(i)).ToArray());
        double[] parametersBefore = state.Parameters.ToArray();
        double[] squareBefore = state.SquareAverage.ToArray();
        double[] averageBefore = state.Moments.GradientAverage.ToArray();
        double[] bufferBefore = state.Moments.MomentumBuffer.ToArray();
        double[] gradient = Enumerable.Range(0, 11).Select(i => Math.Cos(i)).ToArray();
        double[] gradientBefore = gradient.ToArray();

        RmsPropState<double> next = RmsPropOptimizer.Step<double>(state, gradient);

        Assert.NotEqual(state, next);
        Assert.True(Identical<double>(parametersBefore, state.Parameters.AsSpan()));
        Assert.True(Identical<double>(squareBefore, state.SquareAverage.AsSpan()));
        Assert.True(Identical<double>(averageBefore, state.Moments.GradientAverage.AsSpan()));
        Assert.True(Identical<double>(bufferBefore, state.Moments.MomentumBuffer.AsSpan()));
        Assert.True(Identical<double>(gradientBefore, gradient));
        Assert.Equal(1, state.StepCount);
        Assert.Equal(2, next.StepCount);
    }

    [Fact]
    public void Changing_the_gradient_after_a_step_does_not_change_the_result()
    {
        RmsPropState<double> state = RmsPropOptimizer.Init<double>(new RmsPropOptions(), [1.0, 1.0]);
        double[] gradient = [0.5, -0.5];
        RmsPropState<double> next = RmsPropOptimizer.Step<double>(state, gradient);
        double[] afterStep = next.Parameters.ToArray();
        gradient[0] = 1000;
        Assert.Equal(afterStep, next.Parameters.ToArray());
    }

    [Fact]
    public void Repeated_steps_from_the_same_inputs_are_bitwise_equal_in_double()
    {
        RmsPropState<double> state = RmsPropOptimizer.Init<double>(Everything, Enumerable.Range(0, 37).Select(i => Math.Tan(i)).ToArray());
        double[] gradient = Enumerable.Range(0, 37).Select(i => Math.Sin(3 * i)).ToArray();
        RmsPropState<double> first = RmsPropOptimizer.Step<double>(state, gradient);
        RmsPropState<double> second = RmsPropOptimizer.Step<double>(state, gradient);
        Assert.True(Identical<double>(first.Parameters.AsSpan(), second.Parameters.AsSpan()));
        Assert.True(Identical<double>(first.SquareAverage.AsSpan(), second.SquareAverage.AsSpan()));
        Assert.Equal(first, second);
    }

    [Fact]
    public void Repeated_updates_from_the_same_inputs_are_bitwise_equal_in_float()
    {
        var options = Everything with { WeightDecay = 0 };
        RmsPropMoments<float> moments = RmsPropOptimizer.InitMoments<float>(options, 29);
        float[] gradient = Enumerable.Range(0, 29).Select(i => MathF.Sin(i)).ToArray();
        moments = RmsPropOptimizer.Update<float>(moments, gradient).Moments;
        RmsPropUpdate<float> first = RmsPropOptimizer.Update<float>(moments, gradient);
        RmsPropUpdate<float> second = RmsPropOptimizer.Update<float>(moments, gradient);
        Assert.True(Identical<float>(first.Updates.AsSpan(), second.Updates.AsSpan()));
        Assert.Equal(first, second);
        Assert.Equal(1, moments.StepCount);
    }

    [Theory]
    [InlineData(false, 0.0)]
    [InlineData(true, 0.0)]
    [InlineData(false, 0.9)]
    [InlineData(true, 0.5)]
    public void The_in_place_step_computes_bitwise_what_Step_computes(bool centered, double momentum)
    {
        var options = new RmsPropOptions { LearningRate = 0.01, Rho = 0.9, Centered = centered, Momentum = momentum, WeightDecay = 0.01 };
        const int Length = 23;
        double[] initial = Enumerable.Range(0, Length).Select(i => Math.Cos(i)).ToArray();
        RmsPropState<double> pure = RmsPropOptimizer.Init<double>(options, initial);

        double[] parameters = initial.ToArray();
        double[] square = new double[Length];
        double[] average = centered ? new double[Length] : [];
        double[] buffer = momentum != 0 ? new double[Length] : [];
        for (int step = 0; step < 20; step++)
        {
            double[] gradient = Enumerable.Range(0, Length).Select(i => Math.Sin(i * step + 1)).ToArray();
            pure = RmsPropOptimizer.Step<double>(pure, gradient);
            RmsPropOptimizer.StepInPlace<double>(options, parameters, gradient, square, average, buffer);
        }

        Assert.True(Identical<double>(pure.Parameters.AsSpan(), parameters));
        Assert.True(Identical<double>(pure.SquareAverage.AsSpan(), square));
        Assert.True(Identical<double>(pure.Moments.GradientAverage.AsSpan(), average));
        Assert.True(Identical<double>(pure.Moments.MomentumBuffer.AsSpan(), buffer));
    }

    [Fact]
    public void Step_equals_Update_followed_by_ApplyUpdates_without_momentum()
    {
        var options = new RmsPropOptions { Rho = 0.9, WeightDecay = 0.1, Centered = true };
        RmsPropState<double> state = RmsPropOptimizer.Init<double>(options, [0.5, -1.5, 2.5]);
        double[] gradient = [0.1, -0.2, 0.3];

        RmsPropState<double> stepped = RmsPropOptimizer.Step<double>(state, gradient);
        var (updates, moments) = RmsPropOptimizer.UpdateWithParameters<double>(state.Moments, gradient, state.Parameters.AsSpan());

        Assert.True(Identical<double>(stepped.Parameters.AsSpan(), RmsPropOptimizer.ApplyUpdates<double>(state.Parameters.AsSpan(), updates.AsSpan()).AsSpan()));
        Assert.Equal(stepped.Moments, moments);
    }
}
