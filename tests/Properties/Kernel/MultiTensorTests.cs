using System;
using System.Collections.Generic;
using System.Linq;
using RmsProp.Functional;
using static RmsProp.Properties.Foundation.Bits;

namespace RmsProp.Properties.Kernel;

/// <summary>
/// The multi-tensor step (one call, tensors shared out among threads) computes bitwise what stepping each tensor
/// alone computes, and checks every gradient before it writes any tensor.
/// </summary>
public sealed class MultiTensorTests
{
    private static (RmsPropModelBuffers<double> Model, Dictionary<string, double[]> Parameters, Dictionary<string, double[]> Gradients) Build(RmsPropOptions options, int[] lengths)
    {
        var parameters = new Dictionary<string, double[]>();
        var gradients = new Dictionary<string, double[]>();
        for (int t = 0; t < lengths.Length; t++)
        {
            parameters[$"t{t}"] = Enumerable.Range(0, lengths[t]).Select(i => Math.Cos(i + t)).ToArray();
            gradients[$"t{t}"] = Enumerable.Range(0, lengths[t]).Select(i => Math.Sin((3 * i) + t)).ToArray();
        }

        return (RmsPropModel.CreateBuffers<double>([new RmsPropGroup("all", options, parameters.Keys)], parameters), parameters, gradients);
    }

    [Fact]
    public void Many_small_and_some_large_tensors_step_bitwise_as_each_alone()
    {
        var options = new RmsPropOptions { Centered = true, Momentum = 0.9, Nesterov = true, BiasCorrection = true };
        int[] lengths = [.. Enumerable.Range(0, 300).Select(t => 1 + (t * 37 % 1000)), 5 * RmsPropKernel.ParallelThreshold + 3, 17];
        var (model, parameters, gradients) = Build(options, lengths);
        var alone = parameters.ToDictionary(p => p.Key, p => (W: (double[])p.Value.Clone(), S: new double[p.Value.Length], M: new double[p.Value.Length], B: new double[p.Value.Length]));

        for (long step = 1; step <= 3; step++)
        {
            RmsPropModel.StepInPlace(model, gradients);
            foreach (var (name, (w, s, m, b)) in alone)
            {
                RmsPropOptimizer.StepInPlace<double>(options, w, gradients[name], s, m, b, step);
            }
        }

        foreach (var (name, (w, _, _, _)) in alone)
        {
            Assert.True(Identical<double>(w, parameters[name]), $"tensor {name}");
        }
    }

    [Fact]
    public void A_bad_entry_in_the_last_tensor_leaves_every_tensor_as_it_was()
    {
        var (model, parameters, gradients) = Build(new RmsPropOptions(), [.. Enumerable.Repeat(1000, 200)]);
        var before = parameters.ToDictionary(p => p.Key, p => (double[])p.Value.Clone());
        gradients["t199"][999] = double.NaN;

        var error = Assert.Throws<ArgumentException>(() => RmsPropModel.StepInPlace(model, gradients));

        Assert.Contains("['t199'][999]", error.Message, StringComparison.Ordinal);
        foreach (var (name, values) in before)
        {
            Assert.True(Identical<double>(values, parameters[name]), $"tensor {name} changed");
        }
    }

