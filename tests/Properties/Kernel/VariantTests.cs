using System;
using System.Linq;
using RmsProp.Functional;
using static RmsProp.Properties.Foundation.Bits;

namespace RmsProp.Properties.Kernel;

/// <summary>
/// Nesterov momentum, decoupled weight decay, bias correction and the initial average, each against values worked
/// out by hand from the formula of the framework it follows (cited on each option's documentation).
/// </summary>
public sealed class VariantTests
{
    private static double[] Run(RmsPropOptions options, double start, double gradient, int steps)
    {
        RmsPropState<double> state = RmsPropOptimizer.Init<double>(options, [start]);
        var trajectory = new double[steps];
        for (int step = 0; step < steps; step++)
        {
            state = RmsPropOptimizer.Step<double>(state, [gradient]);
            trajectory[step] = state.Parameters[0];
        }

        return trajectory;
    }

    [Theory]
    [InlineData(OperationOrder.PyTorch, MomentumConvention.LearningRateOutsideBuffer)]
    [InlineData(OperationOrder.Optax, MomentumConvention.LearningRateInsideBuffer)]
    [InlineData(OperationOrder.Optax, MomentumConvention.LearningRateOutsideBuffer)]
    public void Nesterov_steps_by_the_new_buffer_plus_mu_times_the_new_buffer_on_top_of_the_scaled_gradient(OperationOrder order, MomentumConvention convention)
    {
        // Constant g = 0.5, rho = 0.9, eps = 0, s0 = 0: s_t = 0.25 (1 - 0.9^t), so x_t = g / sqrt(s_t) = 1/sqrt(1 - 0.9^t).
        // Buffer b_t = 0.9 b_{t-1} + x_t; Nesterov steps by x_t + 0.9 b_t (optax trace: f(g, f(g, t))), times lr = 0.1.
        var options = new RmsPropOptions
        {
            LearningRate = 0.1, Rho = 0.9, Epsilon = 0, Momentum = 0.9, Nesterov = true,
            OperationOrder = order, MomentumConvention = convention,
        };
        double[] trajectory = Run(options, start: 1, gradient: 0.5, steps: 3);

        double w = 1, b = 0;
        for (int t = 1; t <= 3; t++)
        {
            double x = 1 / Math.Sqrt(1 - Math.Pow(0.9, t));
            b = (0.9 * b) + x;
            w -= 0.1 * (x + (0.9 * b));
            AssertClose(w, trajectory[t - 1], 1e-14, $"w after step {t}");
        }

        // The first step is 1.9 times plain momentum's: 1 - 0.19 sqrt(10).
        AssertClose(1 - (0.19 * Math.Sqrt(10)), trajectory[0], 1e-15, "first step");
    }

    [Fact]
    public void Nesterov_without_momentum_changes_nothing()
    {
        var plain = new RmsPropOptions { LearningRate = 0.1 };
        double[] expected = Run(plain, 1, 0.5, 4);
        Assert.Equal(expected, Run(plain with { Nesterov = true }, 1, 0.5, 4));
    }

    [Theory]
    [InlineData(OperationOrder.PyTorch)]
    [InlineData(OperationOrder.Optax)]
    public void Decoupled_weight_decay_shrinks_the_weights_by_lr_wd_w_without_dividing_by_the_root(OperationOrder order)
    {
        // A zero gradient leaves only the decay: w = 2 - 0.1 * 0.5 * 2 = 1.9 (PyTorch's AdamW multiplies by
        // 1 - lr*wd = 0.95; optax.adamw adds wd*w = 1 to the update before the learning rate scales it).
        var options = new RmsPropOptions { LearningRate = 0.1, Rho = 0.9, DecoupledWeightDecay = 0.5, OperationOrder = order };
        Assert.Equal(1.9, Run(options, start: 2, gradient: 0, steps: 1)[0]);

        // Two steps: 2 * 0.95^2 = 1.805 in both conventions, to rounding.
        AssertClose(1.805, Run(options, start: 2, gradient: 0, steps: 2)[1], 1e-15, "two steps");

        // Coupled decay with the same coefficient is divided by the root of its own square: one step moves by
        // lr * g / sqrt((1 - rho) g^2) = 0.1 / sqrt(0.1) ~ 0.316, not by 0.1.
        var coupled = new RmsPropOptions { LearningRate = 0.1, Rho = 0.9, WeightDecay = 0.5, OperationOrder = order };
        AssertClose(2 - (0.1 / Math.Sqrt(0.1)), Run(coupled, start: 2, gradient: 0, steps: 1)[0], 1e-7, "coupled");
    }

