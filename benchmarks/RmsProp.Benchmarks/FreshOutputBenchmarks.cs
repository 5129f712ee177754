using System.Numerics;
using System.Runtime;
using BenchmarkDotNet.Attributes;
using RmsProp.Functional;

namespace RmsProp.Benchmarks;

/// <summary>
/// What the pure step's fresh outputs cost at 10^7 coordinates, beside the same kernel writing into arrays made
/// once: the difference is the allocation of 80 (float) or 160 (double) MB per call, the collections it causes, and
/// the operating system mapping fresh pages in on first touch. A third row runs the pure step with the collector's
/// background (concurrent) collections off, a setting an application can make
/// (<see cref="GCSettings.LatencyMode"/> = <see cref="GCLatencyMode.Batch"/> in code, or <c>System.GC.Concurrent</c>
/// = false in its runtimeconfig). <c>-- --faults</c> counts the page faults and processor time behind it.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
[MemoryDiagnoser]
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class FreshOutputBenchmarks<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly RmsPropOptions _options = RmsPropOptions.PyTorch;
    private Data<T> _data = null!;
    private RmsPropState<T> _state = null!;
    private T[] _parameters = [];
    private T[] _square = [];

    /// <summary>Coordinates per step.</summary>
    [Params(10_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = new Data<T>(N, centeredMomentum: false);
        _state = RmsPropOptimizer.Init<T>(_options, _data.Parameters);
        _parameters = new T[N];
        _square = new T[N];
    }

    [Benchmark(Description = "Roofline, 2 threads")]
    public void Roofline2() => Baselines.Roofline3Read2Write(_data.Parameters, _data.Gradient, _data.Square, threads: 2);

    [Benchmark(Description = "Step (pure)")]
    public RmsPropState<T> PureStep() => RmsPropOptimizer.Step<T>(_state, _data.Gradient);

    /// <summary>The pure step's kernel (one pass, the check in registers) into arrays made once: no allocation, no fresh pages.</summary>
    [Benchmark(Description = "Step (pure)'s kernel into arrays made once")]
    public void PureStepPreallocated() => KernelInto(new RmsPropKernel.Coefficients<T>(_options), _state, _data.Gradient, _parameters, _square);

    /// <summary>
    /// The same kernel storing its outputs through the caches (as it did before the streaming stores): the difference
    /// from the row above is what not reading the output lines before writing them saves.
    /// </summary>
    [Benchmark(Description = "Step (pure)'s kernel into arrays made once, outputs stored through the caches")]
    public void PureStepPreallocatedThroughCaches() =>
        KernelInto(new RmsPropKernel.Coefficients<T>(_options), _state, _data.Gradient, _parameters, _square, streamFromBytes: long.MaxValue);

    /// <summary>
    /// What <see cref="RmsPropOptimizer.Step{T}"/> runs, writing the new parameters and square average into
    /// <paramref name="parameters"/> and <paramref name="square"/>; <paramref name="streamFromBytes"/> as in
    /// <see cref="RmsPropKernel.StepInto"/>.
    /// </summary>
    internal static void KernelInto(in RmsPropKernel.Coefficients<T> coefficients, RmsPropState<T> state, T[] gradient, T[] parameters, T[] square, long streamFromBytes = RmsPropKernel.StreamFromBytes) =>
        RmsPropKernel.StepInto(
            coefficients,
            new RmsPropKernel.Buffers<T>
            {
                Gradient = gradient,
                Parameters = state.Parameters.AsSpan(),
                SquareAverageIn = state.Moments.SquareAverage.AsSpan(),
                SquareAverageOut = square,
                Output = parameters,
                AddParameters = true,
            },
            "gradient",
            "gradient",
            streamFromBytes: streamFromBytes);

    /// <summary>
    /// The pure step with background collections off. Set and restored around each call rather than in a setup, so
    /// that no other benchmark of the run (in the same process) sees the setting.
    /// </summary>
    [Benchmark(Description = "Step (pure), GC latency mode Batch")]
    public RmsPropState<T> PureStepBatch()
    {
        GCLatencyMode previous = GCSettings.LatencyMode;
        GCSettings.LatencyMode = GCLatencyMode.Batch;
        try
        {
            return RmsPropOptimizer.Step<T>(_state, _data.Gradient);
        }
        finally
        {
            GCSettings.LatencyMode = previous;
        }
    }
}