    /// <summary>
    /// Lengths where a tensor's loop changes shape: empty, one coordinate, around the vector width, around the length
    /// from which a range first steps to a 64-byte boundary, around a chunk, and one tensor long enough to be split
    /// across chunks on its own.
    /// </summary>
    private static int[] EdgeLengths<T>()
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int width = RmsPropKernel.VectorWidth<T>();
        int chunk = RmsPropKernel.ChunkLength<T>();
        return [0, 1, width - 1, width, width + 1, 2 * width + 1, 4_095, 4_096, 4_097, 0, chunk - 1, chunk + 1, 3, 2 * RmsPropKernel.ParallelThreshold + 5, width - 1, 1];
    }

    /// <summary>Two groups with different compiled loops: PyTorch's plain rule, and centered Nesterov momentum with coupled decay in Optax's order.</summary>
    private static RmsPropGroup[] TwoGroups(string[] names) =>
    [
        new("plain", RmsPropOptions.PyTorch, names.Where((_, t) => t % 2 == 0)),
        new("centered", new RmsPropOptions { Centered = true, Momentum = 0.9, Nesterov = true, WeightDecay = 1e-2, BiasCorrection = true, OperationOrder = OperationOrder.Optax }, names.Where((_, t) => t % 2 == 1)),
    ];

    internal static (RmsPropModelBuffers<T> Model, string[] Names, T[][] Parameters, T[][] Gradients) BuildMixed<T>(int[] lengths)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        string[] names = [.. lengths.Select((_, t) => $"t{t}")];
        T[][] parameters = [.. lengths.Select((n, t) => Enumerable.Range(0, n).Select(i => T.CreateChecked(Math.Cos(i + t))).ToArray())];
        T[][] gradients = [.. lengths.Select((n, t) => Enumerable.Range(0, n).Select(i => T.CreateChecked(Math.Sin((3 * i) + t))).ToArray())];
        var model = RmsPropModel.CreateBuffers<T>(TwoGroups(names), names.Select((name, t) => (name, t)).ToDictionary(p => p.name, p => parameters[p.t]));
        return (model, names, parameters, gradients);
    }

    [Fact]
    public void Tensors_of_every_edge_length_in_two_groups_step_bitwise_as_each_alone_float() => EdgeLengthsStepAsEachAlone<float>();

    [Fact]
    public void Tensors_of_every_edge_length_in_two_groups_step_bitwise_as_each_alone_double() => EdgeLengthsStepAsEachAlone<double>();

    private static void EdgeLengthsStepAsEachAlone<T>()
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int[] lengths = EdgeLengths<T>();
        var (model, names, parameters, gradients) = BuildMixed<T>(lengths);
        RmsPropGroup[] groups = TwoGroups(names);
        var byName = names.Select((name, t) => (name, t)).ToDictionary(p => p.name, p => gradients[p.t]);
        var alone = lengths.Select((n, t) => (
            Options: groups[t % 2].Options,
            W: (T[])parameters[t].Clone(),
            S: Enumerable.Repeat(T.CreateChecked(groups[t % 2].Options.InitialSquareAverage), n).ToArray(),
            M: new T[n],
            B: new T[n])).ToArray();

        for (long step = 1; step <= 3; step++)
        {
            RmsPropModel.StepInPlace(model, byName);
            for (int t = 0; t < alone.Length; t++)
            {
                var (options, w, s, m, b) = alone[t];
                RmsPropOptimizer.StepInPlace<T>(options, w, gradients[t], s, options.Centered ? m : [], options.Momentum != 0 ? b : [], step);
            }
        }

        // The model lists its tensors group by group, so they are found by name.
        RmsPropModelState<T> state = model.ToState();
        for (int t = 0; t < lengths.Length; t++)
        {
            Assert.True(Identical<T>(alone[t].W, parameters[t]), $"parameters of tensor {t} of length {lengths[t]}");
            Assert.True(Identical<T>(alone[t].S, state.Tensors.Single(tensor => tensor.Name == names[t]).Moments.SquareAverage.AsSpan()), $"square average of tensor {t} of length {lengths[t]}");
        }

        Assert.All(model.Gradients, gradient => Assert.Null(gradient));
    }

    [Theory]
    [InlineData(float.NaN, "finite")]
    [InlineData(1e30f, "overflow")]
    public void A_bad_entry_in_the_last_edge_length_tensor_leaves_every_tensor_and_moment_as_it_was(float bad, string says)
    {
        int[] lengths = EdgeLengths<float>();
        var (model, names, parameters, gradients) = BuildMixed<float>(lengths);
        var byName = names.Select((name, t) => (name, t)).ToDictionary(p => p.name, p => gradients[p.t]);
        RmsPropModel.StepInPlace(model, byName);
        RmsPropModelState<float> before = model.ToState();
        int last = lengths.Length - 1;
        gradients[last][lengths[last] - 1] = bad;

        var error = Assert.Throws<ArgumentException>(() => RmsPropModel.StepInPlace(model, byName));

        Assert.Equal("gradients", error.ParamName);
        Assert.Contains($"['{names[last]}'][{lengths[last] - 1}]", error.Message, StringComparison.Ordinal);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, model.ToState());
        Assert.All(model.Gradients, gradient => Assert.Null(gradient));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, -1)]
    [InlineData(13, 1)]
    [InlineData(15, -1)]
    public void A_gradient_of_the_wrong_length_is_refused_naming_it_and_nothing_is_written(int tensor, int extra)
    {
        // Tensor 0 is empty, 13 is split across chunks, 15 is the last; the kernel finds the length in its check pass.
        int[] lengths = EdgeLengths<float>();
        var (model, names, _, gradients) = BuildMixed<float>(lengths);
        var byName = names.Select((name, t) => (name, t)).ToDictionary(p => p.name, p => gradients[p.t]);
        RmsPropModel.StepInPlace(model, byName);
        RmsPropModelState<float> before = model.ToState();
        byName[names[tensor]] = new float[lengths[tensor] + extra];

        var error = Assert.Throws<ArgumentException>(() => RmsPropModel.StepInPlace(model, byName));

        Assert.Equal("gradients", error.ParamName);
        Assert.Contains($"gradients['{names[tensor]}'] has {lengths[tensor] + extra} entries but tensor '{names[tensor]}' has shape [{lengths[tensor]}]", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, model.ToState());
        Assert.All(model.Gradients, gradient => Assert.Null(gradient));
    }

    [Theory]
    [InlineData("missing and null", "gradients['t40'] is null")]
    [InlineData("extra", "gradients has an entry 'stray' that names no tensor")]
    public void A_missing_null_or_extra_gradient_of_a_large_model_is_refused_naming_the_first_one(string defect, string expected)
    {
        // 300 tensors: the gradients are found by name on the kernel's threads, and an error still names the first bad one.
        var (model, parameters, gradients) = Build(new RmsPropOptions(), [.. Enumerable.Repeat(50, 300)]);
        Assert.True(model.Names.Count >= GradientLookup<double>.ParallelFrom);
        var before = parameters.ToDictionary(p => p.Key, p => (double[])p.Value.Clone());
        if (defect == "extra")
        {
            gradients["stray"] = [1.0];
        }
        else
        {
            gradients.Remove("t150");
            gradients["t40"] = null!;
        }

        var error = Assert.Throws<ArgumentException>(() => RmsPropModel.StepInPlace(model, gradients));

        Assert.Equal("gradients", error.ParamName);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.All(before, pair => Assert.True(Identical<double>(pair.Value, parameters[pair.Key]), pair.Key));
        Assert.All(model.Gradients, gradient => Assert.Null(gradient));
    }

    /// <summary>The gradients as a list in the model's tensor order (the groups list their tensors in turn, so not the order they were made in).</summary>
    internal static T[][] InModelOrder<T>(RmsPropModelBuffers<T> model, string[] names, T[][] gradients)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        [.. model.Names.Select(name => gradients[Array.IndexOf(names, name)])];

    [Fact]
    public void Gradients_listed_in_tensor_order_step_bitwise_as_gradients_by_name_with_and_without_a_plan()
    {
        int[] lengths = EdgeLengths<float>();
        var (byNameModel, names, byNameParameters, gradients) = BuildMixed<float>(lengths);
        var (listModel, _, listParameters, _) = BuildMixed<float>(lengths);
        var byName = names.Select((name, t) => (name, t)).ToDictionary(p => p.name, p => gradients[p.t]);
        float[][] listed = InModelOrder(listModel, names, gradients);
        Assert.NotEqual(names, listModel.Names);
        RmsPropPlan clipped = RmsPropPlan.None.WithClipping(GradientClipping.ByGlobalNorm(0.5));

        for (int step = 1; step <= 4; step++)
        {
            RmsPropPlan plan = step % 2 == 0 ? clipped : RmsPropPlan.None;
            RmsPropModel.StepInPlace(byNameModel, byName, plan);
            RmsPropModel.StepInPlace(listModel, listed, plan);
        }

        Assert.Equal(byNameModel.ToState(), listModel.ToState());
        for (int t = 0; t < lengths.Length; t++)
        {
            Assert.True(Identical<float>(byNameParameters[t], listParameters[t]), $"parameters of tensor {t} of length {lengths[t]}");
        }

        Assert.All(listModel.Gradients, gradient => Assert.Null(gradient));
    }

    [Theory]
    [InlineData("count", "gradients has 15 entries but the model has 16 tensors")]
    [InlineData("null", "gradients[3] (tensor 't")]
    [InlineData("length", "gradients[13] has 2 entries but tensor 't")]
    [InlineData("nan", "gradients[15] (tensor 't")]
    [InlineData("nan clipped", "gradients[15] (tensor 't")]
    public void A_bad_list_of_gradients_is_refused_naming_the_entry_and_nothing_is_written(string defect, string expected)
    {
        int[] lengths = EdgeLengths<float>();
        var (model, names, _, gradients) = BuildMixed<float>(lengths);
        float[][] listed = InModelOrder(model, names, gradients);
        RmsPropModel.StepInPlace(model, listed);
        RmsPropModelState<float> before = model.ToState();
        IReadOnlyList<float[]> bad = defect switch
        {
            "count" => listed[..^1],
            "null" => [.. listed.Select((g, i) => i == 3 ? null! : g)],
            "length" => [.. listed.Select((g, i) => i == 13 ? new float[2] : g)],
            _ => [.. listed.Select((g, i) => i == 15 ? [.. g.SkipLast(1), float.NaN] : g)],
        };
        RmsPropPlan plan = defect == "nan clipped" ? RmsPropPlan.None.WithClipping(GradientClipping.ByGlobalNorm(1.0)) : RmsPropPlan.None;

        var error = Assert.Throws<ArgumentException>(() => RmsPropModel.StepInPlace(model, bad, plan));

        Assert.Equal("gradients", error.ParamName);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        if (defect.StartsWith("nan", StringComparison.Ordinal))
        {
            Assert.Contains($"(tensor '{model.Names[15]}')[{listed[15].Length - 1}]", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, model.ToState());
        Assert.All(model.Gradients, gradient => Assert.Null(gradient));
    }
}
