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
}
