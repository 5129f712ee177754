using System;
using System.Collections.Generic;
using System.Linq;
using RmsProp.Functional;
using Xunit.Abstractions;
using static RmsProp.Properties.Foundation.Bits;

namespace RmsProp.Properties.Model;

public sealed class ModelTests(ITestOutputHelper output)
{
    private static readonly RmsPropOptions Weights = new() { LearningRate = 0.02, Rho = 0.9, WeightDecay = 0.01, Momentum = 0.5 };
    private static readonly RmsPropOptions Biases = new() { LearningRate = 0.05, Rho = 0.95, Centered = true };

    private static NamedTensor<double>[] Tensors(Random random) =>
    [
        NamedTensor.Create<double>("layer1.weight", [3, 2], Draw(random, 6)),
        NamedTensor.Vector<double>("layer1.bias", Draw(random, 3)),
        NamedTensor.Create<double>("layer2.weight", [1, 3], Draw(random, 3)),
        NamedTensor.Vector<double>("layer2.bias", Draw(random, 1)),
    ];

    private static RmsPropGroup[] Groups() =>
    [
        new("weights", Weights, ["layer1.weight", "layer2.weight"]),
        new("biases", Biases, ["layer1.bias", "layer2.bias"]),
    ];

    private static double[] Draw(Random random, int count) => [.. Enumerable.Range(0, count).Select(_ => random.NextDouble() * 4 - 2)];

    private static Dictionary<string, double[]> GradientsFor(IEnumerable<NamedTensor<double>> tensors, Random random) =>
        tensors.ToDictionary(t => t.Name, t => Draw(random, t.Length));

    [Fact]
    public void The_first_step_of_each_tensor_is_the_closed_form_of_its_group()
    {
        // Hand-derived: from s = 0 and no momentum, s1 = (1-rho) g^2 and w1 = w - lr g / (sqrt(s1) + eps).
        var options = new RmsPropOptions { LearningRate = 0.1, Rho = 0.9, Epsilon = 1e-6 };
        var other = new RmsPropOptions { LearningRate = 0.3, Rho = 0.5, Epsilon = 1e-6 };
        RmsPropModelState<double> state = RmsPropModel.Init<double>(
            [new RmsPropGroup("a", options, ["x"]), new RmsPropGroup("b", other, ["y"])],
            [NamedTensor.Vector<double>("x", [5.0, 4.0]), NamedTensor.Vector<double>("y", [-1.0])]);

        RmsPropModelState<double> next = RmsPropModel.Step(state, new Dictionary<string, double[]> { ["x"] = [10.0, 8.0], ["y"] = [-3.0] });

        AssertClose(5.0 - 0.1 * 10 / (Math.Sqrt(0.1 * 100) + 1e-6), next.ParametersOf("x")[0], 1e-15, "x[0]");
        AssertClose(4.0 - 0.1 * 8 / (Math.Sqrt(0.1 * 64) + 1e-6), next.ParametersOf("x")[1], 1e-15, "x[1]");
        AssertClose(-1.0 + 0.3 * 3 / (Math.Sqrt(0.5 * 9) + 1e-6), next.ParametersOf("y")[0], 1e-15, "y[0]");
        AssertClose(0.5 * 9, next["y"].Moments.SquareAverage[0], 1e-15, "s of y");
        Assert.Equal(1, next.StepCount);
        Assert.Equal(0, state.StepCount);
        Assert.Equal(5.0, state.ParametersOf("x")[0]);
    }

