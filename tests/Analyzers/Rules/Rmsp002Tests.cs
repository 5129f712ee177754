using System.Threading.Tasks;
using RmsProp.Analyzers.CodeFixes;
using RmsProp.Analyzers.Tests.Harness;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>RMSP002: the adaptive denominator has no epsilon; the diagnostics and the fix, whose output must compile and run (see <see cref="AnalyzerTest"/>).</summary>
public sealed class Rmsp002Tests
{
    private static AnalyzerTest CreateTest() =>
        new AnalyzerTest().ShouldReportRule(Rmsp002MissingEpsilon.Descriptor).WithCodeFix<Rmsp002MissingEpsilonFix>();

    // ---- flagged --------------------------------------------------------------------------------------------

    [Fact]
    public Task Array_loop_divides_by_the_bare_root() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                private readonly double _rho = 0.9, _lr = 0.01;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = _rho * _s[i] + (1 - _rho) * g[i] * g[i];
                        w[i] -= _lr * g[i] / [|Math.Sqrt(_s[i])|];
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Jagged_layers_with_math_pow() =>
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
                public void Update(double[][] weights, double[][] grads, double decay)
                {
                    for (int l = 0; l < weights.Length; l++)
                        for (int j = 0; j < weights[l].Length; j++)
                        {
                            _cache[l][j] = decay * _cache[l][j] + (1 - decay) * Math.Pow(grads[l][j], 2);
                            weights[l][j] -= 0.001 / [|Math.Sqrt(_cache[l][j])|] * grads[l][j];
                        }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Scalar_lerp_compound_form() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Scalar
            {
                private double _s, _w = 3;
                public void Step(double g, double rho)
                {
                    _s += (1 - rho) * (g * g - _s);
                    _w -= 0.01 * g / [|Math.Sqrt(_s)|];
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Float_arrays_with_MathF() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class FloatRmsProp
            {
                private readonly float[] _cache = new float[16];
                public float Decay = 0.9f;
                public void Apply(float[] parameters, float[] grad)
                {
                    for (int k = 0; k < parameters.Length; k++)
                    {
                        _cache[k] = Decay * _cache[k] + (1 - Decay) * grad[k] * grad[k];
                        parameters[k] -= 1e-3f * grad[k] / [|MathF.Sqrt(_cache[k])|];
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Denominator_kept_in_its_own_local() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class LinearFit
            {
                private double _w, _s;
                public void Fit(double[] xs, double[] ys)
                {
                    for (int i = 0; i < xs.Length; i++)
                    {
                        double grad = -(ys[i] - _w * xs[i]) * xs[i];
                        _s = 0.9 * _s + 0.1 * grad * grad;
                        double denom = [|Math.Sqrt(_s)|];
                        _w -= 0.1 * grad / denom;
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Multiplication_by_a_reciprocal() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class ReciprocalRmsProp
            {
                private readonly double[] _ms = new double[8];
                private const double Rho = 0.95;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _ms[i] = Rho * _ms[i] + (1 - Rho) * g[i] * g[i];
                        w[i] -= 0.01 * g[i] * (1.0 / [|Math.Sqrt(_ms[i])|]);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Vector_of_T_square_root() =>
        CreateTest()
            .WithSource(
            """
            using System;
            using System.Numerics;
            class SimdRmsProp
            {
                private readonly float[] _ms = new float[64];
                public void Step(float[] w, float[] g)
                {
                    int width = Vector<float>.Count;
                    var rho = new Vector<float>(0.99f);
                    var rest = new Vector<float>(0.01f);
                    var lr = new Vector<float>(0.01f);
                    for (int i = 0; i <= w.Length - width; i += width)
                    {
                        var gv = new Vector<float>(g, i);
                        var sv = rho * new Vector<float>(_ms, i) + rest * gv * gv;
                        sv.CopyTo(_ms, i);
                        var wv = new Vector<float>(w, i) - lr * gv / [|Vector.SquareRoot(sv)|];
                        wv.CopyTo(w, i);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task AdaGrad_running_sum() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class AdaGrad
            {
                private readonly double[] _g = new double[8];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _g[i] += g[i] * g[i];
                        w[i] -= 0.1 * g[i] / [|Math.Sqrt(_g[i])|];
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Adam_bias_corrected_second_moment() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Adam
            {
                private readonly double[] _m = new double[8], _v = new double[8];
                private readonly double _b1 = 0.9, _b2 = 0.999;
                private int _t;
                public void Step(double[] w, double[] g)
                {
                    _t++;
                    for (int i = 0; i < w.Length; i++)
                    {
                        _m[i] = _b1 * _m[i] + (1 - _b1) * g[i];
                        _v[i] = _b2 * _v[i] + (1 - _b2) * g[i] * g[i];
                        double mHat = _m[i] / (1 - Math.Pow(_b1, _t));
                        double vHat = _v[i] / (1 - Math.Pow(_b2, _t));
                        w[i] -= 0.001 * mHat / [|Math.Sqrt(vHat)|];
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Span_kernel() =>
        CreateTest()
            .WithSource(
            """
            using System;
            static class Kernel
            {
                public static void Step(Span<float> w, ReadOnlySpan<float> g, Span<float> s, float rho)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= 0.01f * g[i] / [|MathF.Sqrt(s[i])|];
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Tuple_assignment_of_the_weight() =>
        CreateTest()
            .WithSource(
            """
            using System;
            static class Descent
            {
                public static double Minimise(double w, int steps, double rho = 0.9)
                {
                    double s = 0;
                    int t = 0;
                    while (t < steps)
                    {
                        double g = 2 * w;
                        s = rho * s + (1 - rho) * g * g;
                        (w, t) = (w - 0.1 * g / [|Math.Sqrt(s)|], t + 1);
                    }
                    return w;
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Notebook_epsilon_added_to_the_step_instead_of_the_denominator() =>
        CreateTest()
            .WithSource(
            """
            using System;
            static class NotebookPort
            {
                public static double[] RmsProp(double[] parameters, double lr = 0.001, double beta = 0.9, int epochs = 100, double epsilon = 1e-7)
                {
                    var meanSquare = new double[parameters.Length];
                    for (int epoch = 0; epoch < epochs; epoch++)
                    {
                        for (int j = 0; j < parameters.Length; j++)
                        {
                            double gradient = 2 * parameters[j];
                            meanSquare[j] = beta * meanSquare[j] + (1 - beta) * gradient * gradient;
                            parameters[j] -= lr / [|Math.Sqrt(meanSquare[j])|] * gradient + epsilon;
                        }
                    }
                    return parameters;
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Helper_method_returns_the_bare_root() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                private static double Denominator(double meanSquare) => [|Math.Sqrt(meanSquare)|];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / Denominator(_s[i]);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Helper_method_computes_the_whole_step() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly float[] _s = new float[8];
                private readonly float _lr = 0.01f;
                private float ScaledStep(float gradient, float meanSquare) => _lr * gradient / [|MathF.Sqrt(meanSquare)|];
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.99f * _s[i] + 0.01f * g[i] * g[i];
                        w[i] -= ScaledStep(g[i], _s[i]);
                    }
                }
            }
            """)
            .ValidateAsync();

    // ---- silent ---------------------------------------------------------------------------------------------
    [Fact]
    public Task Helper_denominator_with_epsilon_and_a_helper_root_used_for_logging() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                private const double Eps = 1e-8;
                private static double Denominator(double meanSquare) => Math.Sqrt(meanSquare) + Eps;
                private double Rms(int i) => Math.Sqrt(_s[i]);
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / Denominator(_s[i]);
                        Console.WriteLine(g[i] / Rms(i));
                    }
                }
            }
            """)
            .ValidateAsync();


    [Fact]
    public Task Epsilon_inside_the_root() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / Math.Sqrt(_s[i] + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Epsilon_outside_the_root() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly float[] _s = new float[8];
                private readonly float _eps = 1e-7f;
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9f * _s[i] + 0.1f * g[i] * g[i];
                        w[i] -= 0.01f * g[i] / (MathF.Sqrt(_s[i]) + _eps);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Floor_with_math_max() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private double _s, _w;
                public void Step(double g)
                {
                    _s = 0.9 * _s + 0.1 * g * g;
                    _w -= 0.01 * g / Math.Max(Math.Sqrt(_s), 1e-8);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Denominator_local_with_epsilon() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        double denominator = Math.Sqrt(_s[i]) + 1e-8;
                        w[i] -= 0.01 * g[i] / denominator;
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Reciprocal_with_epsilon() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] * (1.0 / (Math.Sqrt(_s[i]) + 1e-8));
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Centered_rmsprop_with_epsilon() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class CenteredRmsProp
            {
                private readonly double[] _s = new double[8], _m = new double[8];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        _m[i] = 0.9 * _m[i] + 0.1 * g[i];
                        w[i] -= 0.01 * g[i] / Math.Sqrt(_s[i] - _m[i] * _m[i] + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Adam_with_epsilon() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Adam
            {
                private readonly double[] _m = new double[8], _v = new double[8];
                public void Step(double[] w, double[] g, int t)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _m[i] = 0.9 * _m[i] + 0.1 * g[i];
                        _v[i] = 0.999 * _v[i] + 0.001 * g[i] * g[i];
                        double vHat = _v[i] / (1 - Math.Pow(0.999, t));
                        w[i] -= 0.001 * _m[i] / (Math.Sqrt(vHat) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task AdaGrad_with_epsilon() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class AdaGrad
            {
                private readonly double[] _g = new double[8];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _g[i] += g[i] * g[i];
                        w[i] -= 0.1 * g[i] / (Math.Sqrt(_g[i]) + 1e-10);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Audio_rms_meter_returns_the_root() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class RmsMeter
            {
                private float _meanSquare;
                public float Process(float sample)
                {
                    _meanSquare = 0.99f * _meanSquare + 0.01f * sample * sample;
                    return MathF.Sqrt(_meanSquare);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task L2_normalisation_divides_but_updates_no_parameter() =>
        CreateTest()
            .WithSource(
            """
            using System;
            static class Vectors
            {
                public static void Normalize(double[] v)
                {
                    double sum = 0;
                    for (int i = 0; i < v.Length; i++) sum += v[i] * v[i];
                    double norm = Math.Sqrt(sum);
                    for (int i = 0; i < v.Length; i++) v[i] /= norm;
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Welford_standard_deviation() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Welford
            {
                private long _n;
                private double _mean, _m2;
                public void Add(double x)
                {
                    _n++;
                    double delta = x - _mean;
                    _mean += delta / _n;
                    _m2 += delta * (x - _mean);
                }
                public double StandardScore(double x) => (x - _mean) / Math.Sqrt(_m2 / _n);
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Linq_zip_with_epsilon() =>
        CreateTest()
            .WithSource(
            """
            using System;
            using System.Linq;
            static class LinqRmsProp
            {
                public static double[] Step(double[] w, double[] g, double[] s, double rho = 0.9, double eps = 1e-8)
                {
                    var next = s.Zip(g, (si, gi) => rho * si + (1 - rho) * gi * gi).ToArray();
                    return w.Select((wi, i) => wi - 0.01 * g[i] / (Math.Sqrt(next[i]) + eps)).ToArray();
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Static_epsilon_is_reused_from_a_static_method() =>
        CreateTest()
            .WithSource(
            """
            using System;
            static class Kernel
            {
                private static readonly double Eps = 1e-7;
                public static double Step(double w, ref double s, double g)
                {
                    s = 0.99 * s + 0.01 * g * g;
                    return w - 0.01 * g / [|Math.Sqrt(s)|];
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            static class Kernel
            {
                private static readonly double Eps = 1e-7;
                public static double Step(double w, ref double s, double g)
                {
                    s = 0.99 * s + 0.01 * g * g;
                    return w - 0.01 * g / (Math.Sqrt(s) + Eps);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Root_returned_by_a_helper_gets_the_epsilon_in_the_helper() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly float[] _s = new float[8];
                private static float Denominator(float meanSquare) => [|MathF.Sqrt(meanSquare)|];
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9f * _s[i] + 0.1f * g[i] * g[i];
                        w[i] -= 0.01f * g[i] / Denominator(_s[i]);
                    }
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class Optimizer
            {
                private const float Epsilon = 1e-8f;

                private readonly float[] _s = new float[8];
                private static float Denominator(float meanSquare) => MathF.Sqrt(meanSquare) + Epsilon;
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9f * _s[i] + 0.1f * g[i] * g[i];
                        w[i] -= 0.01f * g[i] / Denominator(_s[i]);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Array_loop_reuses_the_eps_field() =>
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
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / [|Math.Sqrt(s[i])|];
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
    public Task Array_loop_without_an_epsilon_gets_a_double_constant() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                double[] s = new double[4];
                double rho = 0.9, lr = 0.01;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / [|Math.Sqrt(s[i])|];
                    }
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class Optimizer
            {
                private const double Epsilon = 1e-8;

                double[] s = new double[4];
                double rho = 0.9, lr = 0.01;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / (Math.Sqrt(s[i]) + Epsilon);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Scalar_local_denominator_reuses_an_epsilon_parameter_without_extra_parentheses() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                double s, w;
                double rho = 0.9, lr = 0.01;
                public void Step(double g, double epsilon)
                {
                    s = rho * s + (1 - rho) * g * g;
                    var d = [|Math.Sqrt(s)|];
                    w -= lr * g / d;
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class Optimizer
            {
                double s, w;
                double rho = 0.9, lr = 0.01;
                public void Step(double g, double epsilon)
                {
                    s = rho * s + (1 - rho) * g * g;
                    var d = Math.Sqrt(s) + epsilon;
                    w -= lr * g / d;
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task MathF_without_an_epsilon_gets_a_float_constant() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                float[] s = new float[4];
                float rho = 0.9f, lr = 0.01f;
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1f - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / [|MathF.Sqrt(s[i])|];
                    }
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class Optimizer
            {
                private const float Epsilon = 1e-8f;

                float[] s = new float[4];
                float rho = 0.9f, lr = 0.01f;
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1f - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / (MathF.Sqrt(s[i]) + Epsilon);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task MathF_reuses_a_float_field_named_like_an_epsilon() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                float[] s = new float[4];
                float rho = 0.9f, lr = 0.01f, m_epsilon = 1e-7f;
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1f - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / [|MathF.Sqrt(s[i])|];
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
                float rho = 0.9f, lr = 0.01f, m_epsilon = 1e-7f;
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1f - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / (MathF.Sqrt(s[i]) + m_epsilon);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Fix_all_introduces_one_constant_for_two_roots() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                double[] s = new double[4], b = new double[4];
                double rho = 0.9, lr = 0.01;
                public void Step(double[] w, double[] g, double[] v, double[] h)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / [|Math.Sqrt(s[i])|];
                        b[i] = rho * b[i] + (1 - rho) * h[i] * h[i];
                        v[i] -= lr * h[i] / [|Math.Sqrt(b[i])|];
                    }
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class Optimizer
            {
                private const double Epsilon = 1e-8;

                double[] s = new double[4], b = new double[4];
                double rho = 0.9, lr = 0.01;
                public void Step(double[] w, double[] g, double[] v, double[] h)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / (Math.Sqrt(s[i]) + Epsilon);
                        b[i] = rho * b[i] + (1 - rho) * h[i] * h[i];
                        v[i] -= lr * h[i] / (Math.Sqrt(b[i]) + Epsilon);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Non_floating_Epsilon_member_makes_the_constant_Epsilon1() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                const string Epsilon = "none";
                double[] s = new double[4];
                double rho = 0.9, lr = 0.01;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / [|Math.Sqrt(s[i])|];
                    }
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class Optimizer
            {
                private const double Epsilon1 = 1e-8;

                const string Epsilon = "none";
                double[] s = new double[4];
                double rho = 0.9, lr = 0.01;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / (Math.Sqrt(s[i]) + Epsilon1);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Documented_first_member_keeps_its_comment() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                // The running average of g^2.
                double[] s = new double[4];
                double rho = 0.9, lr = 0.01;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / [|Math.Sqrt(s[i])|];
                    }
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class Optimizer
            {
                private const double Epsilon = 1e-8;

                // The running average of g^2.
                double[] s = new double[4];
                double rho = 0.9, lr = 0.01;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / (Math.Sqrt(s[i]) + Epsilon);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Epsilon_local_declared_after_the_root_is_not_reused() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                double s, w;
                double rho = 0.9, lr = 0.01;
                public void Step(double g)
                {
                    s = rho * s + (1 - rho) * g * g;
                    w -= lr * g / [|Math.Sqrt(s)|];
                    double eps = 1e-8;
                    Console.WriteLine(eps);
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class Optimizer
            {
                private const double Epsilon = 1e-8;

                double s, w;
                double rho = 0.9, lr = 0.01;
                public void Step(double g)
                {
                    s = rho * s + (1 - rho) * g * g;
                    w -= lr * g / (Math.Sqrt(s) + Epsilon);
                    double eps = 1e-8;
                    Console.WriteLine(eps);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Instance_epsilon_is_not_reused_in_a_static_step() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                double eps = 1e-8;
                public static void Step(double[] s, double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = 0.9 * s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / [|Math.Sqrt(s[i])|];
                    }
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class Optimizer
            {
                private const double Epsilon = 1e-8;

                double eps = 1e-8;
                public static void Step(double[] s, double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = 0.9 * s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(s[i]) + Epsilon);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Vector_root_gets_no_fix() =>
        CreateTest()
            .WithSource(
            """
            using System;
            using System.Numerics;
            class Optimizer
            {
                Vector<double> s;
                double rho = 0.9, lr = 0.01;
                public Vector<double> Step(Vector<double> w, Vector<double> g)
                {
                    s = rho * s + (1 - rho) * g * g;
                    return w - lr * g / [|Vector.SquareRoot(s)|];
                }
            }
            """)
            .ShouldOfferNoFix()
            .ValidateAsync();

    [Fact]
    public Task Double_epsilon_is_not_reused_for_a_float_root() =>
        // MathF.Sqrt(s) + eps with a double eps is a double denominator, and w[i] -= <double> does not compile for float w.
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly float[] _s = new float[4];
                public void Step(float[] w, float[] g, double eps)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9f * _s[i] + 0.1f * g[i] * g[i];
                        w[i] -= 0.01f * g[i] / [|MathF.Sqrt(_s[i])|];
                    }
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class Optimizer
            {
                private const float Epsilon = 1e-8f;

                private readonly float[] _s = new float[4];
                public void Step(float[] w, float[] g, double eps)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9f * _s[i] + 0.1f * g[i] * g[i];
                        w[i] -= 0.01f * g[i] / (MathF.Sqrt(_s[i]) + Epsilon);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Two_roots_fixed_together_share_one_new_constant() =>
        // Fixed one at a time the second root finds the first's constant; fixed all at once, both insert one.
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[4];
                private readonly double[] _v = new double[4];
                public void Step(double[] w, double[] b, double[] g, double[] h)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / [|Math.Sqrt(_s[i])|];
                        _v[i] = 0.9 * _v[i] + 0.1 * h[i] * h[i];
                        b[i] -= 0.01 * h[i] / [|Math.Sqrt(_v[i])|];
                    }
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class Optimizer
            {
                private const double Epsilon = 1e-8;

                private readonly double[] _s = new double[4];
                private readonly double[] _v = new double[4];
                public void Step(double[] w, double[] b, double[] g, double[] h)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + Epsilon);
                        _v[i] = 0.9 * _v[i] + 0.1 * h[i] * h[i];
                        b[i] -= 0.01 * h[i] / (Math.Sqrt(_v[i]) + Epsilon);
                    }
                }
            }
            """)
            .ShouldFixAllAndCompile()
            .ValidateAsync();

    // ---- a guard by control flow, and a sum its owner starts (field test items 13 and 16) -------------------

    [Fact]
    public Task Leaving_when_the_root_is_below_a_small_constant_is_an_epsilon() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        double root = Math.Sqrt(_s[i]);
                        if (root <= 1e-12) { continue; }
                        w[i] -= 0.01 * g[i] / root;
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Leaving_when_the_root_is_exactly_zero_is_no_epsilon() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        double root = [|Math.Sqrt(_s[i])|];
                        if (root == 0) continue;
                        w[i] -= 0.01 * g[i] / root;
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task A_test_below_a_constant_that_does_not_leave_is_no_epsilon() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                public int Small;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        double root = [|Math.Sqrt(_s[i])|];
                        if (root < 1e-12) Small++;
                        w[i] -= 0.01 * g[i] / root;
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Sum_in_a_parameter_the_type_starts_at_zero_has_no_epsilon() =>
        CreateTest()
            .WithSource(
            """
            using System;
            static class AdaGrad
            {
                public static void Train(double[] w, Func<double[], double[]> gradient, int steps)
                {
                    var sums = new double[w.Length];
                    for (int t = 0; t < steps; t++) Step(w, gradient(w), sums);
                }
                private static void Step(double[] w, double[] g, double[] sums)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        sums[i] += g[i] * g[i];
                        w[i] -= 0.1 * g[i] / [|Math.Sqrt(sums[i])|];
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Sum_in_a_parameter_the_type_clears_has_no_epsilon() =>
        CreateTest()
            .WithSource(
            """
            using System;
            static class AdaGrad
            {
                public static void Step(double[] w, double[] g, double[] sums, bool first)
                {
                    if (first) Array.Clear(sums, 0, sums.Length);
                    for (int i = 0; i < w.Length; i++)
                    {
                        sums[i] += g[i] * g[i];
                        w[i] -= 0.1 * g[i] / [|Math.Sqrt(sums[i])|];
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Average_in_a_parameter_has_no_epsilon_whoever_starts_it() =>
        CreateTest()
            .WithSource(
            """
            using System;
            static class RmsProp
            {
                public static void Step(double[] w, double[] g, double[] s)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = 0.9 * s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / [|Math.Sqrt(s[i])|];
                    }
                }
            }
            """)
            .ValidateAsync();

    // Field test item 10: AdaDelta's one root of a quotient (KelpNet, ML-Sharp).
    [Fact]
    public Task Root_of_a_quotient_whose_divisor_average_has_no_epsilon_gets_no_fix_after_the_root() =>
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
                        _msg[i] = 0.95 * _msg[i] + 0.05 * g[i] * g[i];
                        double dx = [|Math.Sqrt((_msdx[i] + 1e-6) / _msg[i])|] * g[i];
                        _msdx[i] = 0.95 * _msdx[i] + 0.05 * dx * dx;
                        w[i] -= dx;
                    }
                }
            }
            """)
            .ShouldOfferNoFix()
            .ValidateAsync();

    [Fact]
    public Task Root_of_a_quotient_with_epsilon_in_the_divisor_is_silent() =>
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
                        _msg[i] = 0.95 * _msg[i] + 0.05 * g[i] * g[i];
                        double dx = Math.Sqrt((_msdx[i] + 1e-6) / (_msg[i] + 1e-6)) * g[i];
                        _msdx[i] = 0.95 * _msdx[i] + 0.05 * dx * dx;
                        w[i] -= dx;
                    }
                }
            }
            """)
            .ValidateAsync();
}
