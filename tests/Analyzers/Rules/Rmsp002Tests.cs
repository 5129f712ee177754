using System.Threading.Tasks;
using RmsProp.Analyzers.Tests.Infrastructure;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>RMSP002: the adaptive denominator has no epsilon.</summary>
public sealed class Rmsp002Tests
{
    // ---- flagged --------------------------------------------------------------------------------------------

    [Fact]
    public Task Array_loop_divides_by_the_bare_root() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Diagnostics(
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
            """);

    [Fact]
    public Task Jagged_layers_with_math_pow() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Diagnostics(
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
            """);

    [Fact]
    public Task Scalar_lerp_compound_form() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Diagnostics(
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
            """);

    [Fact]
    public Task Float_arrays_with_MathF() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Diagnostics(
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
            """);

    [Fact]
    public Task Denominator_kept_in_its_own_local() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Diagnostics(
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
            """);

    [Fact]
    public Task Multiplication_by_a_reciprocal() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Diagnostics(
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
            """);

    [Fact]
    public Task Vector_of_T_square_root() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Diagnostics(
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
            """);

    [Fact]
    public Task AdaGrad_running_sum() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Diagnostics(
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
            """);

    [Fact]
    public Task Adam_bias_corrected_second_moment() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Diagnostics(
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
            """);

    [Fact]
    public Task Span_kernel() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Diagnostics(
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
            """);

    [Fact]
    public Task Tuple_assignment_of_the_weight() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Diagnostics(
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
            """);

    [Fact]
    public Task Notebook_epsilon_added_to_the_step_instead_of_the_denominator() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Diagnostics(
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
            """);

    [Fact]
    public Task Helper_method_returns_the_bare_root() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Diagnostics(
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
            """);

    [Fact]
    public Task Helper_method_computes_the_whole_step() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Diagnostics(
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
            """);

    // ---- silent ---------------------------------------------------------------------------------------------
    [Fact]
    public Task Helper_denominator_with_epsilon_and_a_helper_root_used_for_logging() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Diagnostics(
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
            """);


    [Fact]
    public Task Epsilon_inside_the_root() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Diagnostics(
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
            """);

    [Fact]
    public Task Epsilon_outside_the_root() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Diagnostics(
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
            """);

    [Fact]
    public Task Floor_with_math_max() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Diagnostics(
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
            """);

    [Fact]
    public Task Denominator_local_with_epsilon() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Diagnostics(
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
            """);

    [Fact]
    public Task Reciprocal_with_epsilon() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Diagnostics(
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
            """);

    [Fact]
    public Task Centered_rmsprop_with_epsilon() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Diagnostics(
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
            """);

    [Fact]
    public Task Adam_with_epsilon() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Diagnostics(
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
            """);

    [Fact]
    public Task AdaGrad_with_epsilon() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Diagnostics(
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
            """);

    [Fact]
    public Task Audio_rms_meter_returns_the_root() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Diagnostics(
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
            """);

    [Fact]
    public Task L2_normalisation_divides_but_updates_no_parameter() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Diagnostics(
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
            """);

    [Fact]
    public Task Welford_standard_deviation() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Diagnostics(
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
            """);

    [Fact]
    public Task Linq_zip_with_epsilon() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Diagnostics(
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
            """);
}
