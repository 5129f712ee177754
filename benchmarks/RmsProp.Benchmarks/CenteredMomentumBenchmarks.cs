using System.Numerics;
using BenchmarkDotNet.Attributes;
using RmsProp.Functional;

namespace RmsProp.Benchmarks;

/// <summary>
/// Centered RMSProp with momentum, the most traffic per coordinate (5 reads, 4 writes in place), beside a roofline
/// that reads and writes as many arrays.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
[MemoryDiagnoser]
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class CenteredMomentumBenchmarks<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private Data<T> _data = null!;
    private RmsPropState<T> _state = null!;
    private readonly RmsPropOptions _options = new() { Centered = true, Momentum = 0.9 };

    /// <summary>Coordinates per step.</summary>
    [Params(1_000, 100_000, 10_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = new Data<T>(N, centeredMomentum: true);
        _state = RmsPropOptimizer.Init<T>(_options, _data.Parameters);
    }

    [Benchmark(Description = "Roofline 5r4w, 1 thread")]
    public void Roofline1() => Baselines.Roofline5Read4Write(_data.Parameters, _data.Gradient, _data.Square, _data.Average, _data.Buffer, threads: 1);

    [Benchmark(Description = "Roofline 5r4w, 2 threads")]
    public void Roofline2() => Baselines.Roofline5Read4Write(_data.Parameters, _data.Gradient, _data.Square, _data.Average, _data.Buffer, threads: 2);

    [Benchmark(Description = "StepInPlace, centered + momentum")]
    public void StepInPlace() =>
        RmsPropOptimizer.StepInPlace<T>(_options, _data.Parameters, _data.Gradient, _data.Square, _data.Average, _data.Buffer);

    [Benchmark(Description = "Step (pure), centered + momentum")]
    public RmsPropState<T> PureStep() => RmsPropOptimizer.Step<T>(_state, _data.Gradient);
}
