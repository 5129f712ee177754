using System;
using System.Collections.Generic;
using System.Linq;
using RmsProp.Functional;
using Xunit.Abstractions;
using static RmsProp.Properties.Foundation.Bits;

namespace RmsProp.Properties.Model;

public sealed class ClippingTests(ITestOutputHelper output)
{
    private static readonly RmsPropOptions Sgdish = new() { LearningRate = 0.1, Rho = 0.5 };

    private static RmsPropModelState<double> TwoTensors() =>
        RmsPropModel.Init<double>(Sgdish, [NamedTensor.Vector<double>("a", [1.0, 1.0]), NamedTensor.Vector<double>("b", [1.0, 1.0])]);

    /// <summary>The step an unclipped optimizer takes with gradients clipped by hand.</summary>
    private static RmsPropModelState<double> StepWith(Dictionary<string, double[]> handClipped) => RmsPropModel.Step(TwoTensors(), handClipped);

    [Fact]
    public void Global_norm_clipping_uses_pytorchs_coefficient_with_its_small_constant()
    {
        var gradients = new Dictionary<string, double[]> { ["a"] = [3.0, 0.0], ["b"] = [0.0, 4.0] };
        RmsPropModelState<double> clipped = RmsPropModel.Step(TwoTensors(), gradients, RmsPropPlan.None.WithClipping(GradientClipping.ByGlobalNorm(1.0)));

        double coefficient = 1.0 / (5.0 + 1e-6);   // clip_coef = max_norm / (total_norm + 1e-6), total_norm = |(3, 4)| = 5
        RmsPropModelState<double> expected = StepWith(new() { ["a"] = [3.0 * coefficient, 0.0], ["b"] = [0.0, 4.0 * coefficient] });
        Assert.Equal(expected, clipped);
        Assert.Equal([3.0, 0.0], gradients["a"]);
    }

    [Fact]
    public void Per_tensor_norm_clipping_scales_each_tensor_by_its_own_norm()
    {
        var gradients = new Dictionary<string, double[]> { ["a"] = [3.0, 0.0], ["b"] = [0.0, 0.5] };
        RmsPropModelState<double> clipped = RmsPropModel.Step(TwoTensors(), gradients, RmsPropPlan.None.WithClipping(GradientClipping.ByNormPerTensor(1.0)));
        RmsPropModelState<double> expected = StepWith(new() { ["a"] = [3.0 * (1.0 / (3.0 + 1e-6)), 0.0], ["b"] = [0.0, 0.5] });
        Assert.Equal(expected, clipped);
    }

    [Fact]
    public void Value_clipping_clamps_each_entry()
    {
        var gradients = new Dictionary<string, double[]> { ["a"] = [3.0, -0.2], ["b"] = [-7.0, 0.5] };
        RmsPropModelState<double> clipped = RmsPropModel.Step(TwoTensors(), gradients, RmsPropPlan.None.WithClipping(GradientClipping.ByValue(0.5)));
        Assert.Equal(StepWith(new() { ["a"] = [0.5, -0.2], ["b"] = [-0.5, 0.5] }), clipped);
    }

