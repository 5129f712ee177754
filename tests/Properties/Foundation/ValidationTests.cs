using System;
using System.Linq;
using RmsProp.Functional;

namespace RmsProp.Properties.Foundation;

/// <summary>Every kind of bad input: the exception names the parameter and the problem, and nothing is changed.</summary>
public sealed class ValidationTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Learning_rate_must_be_finite_and_positive(double learningRate)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RmsPropOptions { LearningRate = learningRate });
        Assert.Equal(nameof(RmsPropOptions.LearningRate), error.ParamName);
        Assert.Contains("greater than 0", error.Message);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Rho_must_be_in_the_half_open_unit_interval(double rho)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RmsPropOptions { Rho = rho });
        Assert.Equal(nameof(RmsPropOptions.Rho), error.ParamName);
        Assert.Contains("[0, 1)", error.Message);
    }

    [Fact]
    public void Rho_at_the_ends_of_its_range_is_accepted()
    {
        Assert.Equal(0.0, new RmsPropOptions { Rho = 0.0 }.Rho);
        Assert.Equal(0.999999, new RmsPropOptions { Rho = 0.999999 }.Rho);
    }

    [Theory]
    [InlineData(-1e-8)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Epsilon_must_be_finite_and_not_negative(double epsilon)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RmsPropOptions { Epsilon = epsilon });
        Assert.Equal(nameof(RmsPropOptions.Epsilon), error.ParamName);
    }

    [Fact]
    public void Other_hyperparameters_are_checked_too()
    {
        Assert.Equal("Momentum", Assert.Throws<ArgumentOutOfRangeException>(() => new RmsPropOptions { Momentum = 1.0 }).ParamName);
        Assert.Equal("WeightDecay", Assert.Throws<ArgumentOutOfRangeException>(() => new RmsPropOptions { WeightDecay = -1 }).ParamName);
        Assert.Equal("InitialSquareAverage", Assert.Throws<ArgumentOutOfRangeException>(() => new RmsPropOptions { InitialSquareAverage = double.NaN }).ParamName);
        Assert.Equal("EpsilonPlacement", Assert.Throws<ArgumentOutOfRangeException>(() => new RmsPropOptions { EpsilonPlacement = (EpsilonPlacement)7 }).ParamName);
    }

    [Fact]
    public void A_with_expression_is_validated_and_leaves_the_original_alone()
    {
        var original = new RmsPropOptions { LearningRate = 0.5 };
        Assert.Throws<ArgumentOutOfRangeException>(() => original with { LearningRate = -1 });
        Assert.Equal(0.5, original.LearningRate);
    }

    [Fact]
    public void Null_arguments_are_named()
    {
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => RmsPropOptimizer.Init<double>(null!, [1.0])).ParamName);
        Assert.Equal("state", Assert.Throws<ArgumentNullException>(() => RmsPropOptimizer.Step<double>(null!, [1.0])).ParamName);
        Assert.Equal("moments", Assert.Throws<ArgumentNullException>(() => RmsPropOptimizer.Update<double>(null!, [1.0])).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => RmsPropOptimizer.InitMoments<double>(null!, 1)).ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    public void A_gradient_of_the_wrong_length_is_rejected(int length)
    {
        RmsPropState<double> state = RmsPropOptimizer.Init<double>(new RmsPropOptions(), [1.0, 2.0, 3.0]);
        var error = Assert.Throws<ArgumentException>(() => RmsPropOptimizer.Step<double>(state, new double[length]));
        Assert.Equal("gradient", error.ParamName);
        Assert.Contains($"{length} entries", error.Message);
        Assert.Contains("3", error.Message);
    }

    [Theory]
    [InlineData(double.NaN, 0)]
    [InlineData(double.PositiveInfinity, 5)]
    [InlineData(double.NegativeInfinity, 8)]
    [InlineData(double.NaN, 12)]
    public void A_non_finite_gradient_entry_is_rejected_by_index(double bad, int index)
    {
        double[] gradient = Enumerable.Range(0, 13).Select(i => i * 0.5).ToArray();
        gradient[index] = bad;
        RmsPropState<double> state = RmsPropOptimizer.Init<double>(new RmsPropOptions(), new double[13]);

        var error = Assert.Throws<ArgumentException>(() => RmsPropOptimizer.Step<double>(state, gradient));
        Assert.Equal("gradient", error.ParamName);
        Assert.Contains($"gradient[{index}]", error.Message);
    }

    [Fact]
    public void A_non_finite_float_gradient_is_rejected_too()
    {
        RmsPropState<float> state = RmsPropOptimizer.Init<float>(new RmsPropOptions(), new float[20]);
        float[] gradient = new float[20];
        gradient[17] = float.NaN;
        var error = Assert.Throws<ArgumentException>(() => RmsPropOptimizer.Step<float>(state, gradient));
        Assert.Contains("gradient[17]", error.Message);
    }

    [Fact]
    public void Non_finite_initial_parameters_are_rejected_by_index()
    {
        var error = Assert.Throws<ArgumentException>(() => RmsPropOptimizer.Init<double>(new RmsPropOptions(), [0.0, double.NaN]));
        Assert.Equal("parameters", error.ParamName);
        Assert.Contains("parameters[1]", error.Message);
    }

    [Fact]
    public void Update_refuses_weight_decay_it_cannot_apply_and_points_to_the_variant_that_can()
    {
        RmsPropMoments<double> moments = RmsPropOptimizer.InitMoments<double>(new RmsPropOptions { WeightDecay = 0.1 }, 2);
        var error = Assert.Throws<ArgumentException>(() => RmsPropOptimizer.Update<double>(moments, [1.0, 1.0]));
        Assert.Equal("moments", error.ParamName);
        Assert.Contains(nameof(RmsPropOptimizer.UpdateWithParameters), error.Message);
    }

    [Fact]
    public void Failed_in_place_step_leaves_every_buffer_untouched()
    {
        var options = new RmsPropOptions { Centered = true, Momentum = 0.9 };
        double[] parameters = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        double[] square = [1, 1, 1, 1, 1, 1, 1, 1, 1];
        double[] average = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1];
        double[] buffer = [0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2];
        double[] gradient = [1, 1, 1, 1, 1, 1, 1, 1, double.NaN];
        double[][] before = [parameters.ToArray(), square.ToArray(), average.ToArray(), buffer.ToArray(), gradient.ToArray()];

        Assert.Throws<ArgumentException>(() => RmsPropOptimizer.StepInPlace<double>(options, parameters, gradient, square, average, buffer));

        Assert.Equal(before[0], parameters);
        Assert.Equal(before[1], square);
        Assert.Equal(before[2], average);
        Assert.Equal(before[3], buffer);
        Assert.Equal(before[4], gradient);
    }

    [Fact]
    public void In_place_step_checks_that_buffers_match_the_options()
    {
        double[] parameters = [1, 2];
        var error = Assert.Throws<ArgumentException>(() =>
            RmsPropOptimizer.StepInPlace<double>(new RmsPropOptions { Centered = true }, parameters, [1.0, 1.0], new double[2], [], []));
        Assert.Equal("gradientAverage", error.ParamName);

        error = Assert.Throws<ArgumentException>(() =>
            RmsPropOptimizer.StepInPlace<double>(new RmsPropOptions(), parameters, [1.0, 1.0], new double[3], [], []));
        Assert.Equal("squareAverage", error.ParamName);
    }

    [Fact]
    public void Changing_the_buffer_layout_after_init_is_refused()
    {
        RmsPropState<double> state = RmsPropOptimizer.Init<double>(new RmsPropOptions(), [1.0]);
        Assert.Throws<ArgumentException>(() => state.WithOptions(new RmsPropOptions { Centered = true }));
        Assert.Throws<ArgumentException>(() => state.WithOptions(new RmsPropOptions { Momentum = 0.5 }));
        Assert.Equal(0.5, state.WithOptions(new RmsPropOptions { LearningRate = 0.5 }).Options.LearningRate);
    }

    [Fact]
    public void Restored_moments_must_hold_a_non_negative_average()
    {
        var error = Assert.Throws<ArgumentException>(() => RmsPropMoments<double>.Restore(new RmsPropOptions(), [1.0, -2.0], [], [], 3));
        Assert.Equal("squareAverage", error.ParamName);
        Assert.Contains("squareAverage[1]", error.Message);
    }
}
