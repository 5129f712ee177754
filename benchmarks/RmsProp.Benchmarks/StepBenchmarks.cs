using System.Numerics;
using BenchmarkDotNet.Attributes;
using RmsProp.Functional;

namespace RmsProp.Benchmarks;

/// <summary>
/// Plain RMSProp (PyTorch defaults) over <see cref="N"/> coordinates: every way of taking one step, beside the
/// roofline with the same traffic (3 reads, 2 writes per coordinate). The table in benchmarks/README.md divides
/// each time into the bytes of that minimum traffic.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
[MemoryDiagnoser]
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class StepBenchmarks<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private Data<T> _data = null!;
    private T[] _scratch1 = [];
    private T[] _scratch2 = [];
    private RmsPropState<T> _state = null!;
    private RmsPropMoments<T> _moments = null!;
    private readonly RmsPropOptions _options = RmsPropOptions.PyTorch;

    /// <summary>Coordinates per step.</summary>
    [Params(1_000, 100_000, 10_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = new Data<T>(N, centeredMomentum: false);
        _scratch1 = new T[N];
        _scratch2 = new T[N];
        _state = RmsPropOptimizer.Init<T>(_options, _data.Parameters);
        _moments = RmsPropOptimizer.InitMoments<T>(_options, N);
    }

    private RmsPropKernel.Buffers<T> InPlace() => _data.InPlace();

    [Benchmark(Description = "Roofline, 1 thread")]
    public void Roofline1() => Baselines.Roofline3Read2Write(_data.Parameters, _data.Gradient, _data.Square, threads: 1);

    [Benchmark(Description = "Roofline, 2 threads")]
    public void Roofline2() => Baselines.Roofline3Read2Write(_data.Parameters, _data.Gradient, _data.Square, threads: 2);

    [Benchmark(Description = "Same traffic with the step's sqrt and divide, 2 threads")]
    public void WithRoot() => Baselines.SameTrafficWithRootAndDivide(_data.Parameters, _data.Gradient, _data.Square, threads: 2);

    /// <summary>The traffic and structure of the in-place step's check before its update (g read twice), without the arithmetic.</summary>
    [Benchmark(Description = "Read g, then the same traffic (g read twice), 2 threads")]
    public void ReadGradientThenRoofline() => Baselines.ReadGradientThenRoofline(_data.Parameters, _data.Gradient, _data.Square, threads: 2);

    [Benchmark(Description = "Naive scalar loop")]
    public void Naive() => Baselines.NaiveScalar(_data.Parameters, _data.Gradient, _data.Square, T.CreateChecked(0.01), T.CreateChecked(0.99), T.CreateChecked(1e-8));

    [Benchmark(Description = "TensorPrimitives, one call per operation")]
    public void Composed() => Baselines.Composed(_data.Parameters, _data.Gradient, _data.Square, _scratch1, _scratch2, T.CreateChecked(0.01), T.CreateChecked(0.99), T.CreateChecked(1e-8));

    [Benchmark(Description = "StepInPlace")]
    public void StepInPlace() =>
        RmsPropOptimizer.StepInPlace<T>(_options, _data.Parameters, _data.Gradient, _data.Square, [], []);

    [Benchmark(Description = "StepInPlace, 1 thread")]
    public void StepInPlaceOneThread() =>
        RmsPropKernel.StepInPlace(new RmsPropKernel.Coefficients<T>(_options), InPlace(), "gradient", "gradient", maxParts: 1);

    /// <summary>The in-place step as it was: the check on all threads, then the update on all threads (two hand-offs).</summary>
    [Benchmark(Description = "StepInPlace, check and update in two hand-offs")]
    public void StepInPlaceTwoHandOffs() =>
        RmsPropKernel.StepInPlaceTwoHandOffs(new RmsPropKernel.Coefficients<T>(_options), InPlace(), "gradient", "gradient");

    /// <summary>What the gradient check costs: the same loop without the scan before it.</summary>
    [Benchmark(Description = "Kernel alone, no gradient check")]
    public void KernelUnchecked() => RmsPropKernel.Run(new RmsPropKernel.Coefficients<T>(_options), InPlace());

    [Benchmark(Description = "Step (pure)")]
    public RmsPropState<T> PureStep() => RmsPropOptimizer.Step<T>(_state, _data.Gradient);

    [Benchmark(Description = "Update (pure)")]
    public RmsPropUpdate<T> Update() => RmsPropOptimizer.Update<T>(_moments, _data.Gradient);
}
