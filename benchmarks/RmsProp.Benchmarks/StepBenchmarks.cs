using System;
using BenchmarkDotNet.Attributes;
using RmsProp.Functional;

namespace RmsProp.Benchmarks;

/// <summary>
/// One RMSProp step over <see cref="Length"/> coordinates, four ways. The baseline is the scalar reference loop,
/// measured in the same run, so the ratios hold on a noisy shared machine where absolute times do not.
/// </summary>
[MemoryDiagnoser]
public class StepBenchmarks
{
    private double[] _parameters = [];
    private double[] _gradient = [];
    private double[] _square = [];
    private double[] _average = [];
    private double[] _buffer = [];
    private RmsPropState<double> _state = null!;
    private RmsPropOptions _options = null!;

    /// <summary>Coordinates per step: one small layer and one large one.</summary>
    [Params(1_024, 262_144)]
    public int Length { get; set; }

    /// <summary>Plain RMSProp, or centered with momentum (the most work per coordinate).</summary>
    [Params(false, true)]
    public bool Everything { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _options = Everything
            ? new RmsPropOptions { Centered = true, Momentum = 0.9, WeightDecay = 1e-4 }
            : new RmsPropOptions();
        var random = new Random(42);
        _parameters = new double[Length];
        _gradient = new double[Length];
        for (int i = 0; i < Length; i++)
        {
            _parameters[i] = random.NextDouble() - 0.5;
            _gradient[i] = random.NextDouble() - 0.5;
        }

        _square = new double[Length];
        _average = Everything ? new double[Length] : [];
        _buffer = Everything ? new double[Length] : [];
        _state = RmsPropOptimizer.Init<double>(_options, _parameters);
    }

    /// <summary>The scalar reference loop, in place: what the vector loop must beat.</summary>
    [Benchmark(Baseline = true)]
    public void ReferenceLoopInPlace()
    {
        var coefficients = new RmsPropKernel.Coefficients<double>(_options);
        RmsPropKernel.Reference(coefficients, new RmsPropKernel.Buffers<double>
        {
            Gradient = _gradient,
            Parameters = _parameters,
            SquareAverageIn = _square,
            SquareAverageOut = _square,
            GradientAverageIn = _average,
            GradientAverageOut = _average,
            MomentumIn = _buffer,
            MomentumOut = _buffer,
            Output = _parameters,
            AddParameters = true,
        });
    }

    /// <summary>The public in-place step: validation plus the vector loop; must allocate nothing.</summary>
    [Benchmark]
    public void StepInPlace() =>
        RmsPropOptimizer.StepInPlace<double>(_options, _parameters, _gradient, _square, _average, _buffer);

    /// <summary>The pure step: new arrays for the parameters and each buffer, by design.</summary>
    [Benchmark]
    public RmsPropState<double> PureStep() => RmsPropOptimizer.Step<double>(_state, _gradient);
}
