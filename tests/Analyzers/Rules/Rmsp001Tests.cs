using System.Threading.Tasks;
using RmsProp.Analyzers.CodeFixes;
using RmsProp.Analyzers.Tests.Harness;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>RMSP001: the squared-gradient average is fed the raw gradient; the diagnostics and the fix, whose output must compile and run (see <see cref="AnalyzerTest"/>).</summary>
public sealed class Rmsp001Tests
{
    private static AnalyzerTest CreateTest() =>
        new AnalyzerTest().ShouldReportRule(Rmsp001RawGradient.Descriptor).WithCodeFix<Rmsp001RawGradientFix>();

    // ---- flagged --------------------------------------------------------------------------------------------

    [Fact]
    public Task Array_loop_averages_the_raw_gradient() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                private readonly double _rho = 0.9, _lr = 0.01, _eps = 1e-8;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = _rho * _s[i] + (1 - _rho) * [|g[i]|];
                        w[i] -= _lr * g[i] / Math.Sqrt(_s[i] + _eps);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Scaled_raw_gradient_is_still_raw() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g, double gradientScale)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * gradientScale * [|g[i]|];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Scalar_lerp_compound_assignment() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Scalar
            {
                private double _s, _w = 3;
                public void Step(double g, double rho)
                {
                    _s += (1 - rho) * ([|g|] - _s);
                    _w -= 0.01 * g / Math.Sqrt(_s + 1e-8);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Jagged_layers() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Network
            {
                private readonly double[][] _cache;
                public Network(int[] sizes)
                {
                    _cache = new double[sizes.Length][];
                    for (int l = 0; l < sizes.Length; l++) _cache[l] = new double[sizes[l]];
                }
                public void Step(double[][] weights, double[][] grads, double decay)
                {
                    for (int l = 0; l < weights.Length; l++)
                        for (int i = 0; i < weights[l].Length; i++)
                        {
                            _cache[l][i] = decay * _cache[l][i] + (1 - decay) * [|grads[l][i]|];
                            weights[l][i] -= 0.001 * grads[l][i] / (Math.Sqrt(_cache[l][i]) + 1e-7);
                        }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Float_span_with_MathF() =>
        CreateTest()
            .WithSource(
            """
            using System;
            static class SpanRmsProp
            {
                public static void Step(Span<float> w, ReadOnlySpan<float> g, Span<float> s, float rho = 0.99f)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1f - rho) * [|g[i]|];
                        w[i] -= 0.01f * g[i] / (MathF.Sqrt(s[i]) + 1e-8f);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Adam_tuple_feeds_the_second_moment_the_raw_gradient() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Adam
            {
                private double _m, _v, _w;
                public void Step(double g)
                {
                    (_m, _v) = (0.9 * _m + 0.1 * g, 0.999 * _v + 0.001 * [|g|]);
                    _w -= 0.001 * _m / (Math.Sqrt(_v) + 1e-8);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Record_with_expression() =>
        CreateTest()
            .WithSource(
            """
            using System;
            record Parameter(double Value, double MeanSquare);
            static class Trainer
            {
                public static Parameter Step(Parameter p, double gradient, double rho)
                {
                    var averaged = p with { MeanSquare = rho * p.MeanSquare + (1 - rho) * [|gradient|] };
                    return averaged with { Value = averaged.Value - 0.01 * gradient / Math.Sqrt(averaged.MeanSquare + 1e-8) };
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Linq_zip_lambda() =>
        CreateTest()
            .WithSource(
            """
            using System;
            using System.Linq;
            class LinqOptimizer
            {
                private double[] _s = new double[4];
                public void Step(double[] w, double[] g)
                {
                    _s = _s.Zip(g, (si, gi) => 0.9 * si + 0.1 * [|gi|]).ToArray();
                    for (int i = 0; i < w.Length; i++)
                        w[i] -= 0.01 * g[i] / Math.Sqrt(_s[i] + 1e-8);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Helper_method_computes_the_average_from_the_raw_gradient() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[4];
                private static double Decayed(double previous, double value) => 0.9 * previous + 0.1 * value;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = Decayed(_s[i], [|g[i]|]);
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Denominator_in_its_own_variable_and_reciprocal() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly float[] _s = new float[4];
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        float gi = g[i];
                        _s[i] = 0.9f * _s[i] + 0.1f * [|gi|];
                        float inverseRoot = 1f / (MathF.Sqrt(_s[i]) + 1e-6f);
                        w[i] -= 0.01f * gi * inverseRoot;
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Vector_of_T_averages_the_raw_gradient_vector() =>
        CreateTest()
            .WithSource(
            """
            using System;
            using System.Numerics;
            class SimdOptimizer
            {
                private readonly float[] _s = new float[64];
                public void Step(float[] w, float[] g)
                {
                    var rho = new Vector<float>(0.9f);
                    var rest = new Vector<float>(0.1f);
                    var eps = new Vector<float>(1e-8f);
                    for (int i = 0; i <= w.Length - Vector<float>.Count; i += Vector<float>.Count)
                    {
                        var gv = new Vector<float>(g, i);
                        var sv = rho * new Vector<float>(_s, i) + rest * [|gv|];
                        sv.CopyTo(_s, i);
                        (new Vector<float>(w, i) - new Vector<float>(0.01f) * gv / (Vector.SquareRoot(sv) + eps)).CopyTo(w, i);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Notebook_running_sum_of_raw_gradients_under_the_root() =>
        CreateTest()
            .WithSource(
            """
            using System;
            static class NotebookPort
            {
                // gradient_sum += gradient, then the step divides by a root built from it.
                public static double[] RmsProp(double[] parameters, double lr = 0.001, int epochs = 100, double epsilon = 1e-7)
                {
                    var gradientSum = new double[parameters.Length];
                    for (int epoch = 0; epoch < epochs; epoch++)
                    {
                        for (int v = 0; v < parameters.Length; v++)
                        {
                            double gradient = parameters[v] * 2;
                            gradientSum[v] += [|gradient|];
                            parameters[v] = parameters[v] - lr / Math.Sqrt(gradientSum[v] + epsilon) * gradient;
                        }
                    }
                    return parameters;
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Notebook_raw_gradient_with_swapped_weights() =>
        CreateTest()
            .WithSource(
            """
            using System;
            static class NotebookPort
            {
                // up_gradient = beta * ... + (1 - beta) * gradient: the raw gradient, and beta on the wrong term.
                public static void RmsProp(double[][] parameters, double[][] updatedGradient, double lr = 0.001, double beta = 0.9, double epsilon = 1e-7)
                {
                    for (int p = 0; p < parameters.Length; p++)
                    {
                        for (int v = 0; v < parameters[p].Length; v++)
                        {
                            double gradient = parameters[p][v] * 2;
                            updatedGradient[p][v] = (1 - beta) * updatedGradient[p][v] + beta * [|gradient|];
                            parameters[p][v] -= lr / Math.Sqrt(updatedGradient[p][v] + epsilon) * gradient;
                        }
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Helper_updates_the_average_through_a_ref_parameter() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                private static void Accumulate(ref double average, double gradient, double rho) =>
                    average = rho * average + (1 - rho) * [|gradient|];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        Accumulate(ref _s[i], g[i], 0.9);
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    // ---- silent ---------------------------------------------------------------------------------------------

    [Fact]
    public Task Correct_rmsprop_with_g_times_g() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                private readonly double _rho = 0.9;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = _rho * _s[i] + (1 - _rho) * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / Math.Sqrt(_s[i] + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Math_pow_square_in_lerp_form() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Scalar
            {
                private double _s, _w;
                public void Step(double g)
                {
                    _s += 0.1 * (Math.Pow(g, 2) - _s);
                    _w -= 0.01 * g / (Math.Sqrt(_s) + 1e-8);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Square_kept_in_a_local() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly float[] _s = new float[8];
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        float squared = g[i] * g[i];
                        _s[i] = 0.99f * _s[i] + 0.01f * squared;
                        w[i] -= 0.01f * g[i] / (MathF.Sqrt(_s[i]) + 1e-8f);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Centered_rmsprop_averages_the_raw_gradient_for_the_mean() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Centered
            {
                private readonly double[] _s = new double[8], _m = new double[8];
                public void Step(double[] w, double[] g, double rho)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = rho * _s[i] + (1 - rho) * g[i] * g[i];
                        _m[i] = rho * _m[i] + (1 - rho) * g[i];
                        w[i] -= 0.01 * g[i] / Math.Sqrt(_s[i] - _m[i] * _m[i] + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Adam_first_moment_is_the_raw_gradient_in_the_numerator() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Adam
            {
                private readonly double[] _m = new double[8], _v = new double[8];
                private int _t;
                public void Step(double[] w, double[] g)
                {
                    _t++;
                    for (int i = 0; i < w.Length; i++)
                    {
                        _m[i] = 0.9 * _m[i] + 0.1 * g[i];
                        _v[i] = 0.999 * _v[i] + 0.001 * g[i] * g[i];
                        double mHat = _m[i] / (1 - Math.Pow(0.9, _t));
                        double vHat = _v[i] / (1 - Math.Pow(0.999, _t));
                        w[i] -= 0.001 * mHat / (Math.Sqrt(vHat) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Exponential_moving_average_of_prices() =>
        CreateTest()
            .WithSource(
            """
            class PriceTracker
            {
                private double _ema;
                private const double Alpha = 0.2;
                public double OnPrice(double price)
                {
                    _ema = Alpha * price + (1 - Alpha) * _ema;
                    return _ema;
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Telemetry_smoother_normalises_by_a_root_but_updates_no_parameter() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class PowerNormalizer
            {
                private double _power = 1;
                // _power is already a power reading (a square), smoothed; the sample is scaled by its root.
                public double Normalize(double sample, double powerReading)
                {
                    _power = 0.95 * _power + 0.05 * powerReading;
                    return sample / Math.Sqrt(_power + 1e-12);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Audio_rms_meter_reports_a_root_of_squares() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class RmsMeter
            {
                private float _meanSquare, _peak;
                public float Process(float sample)
                {
                    _meanSquare = 0.999f * _meanSquare + 0.001f * sample * sample;
                    _peak = 0.99f * _peak + 0.01f * Math.Abs(sample);
                    return MathF.Sqrt(_meanSquare);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Momentum_sgd_averages_raw_gradients_without_a_root() =>
        CreateTest()
            .WithSource(
            """
            class Momentum
            {
                private readonly double[] _velocity = new double[8];
                public void Step(double[] w, double[] g, double mu = 0.9)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _velocity[i] = mu * _velocity[i] + (1 - mu) * g[i];
                        w[i] -= 0.01 * _velocity[i];
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Helper_method_squares_before_averaging() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[4];
                private static double Decayed(double previous, double value) => 0.9 * previous + 0.1 * value * value;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = Decayed(_s[i], g[i]);
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Vector_of_T_squares_the_gradient_vector() =>
        CreateTest()
            .WithSource(
            """
            using System;
            using System.Numerics;
            class SimdOptimizer
            {
                private readonly float[] _s = new float[64];
                public void Step(float[] w, float[] g)
                {
                    var rho = new Vector<float>(0.9f);
                    var rest = new Vector<float>(0.1f);
                    var eps = new Vector<float>(1e-8f);
                    for (int i = 0; i <= w.Length - Vector<float>.Count; i += Vector<float>.Count)
                    {
                        var gv = new Vector<float>(g, i);
                        var sv = rho * new Vector<float>(_s, i) + rest * gv * gv;
                        sv.CopyTo(_s, i);
                        (new Vector<float>(w, i) - new Vector<float>(0.01f) * gv / (Vector.SquareRoot(sv) + eps)).CopyTo(w, i);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Ewma_volatility_is_a_root_of_squared_returns_outside_any_update() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Volatility
            {
                private double _variance, _meanReturn;
                public double Observe(double r)
                {
                    _meanReturn = 0.94 * _meanReturn + 0.06 * r;
                    _variance = 0.94 * _variance + 0.06 * r * r;
                    return Math.Sqrt(_variance);
                }
            }
            """)
            .ValidateAsync();

    // ---- fix ------------------------------------------------------------------------------------------------

    [Fact]
    public Task Fix_squares_an_element_gradient() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g, double rho)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = rho * _s[i] + (1 - rho) * [|g[i]|];
                        w[i] -= 0.01 * g[i] / Math.Sqrt(_s[i] + 1e-8);
                    }
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g, double rho)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = rho * _s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / Math.Sqrt(_s[i] + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Fix_squares_a_helper_argument_at_the_call() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[4];
                private static double Decayed(double previous, double value) => 0.9 * previous + 0.1 * value;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = Decayed(_s[i], [|g[i]|]);
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[4];
                private static double Decayed(double previous, double value) => 0.9 * previous + 0.1 * value;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = Decayed(_s[i], g[i] * g[i]);
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Fix_squares_the_running_sum_operand() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class AdaGrad
            {
                private readonly double[] _sum = new double[4];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _sum[i] += [|g[i]|];
                        w[i] -= 0.1 * g[i] / (Math.Sqrt(_sum[i]) + 1e-10);
                    }
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class AdaGrad
            {
                private readonly double[] _sum = new double[4];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _sum[i] += g[i] * g[i];
                        w[i] -= 0.1 * g[i] / (Math.Sqrt(_sum[i]) + 1e-10);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Array_loop_gradient_is_squared() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                double[] s = new double[4];
                double rho = 0.9, lr = 0.01, eps = 1e-8;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1 - rho) * [|g[i]|];
                        w[i] -= lr * g[i] / (Math.Sqrt(s[i]) + eps);
                    }
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class Optimizer
            {
                double[] s = new double[4];
                double rho = 0.9, lr = 0.01, eps = 1e-8;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / (Math.Sqrt(s[i]) + eps);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Scalar_gradient_is_squared() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                double s, w;
                double rho = 0.9, lr = 0.01, eps = 1e-8;
                public void Step(double g)
                {
                    s = rho * s + (1 - rho) * [|g|];
                    w -= lr * g / (Math.Sqrt(s) + eps);
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class Optimizer
            {
                double s, w;
                double rho = 0.9, lr = 0.01, eps = 1e-8;
                public void Step(double g)
                {
                    s = rho * s + (1 - rho) * g * g;
                    w -= lr * g / (Math.Sqrt(s) + eps);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Float_gradient_under_MathF_is_squared() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                float[] s = new float[4];
                float rho = 0.9f, lr = 0.01f, eps = 1e-8f;
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1f - rho) * [|g[i]|];
                        w[i] -= lr * g[i] / (MathF.Sqrt(s[i]) + eps);
                    }
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class Optimizer
            {
                float[] s = new float[4];
                float rho = 0.9f, lr = 0.01f, eps = 1e-8f;
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1f - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / (MathF.Sqrt(s[i]) + eps);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Lerp_form_gradient_is_squared() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                double[] s = new double[4];
                double rho = 0.9, lr = 0.01, eps = 1e-8;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] += (1 - rho) * ([|g[i]|] - s[i]);
                        w[i] -= lr * g[i] / (Math.Sqrt(s[i]) + eps);
                    }
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class Optimizer
            {
                double[] s = new double[4];
                double rho = 0.9, lr = 0.01, eps = 1e-8;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] += (1 - rho) * (g[i] * g[i] - s[i]);
                        w[i] -= lr * g[i] / (Math.Sqrt(s[i]) + eps);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Gradient_under_a_cast_is_squared_inside_the_cast() =>
        // (float)g[i] * g[i] would cast one factor and leave a double product that no longer fits the float average.
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly float[] _s = new float[4];
                public void Step(float[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9f * _s[i] + 0.1f * (float)[|g[i]|];
                        w[i] -= 0.01f * (float)g[i] / (MathF.Sqrt(_s[i]) + 1e-8f);
                    }
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class Optimizer
            {
                private readonly float[] _s = new float[4];
                public void Step(float[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9f * _s[i] + 0.1f * (float)(g[i] * g[i]);
                        w[i] -= 0.01f * (float)g[i] / (MathF.Sqrt(_s[i]) + 1e-8f);
                    }
                }
            }
            """)
            .ValidateAsync();

    // Field test item 10: AdaDelta's gradient average is under one root of a quotient (KelpNet, ML-Sharp).
    [Fact]
    public Task Raw_gradient_in_the_divisor_average_of_a_root_of_a_quotient() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class AdaDelta
            {
                private readonly double[] _msg = new double[4], _msdx = new double[4];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _msg[i] = 0.95 * _msg[i] + 0.05 * [|g[i]|];
                        double dx = Math.Sqrt((_msdx[i] + 1e-6) / (_msg[i] + 1e-6)) * g[i];
                        _msdx[i] = 0.95 * _msdx[i] + 0.05 * dx * dx;
                        w[i] -= dx;
                    }
                }
            }
            """)
            .ValidateAsync();
}