    [Theory]
    [InlineData(20261129)]
    [InlineData(7)]
    public void Each_tensor_follows_the_single_tensor_optimizer_with_its_groups_options_bit_for_bit(int seed)
    {
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        NamedTensor<double>[] tensors = Tensors(random);
        RmsPropModelState<double> model = RmsPropModel.Init(Groups(), tensors);
        Dictionary<string, RmsPropState<double>> alone = tensors.ToDictionary(
            t => t.Name, t => RmsPropOptimizer.Init<double>(t.Name.EndsWith("weight", StringComparison.Ordinal) ? Weights : Biases, t.Values.AsSpan()));

        for (int step = 0; step < 25; step++)
        {
            Dictionary<string, double[]> gradients = GradientsFor(tensors, random);
            model = RmsPropModel.Step(model, gradients);
            foreach (string name in alone.Keys.ToList())
            {
                alone[name] = RmsPropOptimizer.Step<double>(alone[name], gradients[name]);
            }
        }

        foreach (RmsPropTensorState<double> tensor in model.Tensors)
        {
            Assert.True(Identical<double>(alone[tensor.Name].Parameters.AsSpan(), tensor.Parameters.AsSpan()), tensor.Name);
            Assert.Equal(alone[tensor.Name].Moments, tensor.Moments);
        }

        Assert.Equal(25, model.StepCount);
        Assert.Equal(["layer1.weight", "layer1.bias", "layer2.weight", "layer2.bias"], model.TensorNames);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12345)]
    public void The_in_place_step_over_the_callers_arrays_equals_the_pure_step_bit_for_bit(int seed)
    {
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        NamedTensor<float>[] tensors = [.. Tensors(random).Select(t => NamedTensor.Create<float>(t.Name, t.Shape.AsSpan(), t.Values.Select(v => (float)v).ToArray()))];
        RmsPropModelState<float> pure = RmsPropModel.Init(Groups(), tensors);
        Dictionary<string, float[]> mine = tensors.ToDictionary(t => t.Name, t => t.Values.ToArray());
        float[] firstArray = mine["layer1.weight"];
        RmsPropModelBuffers<float> buffers = RmsPropModel.CreateBuffers(Groups(), mine);

        for (int step = 0; step < 30; step++)
        {
            Dictionary<string, float[]> gradients = tensors.ToDictionary(t => t.Name, t => Draw(random, t.Length).Select(v => (float)v).ToArray());
            pure = RmsPropModel.Step(pure, gradients);
            RmsPropModel.StepInPlace(buffers, gradients);
        }

        Assert.Same(firstArray, mine["layer1.weight"]);
        foreach (RmsPropTensorState<float> tensor in pure.Tensors)
        {
            Assert.True(Identical<float>(tensor.Parameters.AsSpan(), mine[tensor.Name]), tensor.Name);
        }

        RmsPropModelState<float> snapshot = buffers.ToState();
        Assert.Equal(pure.Tensors.Select(t => t.Moments), pure.TensorNames.Select(name => snapshot[name].Moments));
        Assert.Equal(30, buffers.StepCount);
    }

    [Fact]
    public void Buffers_made_from_a_state_continue_it_bit_for_bit()
    {
        var random = new Random(99);
        NamedTensor<double>[] tensors = Tensors(random);
        RmsPropModelState<double> state = RmsPropModel.Init(Groups(), tensors);
        state = RmsPropModel.Step(state, GradientsFor(tensors, random));
        Dictionary<string, double[]> arrays = tensors.ToDictionary(t => t.Name, t => new double[t.Length]);
        RmsPropModelBuffers<double> buffers = RmsPropModelBuffers<double>.FromState(state, arrays);
        Assert.Equal(state, buffers.ToState());

        Dictionary<string, double[]> gradients = GradientsFor(tensors, random);
        RmsPropModel.StepInPlace(buffers, gradients);
        Assert.Equal(RmsPropModel.Step(state, gradients), buffers.ToState());
    }

    public static TheoryData<string, string, string> BadGradients => new()
    {
        { "missing", "layer2.bias", "no entry for tensor 'layer2.bias'" },
        { "extra", "layer3.weight", "'layer3.weight' that names no tensor" },
        { "short", "layer1.weight", "gradients['layer1.weight'] has 5 entries but tensor 'layer1.weight' has shape [3, 2]" },
        { "nan", "layer1.bias", "gradients['layer1.bias'][1] is NaN" },
        { "infinite", "layer2.weight", "gradients['layer2.weight'][1] is " },
    };

    [Theory]
    [MemberData(nameof(BadGradients))]
    public void A_bad_gradient_is_refused_naming_the_tensor_and_nothing_changes(string defect, string tensor, string expected)
    {
        var random = new Random(3);
        NamedTensor<double>[] tensors = Tensors(random);
        RmsPropModelState<double> state = RmsPropModel.Step(RmsPropModel.Init(Groups(), tensors), GradientsFor(tensors, random));
        string before = RmsPropCheckpointText(state);
        Dictionary<string, double[]> gradients = GradientsFor(tensors, random);
        switch (defect)
        {
            case "missing": gradients.Remove(tensor); break;
            case "extra": gradients[tensor] = [1.0]; break;
            case "short": gradients[tensor] = [1, 2, 3, 4, 5]; break;
            case "nan": gradients[tensor][1] = double.NaN; break;
            default: gradients[tensor][1] = double.PositiveInfinity; break;
        }

        Dictionary<string, double[]> gradientsBefore = gradients.ToDictionary(p => p.Key, p => p.Value.ToArray());
        Dictionary<string, double[]> arrays = tensors.ToDictionary(t => t.Name, t => new double[t.Length]);
        RmsPropModelBuffers<double> buffers = RmsPropModelBuffers<double>.FromState(state, arrays);
        Dictionary<string, double[]> arraysBefore = arrays.ToDictionary(p => p.Key, p => p.Value.ToArray());

        ArgumentException pure = Assert.ThrowsAny<ArgumentException>(() => RmsPropModel.Step(state, gradients));
        ArgumentException inPlace = Assert.ThrowsAny<ArgumentException>(() => RmsPropModel.StepInPlace(buffers, gradients));

        foreach (ArgumentException error in new[] { pure, inPlace })
        {
            Assert.Equal("gradients", error.ParamName);
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, RmsPropCheckpointText(state));
        Assert.Equal(state, buffers.ToState());
        Assert.All(arrays, pair => Assert.True(Identical<double>(arraysBefore[pair.Key], pair.Value), pair.Key));
        Assert.All(gradients, pair => Assert.True(Identical<double>(gradientsBefore[pair.Key], pair.Value), pair.Key));
    }

    [Fact]
    public void A_gradient_of_the_right_length_but_another_shape_is_refused_when_gradients_carry_shapes()
    {
        var random = new Random(5);
        NamedTensor<double>[] tensors = Tensors(random);
        RmsPropModelState<double> state = RmsPropModel.Init(Groups(), tensors);
        NamedTensor<double>[] gradients =
        [
            NamedTensor.Create<double>("layer1.weight", [2, 3], Draw(random, 6)),
            .. tensors.Skip(1).Select(t => NamedTensor.Create<double>(t.Name, t.Shape.AsSpan(), Draw(random, t.Length))),
        ];

        ArgumentException error = Assert.Throws<ArgumentException>(() => RmsPropModel.Step(state, gradients));
        Assert.Equal("gradients", error.ParamName);
        Assert.Contains("gradients['layer1.weight'] has shape [2, 3] but tensor 'layer1.weight' has shape [3, 2]", error.Message, StringComparison.Ordinal);

        NamedTensor<double>[] shaped = [.. tensors.Select(t => NamedTensor.Create<double>(t.Name, t.Shape.AsSpan(), Draw(new Random(1), t.Length)))];
        Assert.Equal(RmsPropModel.Step(state, shaped.ToDictionary(t => t.Name, t => t.Values.ToArray())), RmsPropModel.Step(state, shaped));
    }

    [Fact]
    public void Changing_a_groups_options_keeps_every_buffer_and_changes_only_that_groups_steps()
    {
        var random = new Random(8);
        NamedTensor<double>[] tensors = Tensors(random);
        RmsPropModelState<double> state = RmsPropModel.Step(RmsPropModel.Init(Groups(), tensors), GradientsFor(tensors, random));
        RmsPropModelState<double> slower = state.WithGroupOptions("weights", Weights.WithLearningRate(0.001));

        Assert.Equal(0.001, slower.Group("weights").Options.LearningRate);
        Assert.Equal(0.02, state.Group("weights").Options.LearningRate);
        foreach (string name in state.TensorNames)
        {
            Assert.True(Identical<double>(state[name].Moments.SquareAverage.AsSpan(), slower[name].Moments.SquareAverage.AsSpan()));
            Assert.True(Identical<double>(state[name].Moments.MomentumBuffer.AsSpan(), slower[name].Moments.MomentumBuffer.AsSpan()));
        }

        Dictionary<string, double[]> gradients = GradientsFor(tensors, random);
        RmsPropModelState<double> a = RmsPropModel.Step(state, gradients);
        RmsPropModelState<double> b = RmsPropModel.Step(slower, gradients);
        Assert.Equal(a["layer1.bias"], b["layer1.bias"]);
        Assert.NotEqual(a.ParametersOf("layer1.weight")[0], b.ParametersOf("layer1.weight")[0]);
        RmsPropState<double> expected = RmsPropOptimizer.Step<double>(state["layer1.weight"].State.WithOptions(Weights.WithLearningRate(0.001)), gradients["layer1.weight"]);
        Assert.True(Identical<double>(expected.Parameters.AsSpan(), b.ParametersOf("layer1.weight").AsSpan()));
    }

    [Fact]
    public void Options_that_would_need_other_buffers_are_refused_naming_the_group()
    {
        RmsPropModelState<double> state = RmsPropModel.Init(Groups(), Tensors(new Random(1)));
        ArgumentException centered = Assert.Throws<ArgumentException>(() => state.WithGroupOptions("biases", Biases.WithCentered(false)));
        Assert.Equal("options", centered.ParamName);
        Assert.Contains("Group 'biases': Centered", centered.Message, StringComparison.Ordinal);
        ArgumentException momentum = Assert.Throws<ArgumentException>(() => state.WithGroupOptions("weights", Weights.WithMomentum(0)));
        Assert.Contains("Group 'weights': Momentum", momentum.Message, StringComparison.Ordinal);
        ArgumentException unknown = Assert.Throws<ArgumentException>(() => state.WithGroupOptions("norms", Weights));
        Assert.Equal("groupName", unknown.ParamName);
        Assert.Contains("'norms'", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Groups_must_cover_every_tensor_exactly_once()
    {
        NamedTensor<double>[] tensors = Tensors(new Random(2));
        ArgumentException none = Assert.Throws<ArgumentException>(() => RmsPropModel.Init<double>([new RmsPropGroup("weights", Weights, ["layer1.weight", "layer2.weight"])], tensors));
        Assert.Contains("Tensor 'layer1.bias' is in no group", none.Message, StringComparison.Ordinal);
        Assert.Equal("tensors", none.ParamName);

        ArgumentException twice = Assert.Throws<ArgumentException>(() => RmsPropModel.Init<double>(
            [.. Groups(), new RmsPropGroup("again", Weights, ["layer2.bias"])], tensors));
        Assert.Contains("Tensor 'layer2.bias' is in group 'biases' and in group 'again'", twice.Message, StringComparison.Ordinal);

        ArgumentException unknown = Assert.Throws<ArgumentException>(() => RmsPropModel.Init<double>(
            [.. Groups(), new RmsPropGroup("ghost", Weights, ["layer9.weight"])], tensors));
        Assert.Contains("Group 'ghost' names tensor 'layer9.weight'", unknown.Message, StringComparison.Ordinal);

        ArgumentException duplicate = Assert.Throws<ArgumentException>(() => RmsPropModel.Init<double>(Weights, [tensors[0], tensors[0]]));
        Assert.Contains("Two tensors are called 'layer1.weight'", duplicate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tensor_whose_shape_does_not_fit_its_values_is_refused()
    {
        double[] values = [1, 2, 3, 4, 5];
        ArgumentException error = Assert.Throws<ArgumentException>(() => NamedTensor.Create<double>("w", [2, 3], values));
        Assert.Equal("values", error.ParamName);
        Assert.Contains("Tensor 'w' has shape [2, 3] (6 values) but 5 values were given", error.Message, StringComparison.Ordinal);
        ArgumentException negative = Assert.Throws<ArgumentException>(() => NamedTensor.Create<double>("w", [-1, 3], values));
        Assert.Equal("shape", negative.ParamName);
        ArgumentException nan = Assert.Throws<ArgumentException>(() => NamedTensor.Vector<double>("w", [1, double.NaN]));
        Assert.Contains("Tensor 'w': values[1] is NaN", nan.Message, StringComparison.Ordinal);
        Assert.Equal([1.0, 2, 3, 4, 5], values);
    }

    private static string RmsPropCheckpointText(RmsPropModelState<double> state) =>
        string.Join(";", state.Tensors.Select(t => RmsPropCheckpoint.Save(t.State)));
}
