using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using BenchmarkDotNet.Attributes;
using RmsProp.Functional;

namespace RmsProp.Benchmarks;

/// <summary>
/// A model's worth of small tensors against one big one with the same number of coordinates: 1,000 tensors of
/// 1,000 against one of 10^6. Per-call overhead and lost parallelism show up as the difference.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
[MemoryDiagnoser]
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class MultiTensorBenchmarks<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int Tensors = 1_000;
    private const int TensorLength = 1_000;
    private readonly RmsPropOptions _options = RmsPropOptions.PyTorch;
    private Data<T>[] _tensors = [];
    private Data<T> _one = null!;
    private RmsPropModelBuffers<T> _model = null!;
    private Dictionary<string, T[]> _gradients = null!;
    private T[][] _found = [];
    private T[][] _listed = [];
    private RmsPropKernel.Coefficients<T>[] _coefficients = [];

    [GlobalSetup]
    public void Setup()
    {
        _tensors = new Data<T>[Tensors];
        for (int t = 0; t < Tensors; t++)
        {
            _tensors[t] = new Data<T>(TensorLength, centeredMomentum: false, seed: t);
        }

        _one = new Data<T>(Tensors * TensorLength, centeredMomentum: false);
        var names = Enumerable.Range(0, Tensors).Select(t => $"t{t}").ToArray();
        _model = RmsPropModel.CreateBuffers<T>([new RmsPropGroup("all", _options, names)], names.Select((name, t) => (name, _tensors[t].Parameters)).ToDictionary(p => p.name, p => p.Parameters));
        _gradients = names.Select((name, t) => (name, _tensors[t].Gradient)).ToDictionary(p => p.name, p => p.Gradient);
        _found = [.. _tensors.Select(t => t.Gradient)];
        _listed = [.. _model.Names.Select(name => _gradients[name])];
        _coefficients = [new RmsPropKernel.Coefficients<T>(_options)];
    }

    [Benchmark(Description = "1,000 x 10^3, RmsPropModel.StepInPlace (one multi-tensor call)")]
    public void Model() => RmsPropModel.StepInPlace(_model, _gradients);

    /// <summary>The model's step with the gradients in a list in tensor order (PyTorch's list of <c>param.grad</c>): no lookup by name.</summary>
    [Benchmark(Description = "1,000 x 10^3, RmsPropModel.StepInPlace, gradients listed in tensor order")]
    public void ModelListed() => RmsPropModel.StepInPlace(_model, _listed);

    /// <summary>
    /// The kernel's multi-tensor call alone, on gradients found by name beforehand: the model's call less its lookup
    /// of a thousand gradients in the dictionary.
    /// </summary>
    [Benchmark(Description = "1,000 x 10^3, the kernel's multi-tensor call alone (gradients found beforehand)")]
    public void KernelAlone() =>
        RmsPropKernel.StepManyInPlace(_model.Tensors, _found, _coefficients, t => "gradients", "gradients");

    [Benchmark(Description = "One tensor of 10^6, StepInPlace")]
    public void OneTensor() => RmsPropOptimizer.StepInPlace<T>(_options, _one.Parameters, _one.Gradient, _one.Square, [], []);

    [Benchmark(Description = "1,000 x 10^3, StepInPlace in a loop")]
    public void Loop()
    {
        foreach (Data<T> tensor in _tensors)
        {
            RmsPropOptimizer.StepInPlace<T>(_options, tensor.Parameters, tensor.Gradient, tensor.Square, [], []);
        }
    }
}