    [Theory]
    [InlineData(20261129)]
    [InlineData(424242)]
    public void Gradients_under_the_limit_pass_bit_for_bit_and_clipped_ones_end_at_most_at_the_limit(int seed)
    {
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        for (int trial = 0; trial < 200; trial++)
        {
            float[][] gradients = [.. Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, random.Next(1, 40)).Select(_ => (float)(random.NextDouble() * 20 - 10)).ToArray())];
            double limit = random.NextDouble() * 30 + 0.01;
            float[][] clipped = Clipper.Apply([GradientClipping.ByGlobalNorm(limit)], gradients, scratch: null);
            double before = Math.Sqrt(gradients.Sum(g => g.Sum(v => (double)v * v)));
            double after = Math.Sqrt(clipped.Sum(g => g.Sum(v => (double)v * v)));
            if (before + 1e-6 <= limit)
            {
                Assert.All(Enumerable.Range(0, 3), i => Assert.True(Identical<float>(gradients[i], clipped[i])));
            }
            else
            {
                Assert.True(after <= limit * (1 + 1e-6), $"trial {trial}: norm {after} over limit {limit}");
                AssertClose(limit, after, 1e-5, $"trial {trial}");
            }
        }
    }

    [Fact]
    public void A_huge_finite_gradient_is_scaled_not_zeroed_by_an_overflowing_norm()
    {
        double[][] gradients = [[1e200, -1e200], [3e199]];
        double[][] clipped = Clipper.Apply([GradientClipping.ByGlobalNorm(2.0)], gradients, scratch: null);
        double norm = Math.Sqrt(clipped.Sum(g => g.Sum(v => v * v)));
        AssertClose(2.0, norm, 1e-12, "clipped norm");
        Assert.True(clipped[0][0] > 0 && clipped[0][1] < 0);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(2718)]
    public void The_in_place_step_with_a_plan_equals_the_pure_step_with_it_bit_for_bit(int seed)
    {
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        RmsPropGroup[] groups =
        [
            new("weights", new RmsPropOptions { LearningRate = 0.05, WeightDecay = 0.01, Momentum = 0.9 }, ["w"]),
            new("biases", new RmsPropOptions { LearningRate = 0.05 }, ["b"]),
        ];
        RmsPropPlan plan = RmsPropPlan.None
            .WithLearningRate("weights", Schedule.WarmupCosineDecay(0.001, 0.05, 5, 60, endValue: 0.001))
            .WithLearningRate("biases", Schedule.ExponentialDecay(0.05, 10, 0.5))
            .WithClipping(GradientClipping.ByValue(5))
            .WithClipping(GradientClipping.ByGlobalNorm(1.0));
        double[] w = [.. Enumerable.Range(0, 12).Select(_ => random.NextDouble())];
        double[] b = [.. Enumerable.Range(0, 3).Select(_ => random.NextDouble())];
        RmsPropModelState<double> pure = RmsPropModel.Init(groups, [NamedTensor.Vector<double>("w", w), NamedTensor.Vector<double>("b", b)]);
        RmsPropModelBuffers<double> buffers = RmsPropModel.CreateBuffers(groups, new Dictionary<string, double[]> { ["w"] = w, ["b"] = b });
        for (int step = 0; step < 50; step++)
        {
            var gradients = new Dictionary<string, double[]>
            {
                ["w"] = [.. Enumerable.Range(0, 12).Select(_ => random.NextDouble() * 8 - 4)],
                ["b"] = [.. Enumerable.Range(0, 3).Select(_ => random.NextDouble() * 8 - 4)],
            };
            pure = RmsPropModel.Step(pure, gradients, plan);
            RmsPropModel.StepInPlace(buffers, gradients, plan);
        }

        Assert.Equal(pure, buffers.ToState());
        Assert.True(Identical<double>(pure.ParametersOf("w").AsSpan(), w));
        Assert.Equal(0.05, pure.Group("weights").Options.LearningRate);   // the state keeps the base options
    }

    [Fact]
    public void A_scheduled_group_steps_as_the_single_tensor_optimizer_with_the_scheduled_rate()
    {
        Schedule rates = Schedule.PyTorchStepLR(0.1, 2, 0.5);
        RmsPropModelState<double> model = RmsPropModel.Init<double>(Sgdish, [NamedTensor.Vector<double>("x", [1.0, -2.0])]);
        RmsPropState<double> alone = RmsPropOptimizer.Init<double>(Sgdish, [1.0, -2.0]);
        RmsPropPlan plan = RmsPropPlan.None.WithLearningRate(RmsPropModel.DefaultGroupName, rates);
        for (int step = 0; step < 7; step++)
        {
            double[] gradient = [Math.Sin(step), Math.Cos(step)];
            model = RmsPropModel.Step(model, new Dictionary<string, double[]> { ["x"] = gradient }, plan);
            alone = RmsPropOptimizer.Step<double>(alone.WithOptions(Sgdish.WithLearningRate(rates.ValueAt(step))), gradient);
        }

        Assert.True(Identical<double>(alone.Parameters.AsSpan(), model.ParametersOf("x").AsSpan()));
    }

    [Fact]
    public void A_plan_for_a_group_the_model_lacks_or_a_bad_scheduled_value_is_refused_and_nothing_changes()
    {
        RmsPropModelState<double> state = TwoTensors();
        var gradients = new Dictionary<string, double[]> { ["a"] = [1.0, 1.0], ["b"] = [1.0, 1.0] };
        ArgumentException typo = Assert.Throws<ArgumentException>(() => RmsPropModel.Step(state, gradients, RmsPropPlan.None.WithLearningRate("defualt", Schedule.Constant(0.1))));
        Assert.Equal("plan", typo.ParamName);
        Assert.Contains("'defualt'", typo.Message, StringComparison.Ordinal);

        RmsPropPlan ending = RmsPropPlan.None.WithLearningRate(RmsPropModel.DefaultGroupName, Schedule.CosineDecay(0.1, 1));
        RmsPropModelState<double> once = RmsPropModel.Step(state, gradients, ending);
        double[] a = [1.0, 1.0];
        RmsPropModelBuffers<double> buffers = RmsPropModelBuffers<double>.FromState(once, new Dictionary<string, double[]> { ["a"] = a, ["b"] = new double[2] });
        ArgumentException late = Assert.Throws<ArgumentException>(() => RmsPropModel.StepInPlace(buffers, gradients, ending));
        Assert.Contains("Group 'default': At step 1", late.Message, StringComparison.Ordinal);
        Assert.Equal(once, buffers.ToState());
    }
}