    [Fact]
    public void Decoupled_weight_decay_in_an_update_is_the_decay_term_added_to_the_update()
    {
        var options = new RmsPropOptions { LearningRate = 0.1, Rho = 0.9, DecoupledWeightDecay = 0.5 };
        RmsPropUpdate<double> update = RmsPropOptimizer.UpdateWithParameters<double>(RmsPropOptimizer.InitMoments<double>(options, 1), [0.0], [2.0]);
        Assert.Equal(-0.1, update.Updates[0]);
        Assert.Equal("moments", Assert.Throws<ArgumentException>(() => RmsPropOptimizer.Update<double>(RmsPropOptimizer.InitMoments<double>(options, 1), [0.0])).ParamName);
    }

    [Theory]
    [InlineData(OperationOrder.PyTorch)]
    [InlineData(OperationOrder.Optax)]
    public void Bias_correction_makes_every_step_of_a_constant_gradient_exactly_lr_long(OperationOrder order)
    {
        // s_t = (1 - rho^t) g^2, so s_t / (1 - rho^t) = g^2 and, with eps = 0, each step is lr * g / |g| = lr.
        var options = new RmsPropOptions { LearningRate = 0.1, Rho = 0.9, Epsilon = 0, BiasCorrection = true, OperationOrder = order };
        double[] trajectory = Run(options, start: 1, gradient: 0.5, steps: 5);
        Assert.Equal(0.9, trajectory[0]);
        for (int t = 1; t <= 5; t++)
        {
            AssertClose(1 - (0.1 * t), trajectory[t - 1], 1e-14, $"w after step {t}");
        }

        // Without it the first step is lr / sqrt(1 - rho) ~ 0.316: the average starts near 0 and the root is small.
        AssertClose(1 - (0.1 / Math.Sqrt(0.1)), Run(options with { BiasCorrection = false }, 1, 0.5, 1)[0], 1e-15, "uncorrected");
    }

    [Fact]
    public void Bias_correction_leaves_the_stored_average_uncorrected_and_counts_steps_in_place()
    {
        var options = new RmsPropOptions { LearningRate = 0.1, Rho = 0.9, Epsilon = 0, BiasCorrection = true };
        double[] parameters = [1.0], square = [0.0];
        for (long step = 1; step <= 3; step++)
        {
            RmsPropOptimizer.StepInPlace<double>(options, parameters, [0.5], square, [], [], stepNumber: step);
        }

        AssertClose(0.25 * (1 - Math.Pow(0.9, 3)), square[0], 1e-15, "s after 3 steps");
        AssertClose(0.7, parameters[0], 1e-14, "w after 3 steps");
        Assert.Equal("stepNumber", Assert.Throws<ArgumentOutOfRangeException>(() => RmsPropOptimizer.StepInPlace<double>(options, parameters, [0.5], square, [], [], stepNumber: 0)).ParamName);
    }

    [Theory]
    [InlineData(OperationOrder.PyTorch)]
    [InlineData(OperationOrder.Optax)]
    public void The_initial_scale_is_where_the_average_starts(OperationOrder order)
    {
        // Optax's initial_scale = 1 (TF1's default): after a zero gradient the average is rho * 1.
        var options = new RmsPropOptions { Rho = 0.9, InitialSquareAverage = 1, OperationOrder = order };
        RmsPropState<double> state = RmsPropOptimizer.Step<double>(RmsPropOptimizer.Init<double>(options, [3.0]), [0.0]);
        Assert.Equal(0.9, state.SquareAverage[0]);
        Assert.Equal(3.0, state.Parameters[0]);
    }

    [Fact]
    public void The_optax_preset_follows_optax_order_and_the_others_pytorch_order()
    {
        Assert.Equal(OperationOrder.Optax, RmsPropOptions.Optax(0.1).OperationOrder);
        Assert.Equal(OperationOrder.PyTorch, RmsPropOptions.PyTorch.OperationOrder);
        Assert.Equal(OperationOrder.PyTorch, RmsPropOptions.Keras.OperationOrder);

        // The two orders round differently: on this gradient they differ in the last bits of the first step.
        double[] gradient = Enumerable.Range(0, 64).Select(i => Math.Sin(i) * 3.7).ToArray();
        RmsPropUpdate<double> optax = RmsPropOptimizer.Update<double>(RmsPropOptimizer.InitMoments<double>(RmsPropOptions.Optax(0.1), 64), gradient);
        RmsPropUpdate<double> pytorch = RmsPropOptimizer.Update<double>(RmsPropOptimizer.InitMoments<double>(RmsPropOptions.Optax(0.1) with { OperationOrder = OperationOrder.PyTorch }, 64), gradient);
        Assert.False(Identical<double>(optax.Updates.AsSpan(), pytorch.Updates.AsSpan()));
        AssertAllClose(pytorch.Updates.ToArray(), optax.Updates.ToArray(), 1e-15, "updates");
    }
}
