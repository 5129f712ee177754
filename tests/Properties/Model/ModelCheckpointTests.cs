using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Reflection;
using RmsProp.Functional;
using static RmsProp.Properties.Foundation.Bits;

namespace RmsProp.Properties.Model;

public sealed class ModelCheckpointTests
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

    private static RmsPropModelState<T> Trained<T>(int steps)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RmsPropGroup[] groups = [new("weights", Everything, ["w"]), new("biases", RmsPropOptions.Keras.WithLearningRate(0.01), ["b"])];
        RmsPropModelState<T> state = RmsPropModel.Init<T>(groups, [
            NamedTensor.Create<T>("w", [2, 3], Enumerable.Range(0, 6).Select(i => T.CreateChecked(Math.Sin(i) / 3)).ToArray()),
            NamedTensor.Vector<T>("b", Enumerable.Range(0, 3).Select(i => T.CreateChecked(i * 0.1)).ToArray()),
        ]);
        RmsPropPlan plan = RmsPropPlan.None.WithLearningRate("biases", Schedule.ExponentialDecay(0.01, 2, 0.5)).WithClipping(GradientClipping.ByGlobalNorm(1));
        for (int step = 0; step < steps; step++)
        {
            state = RmsPropModel.Step(state, new Dictionary<string, T[]>
            {
                ["w"] = [.. Enumerable.Range(0, 6).Select(i => T.CreateChecked(Math.Cos(i * step) + 1e-3 * i))],
                ["b"] = [.. Enumerable.Range(0, 3).Select(i => T.CreateChecked(Math.Sin(i + step)))],
            }, plan);
        }

        return state;
    }

    private static void AssertBitwiseEqual<T>(RmsPropModelState<T> expected, RmsPropModelState<T> actual)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected, actual);
        foreach (RmsPropTensorState<T> tensor in expected.Tensors)
        {
            RmsPropTensorState<T> other = actual[tensor.Name];
            Assert.True(Identical<T>(tensor.Parameters.AsSpan(), other.Parameters.AsSpan()), $"{tensor.Name} parameters");
            Assert.True(Identical<T>(tensor.Moments.SquareAverage.AsSpan(), other.Moments.SquareAverage.AsSpan()), $"{tensor.Name} s");
            Assert.True(Identical<T>(tensor.Moments.GradientAverage.AsSpan(), other.Moments.GradientAverage.AsSpan()), $"{tensor.Name} m");
            Assert.True(Identical<T>(tensor.Moments.MomentumBuffer.AsSpan(), other.Moments.MomentumBuffer.AsSpan()), $"{tensor.Name} b");
        }
    }

    [Fact]
    public void A_model_with_groups_round_trips_bit_for_bit_and_continues_identically()
    {
        RmsPropModelState<double> state = Trained<double>(6);
        string json = RmsPropCheckpoint.SaveModel(state);
        RmsPropModelState<double> loaded = RmsPropCheckpoint.LoadModel<double>(json);
        AssertBitwiseEqual(state, loaded);
        Assert.Equal(6, loaded.StepCount);
        Assert.Equal(["w", "b"], loaded.TensorNames);
        Assert.Equal([2, 3], loaded["w"].Shape.ToArray());
        Assert.Equal("biases", loaded["b"].GroupName);
        Assert.Contains("\"version\": 2", json, StringComparison.Ordinal);

        var gradients = new Dictionary<string, double[]> { ["w"] = [1, 2, 3, 4, 5, 6], ["b"] = [-1, 0, 1] };
        AssertBitwiseEqual(RmsPropModel.Step(state, gradients), RmsPropModel.Step(loaded, gradients));
    }

    [Fact]
    public void A_float_model_round_trips_bit_for_bit()
    {
        RmsPropModelState<float> state = Trained<float>(4);
        AssertBitwiseEqual(state, RmsPropCheckpoint.LoadModel<float>(RmsPropCheckpoint.SaveModel(state)));
    }

    [Fact]
    public void Negative_zero_and_subnormals_survive_in_every_buffer()
    {
        double[] awkward = [-0.0, double.Epsilon, -3 * double.Epsilon, 2.2250738585072009e-308, -1e-310];
        var options = new RmsPropOptions { Centered = true, Momentum = 0.5 };
        double[] nonNegative = [0.0, double.Epsilon, 3 * double.Epsilon, 2.2250738585072009e-308, 1e-310];
        RmsPropState<double> single = RmsPropState<double>.Restore(awkward, RmsPropMoments<double>.Restore(options, nonNegative, awkward, awkward, stepCount: 9));

        RmsPropState<double> loaded = RmsPropCheckpoint.Load<double>(RmsPropCheckpoint.Save(single));
        Assert.True(Identical<double>(awkward, loaded.Parameters.AsSpan()));
        Assert.True(Identical<double>(awkward, loaded.Moments.GradientAverage.AsSpan()));
        Assert.True(Identical<double>(awkward, loaded.Moments.MomentumBuffer.AsSpan()));
        Assert.True(double.IsNegative(loaded.Parameters[0]));

        RmsPropModelState<double> model = RmsPropCheckpoint.LoadModel<double>(RmsPropCheckpoint.Save(single));
        AssertBitwiseEqual(model, RmsPropCheckpoint.LoadModel<double>(RmsPropCheckpoint.SaveModel(model)));
        Assert.True(Identical<double>(awkward, model.ParametersOf("parameters").AsSpan()));

        float[] awkwardFloats = [-0.0f, float.Epsilon, -float.Epsilon * 7, 1e-39f];
        RmsPropModelState<float> floats = RmsPropModel.Init<float>(RmsPropOptions.PyTorch, [NamedTensor.Vector<float>("x", awkwardFloats)]);
        RmsPropModelState<float> floatsLoaded = RmsPropCheckpoint.LoadModel<float>(RmsPropCheckpoint.SaveModel(floats));
        Assert.True(Identical<float>(awkwardFloats, floatsLoaded.ParametersOf("x").AsSpan()));
    }

    // Written by hand in the layout version 1 of the library saved (format, version, numberType, stepCount, the ten
    // options, parameters and the three buffers).
    private const string Version1State = """
        {
          "format": "rmsprop-state",
          "version": 1,
          "numberType": "Double",
          "stepCount": 3,
          "options": {
            "learningRate": 0.1,
            "rho": 0.9,
            "epsilon": 1E-06,
            "epsilonPlacement": "InsideRoot",
            "centered": false,
            "momentum": 0.5,
            "momentumConvention": "LearningRateInsideBuffer",
            "weightDecay": 0,
            "maximize": false,
            "initialSquareAverage": 1
          },
          "parameters": [1.5, -0, 5E-324],
          "squareAverage": [0.25, 1, 0],
          "gradientAverage": [],
          "momentumBuffer": [-0.125, 0, 2]
        }
        """;

    [Fact]
    public void A_version_1_file_loads_as_a_state_and_as_a_model_of_one_tensor()
    {
        RmsPropState<double> state = RmsPropCheckpoint.Load<double>(Version1State);
        Assert.Equal(3, state.StepCount);
        Assert.Equal(EpsilonPlacement.InsideRoot, state.Options.EpsilonPlacement);
        Assert.Equal(MomentumConvention.LearningRateInsideBuffer, state.Options.MomentumConvention);
        Assert.Equal(1.0, state.Options.InitialSquareAverage);
        Assert.True(Identical<double>([1.5, -0.0, double.Epsilon], state.Parameters.AsSpan()));
        Assert.True(Identical<double>([-0.125, 0, 2], state.Moments.MomentumBuffer.AsSpan()));

        RmsPropModelState<double> model = RmsPropCheckpoint.LoadModel<double>(Version1State);
        Assert.Equal(state, model["parameters"].State);
        Assert.Equal(RmsPropModel.DefaultGroupName, model.Groups.Single().Name);
        Assert.Equal(3, model.StepCount);
    }

    public static TheoryData<string, string, string> Corruptions => new()
    {
        { "\"epsilonPlacement\": \"InsideRoot\"", "\"epsilonPlacement\": \"Sideways\"", "options.epsilonPlacement is the string \"Sideways\"; expected one of \"OutsideRoot\", \"InsideRoot\"" },
        { "\"epsilonPlacement\": \"InsideRoot\"", "\"epsilonPlacement\": \"1\"", "options.epsilonPlacement is the string \"1\"" },
        { "\"epsilonPlacement\": \"InsideRoot\"", "\"epsilonPlacement\": 1", "options.epsilonPlacement is the number 1" },
        { "\"epsilonPlacement\": \"InsideRoot\"", "\"epsilonPlacement\": \"insideroot\"", "options.epsilonPlacement is the string \"insideroot\"" },
        { "\"rho\": 0.9", "\"rho\": 1.5", "options.rho is 1.5: Rho must be in [0, 1)" },
        { "\"rho\": 0.9", "\"rho\": \"0.9\"", "options.rho is the string \"0.9\"; expected a number" },
        { "\"centered\": false", "\"centered\": 0", "options.centered is the number 0; expected true or false" },
        { "\"centered\": false,", "", "options.centered is missing" },
        { "\"maximize\": false,", "\"maximize\": false, \"nesterv\": true,", "options.nesterv is not an option this library knows" },
        { "\"parameters\": [1.5, -0, 5E-324]", "\"parameters\": [1.5, \"x\", 5E-324]", "parameters[1] is the string \"x\"; expected a finite number" },
        { "\"stepCount\": 3", "\"stepCount\": 3.5", "stepCount is the number 3.5; expected a whole number" },
        { "\"version\": 1", "\"version\": 7", "version is 7" },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void A_corrupt_file_is_refused_naming_the_field(string original, string replacement, string expected)
    {
        string corrupt = Version1State.Replace(original, replacement, StringComparison.Ordinal);
        Assert.NotEqual(Version1State, corrupt);
        ArgumentException single = Assert.ThrowsAny<ArgumentException>(() => RmsPropCheckpoint.Load<double>(corrupt));
        ArgumentException model = Assert.ThrowsAny<ArgumentException>(() => RmsPropCheckpoint.LoadModel<double>(corrupt));
        foreach (ArgumentException error in new[] { single, model })
        {
            Assert.Equal("json", error.ParamName);
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_corrupt_model_file_names_the_tensor_and_field()
    {
        string json = RmsPropCheckpoint.SaveModel(Trained<double>(2));
        (string Find, string Replace, string Expected)[] cases =
        [
            ("\"group\": \"biases\"", "\"group\": \"norms\"", "tensors[1].group is \"norms\", which is not the name of any group"),
            ("\"group\": \"biases\"", "\"group\": \"weights\"", "tensors[1].group is \"weights\", but that group does not list tensor \"b\""),
            ("\"shape\": [\n        2,\n        3\n      ]", "\"shape\": [\n        3,\n        3\n      ]", "tensors[0].shape is [3, 3] but tensors[0].parameters holds 6 values"),
            ("\"name\": \"biases\"", "\"name\": 4", "groups[1].name is the number 4; expected a string"),
            ("\"gradientAverage\": [],", "", "tensors[1].gradientAverage is missing"),
        ];
        foreach ((string find, string replace, string expected) in cases)
        {
            string corrupt = json.Replace(find, replace, StringComparison.Ordinal);
            Assert.NotEqual(json, corrupt);
            ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => RmsPropCheckpoint.LoadModel<double>(corrupt));
            Assert.Equal("json", error.ParamName);
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_tensor_with_an_impossible_buffer_is_refused_naming_the_tensor()
    {
        string json = RmsPropCheckpoint.SaveModel(RmsPropModel.Init<double>(RmsPropOptions.PyTorch, [NamedTensor.Vector<double>("w", [1.0, 2.0])]));
        string negative = json.Replace("\"squareAverage\": [\n        0,", "\"squareAverage\": [\n        -1,", StringComparison.Ordinal);
        Assert.NotEqual(json, negative);
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => RmsPropCheckpoint.LoadModel<double>(negative));
        Assert.Contains("tensors[0] (tensor \"w\"): squareAverage[0] is -1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_double_that_float_cannot_hold_is_refused_instead_of_rounded()
    {
        string json = RmsPropCheckpoint.SaveModel(RmsPropModel.Init<float>(RmsPropOptions.PyTorch, [NamedTensor.Vector<float>("w", [0.5f])]));
        string inexact = json.Replace("0.5", "0.1", StringComparison.Ordinal);
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => RmsPropCheckpoint.LoadModel<float>(inexact));
        Assert.Contains("tensors[0].parameters[0] is 0.1, which Single cannot hold exactly", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be loaded as Double", Assert.ThrowsAny<ArgumentException>(() => RmsPropCheckpoint.LoadModel<double>(json)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_option_of_RmsPropOptions_survives_a_checkpoint_with_a_value_other_than_its_default()
    {
        PropertyInfo[] properties = [.. typeof(RmsPropOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.CanWrite)];
        Assert.Equal(properties.Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]).Order(StringComparer.Ordinal), RmsPropCheckpoint.OptionField.All.Select(field => field.JsonName).Order(StringComparer.Ordinal));
        foreach (PropertyInfo property in properties)
        {
            RmsPropOptions options = RmsPropOptions.PyTorch with { };
            object current = property.GetValue(options)!;
            object other = current switch
            {
                double value => value == 0.5 ? 0.25 : 0.5,
                bool value => !value,
                Enum value => Enum.GetValues(value.GetType()).Cast<object>().First(candidate => !candidate.Equals(value)),
                _ => throw new InvalidOperationException($"{property.Name} has a type the checkpoint does not write"),
            };
            property.SetValue(options, other);
            RmsPropState<double> state = RmsPropOptimizer.Init<double>(options, [1.0]);
            RmsPropOptions loaded = RmsPropCheckpoint.Load<double>(RmsPropCheckpoint.Save(state)).Options;
            Assert.True(options == loaded, $"{property.Name} = {other} did not survive: {loaded}");
            Assert.Equal(other, property.GetValue(loaded));
        }
    }
}
