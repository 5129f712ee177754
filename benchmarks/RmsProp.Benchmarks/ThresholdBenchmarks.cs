using System.Numerics;
using BenchmarkDotNet.Attributes;
using RmsProp.Functional;

namespace RmsProp.Benchmarks;

/// <summary>
/// Where splitting a step across the two cores starts to pay: the kernel on one thread against the same kernel cut
/// in two, at lengths around the threshold, and the hand-off alone (an empty job cut in two).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
[MemoryDiagnoser]
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class ThresholdBenchmarks<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private Data<T> _data = null!;
    private readonly RmsPropOptions _options = RmsPropOptions.PyTorch;

    /// <summary>Coordinates per step.</summary>
    [Params(4_096, 8_192, 16_384, 32_768, 65_536, 131_072)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => _data = new Data<T>(N, centeredMomentum: false);

    private RmsPropKernel.Buffers<T> InPlace() => _data.InPlace();

    [Benchmark(Description = "Kernel, 1 thread")]
    public void OneThread() => RmsPropKernel.RunParts(new RmsPropKernel.Coefficients<T>(_options), InPlace(), parts: 1);

    [Benchmark(Description = "Kernel, 2 threads")]
    public void TwoThreads() => RmsPropKernel.RunParts(new RmsPropKernel.Coefficients<T>(_options), InPlace(), parts: 2);

    [Benchmark(Description = "Hand-off alone, 2 parts of nothing")]
    public void HandOff() => KernelWorkers.Run(NothingJob.Instance, 2);

    private sealed class NothingJob : KernelWorkers.Job
    {
        internal static readonly NothingJob Instance = new();

        internal override int Chunks => 2;

        internal override void Run(int phase, int part)
        {
        }
    }
}
