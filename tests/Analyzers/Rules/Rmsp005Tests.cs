using System.Threading.Tasks;
using RmsProp.Analyzers.Tests.Infrastructure;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>RMSP005: the update divides by the average from before this step's gradient was folded in.</summary>
public sealed class Rmsp005Tests
{
    // ---- flagged --------------------------------------------------------------------------------------------

    [Fact]
    public Task Array_loop_updates_the_average_after_the_step() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Diagnostics(
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
                        w[i] -= 0.01 * g[i] / (Math.Sqrt([|_s[i]|]) + 1e-8);
                        _s[i] = _rho * _s[i] + (1 - _rho) * g[i] * g[i];
                    }
                }
            }
            """);

    [Fact]
    public Task Scalar_denominator_local_computed_first() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Diagnostics(
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
                        double denom = Math.Sqrt([|_s|] + 1e-8);
                        _s = 0.9 * _s + 0.1 * grad * grad;
                        _w -= 0.1 * grad / denom;
                    }
                }
            }
            """);

    [Fact]
    public Task Float_lerp_compound_after_the_step() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Diagnostics(
            """
            using System;
            class LerpRmsProp
            {
                private readonly float[] _v = new float[8];
                private readonly float _rho = 0.99f;
                public void Step(float[] p, float[] grad)
                {
                    for (int i = 0; i < p.Length; i++)
                    {
                        p[i] -= 0.01f * grad[i] / MathF.Sqrt([|_v[i]|] + 1e-8f);
                        _v[i] += (1 - _rho) * (grad[i] * grad[i] - _v[i]);
                    }
                }
            }
            """);

    [Fact]
    public Task Jagged_layers_root_kept_in_a_local() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Diagnostics(
            """
            using System;
            class Trainer
            {
                private readonly double[][] _cache;
                public Trainer(double[][] weights)
                {
                    _cache = new double[weights.Length][];
                    for (int l = 0; l < weights.Length; l++) _cache[l] = new double[weights[l].Length];
                }
                public void Update(double[][] weights, double[][] grads)
                {
                    for (int l = 0; l < weights.Length; l++)
                        for (int j = 0; j < weights[l].Length; j++)
                        {
                            var rms = Math.Sqrt([|_cache[l][j]|]) + 1e-6;
                            _cache[l][j] = 0.9 * _cache[l][j] + 0.1 * grads[l][j] * grads[l][j];
                            weights[l][j] -= 0.001 * grads[l][j] / rms;
                        }
                }
            }
            """);

    [Fact]
    public Task Record_with_reads_the_old_average() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Diagnostics(
            """
            using System;
            record State(double W, double S);
            static class ScalarRmsProp
            {
                private const double Rho = 0.9;
                public static State Step(State state, double grad) => state with
                {
                    S = Rho * state.S + (1 - Rho) * grad * grad,
                    W = state.W - 0.01 * grad / (Math.Sqrt([|state.S|]) + 1e-8),
                };
            }
            """);

    [Fact]
    public Task Tuple_assignment_reads_the_old_average() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Diagnostics(
            """
            using System;
            static class Descent
            {
                public static double Minimise(double w, int steps, double rho = 0.9)
                {
                    double s = 0;
                    for (int t = 0; t < steps; t++)
                    {
                        double g = 2 * w;
                        (w, s) = (w - 0.1 * g / (Math.Sqrt([|s|]) + 1e-6), rho * s + (1 - rho) * g * g);
                    }
                    return w;
                }
            }
            """);

    [Fact]
    public Task Two_loops_divide_before_updating() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Diagnostics(
            """
            using System;
            class TwoPass
            {
                private readonly double[] _cache = new double[8];
                public void Step(double[] w, double[] dw)
                {
                    for (int i = 0; i < w.Length; i++)
                        w[i] -= 0.005 * dw[i] / (Math.Sqrt([|_cache[i]|]) + 1e-8);
                    for (int i = 0; i < dw.Length; i++)
                        _cache[i] = 0.99 * _cache[i] + 0.01 * dw[i] * dw[i];
                }
            }
            """);

    [Fact]
    public Task Reciprocal_computed_before_the_update_with_math_pow() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Diagnostics(
            """
            using System;
            class ReciprocalRmsProp
            {
                private readonly double[] _ms = new double[8];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        double inverse = 1.0 / (Math.Sqrt([|_ms[i]|]) + 1e-8);
                        _ms[i] = 0.95 * _ms[i] + 0.05 * Math.Pow(g[i], 2);
                        w[i] -= 0.01 * g[i] * inverse;
                    }
                }
            }
            """);

    [Fact]
    public Task Span_kernel_updates_after_the_step() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Diagnostics(
            """
            using System;
            static class Kernel
            {
                public static void Step(Span<float> w, ReadOnlySpan<float> g, Span<float> s, float rho)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        w[i] -= 0.01f * g[i] / (MathF.Sqrt([|s[i]|]) + 1e-8f);
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                    }
                }
            }
            """);

    [Fact]
    public Task AdaGrad_sum_grows_after_the_step() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Diagnostics(
            """
            using System;
            class AdaGrad
            {
                private readonly double[] _g = new double[8];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        w[i] -= 0.1 * g[i] / (Math.Sqrt([|_g[i]|]) + 1e-10);
                        _g[i] += g[i] * g[i];
                    }
                }
            }
            """);

    [Fact]
    public Task Scalar_compound_lerp_after_the_step() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Diagnostics(
            """
            using System;
            class Scalar
            {
                private double _s, _w = 3;
                public void Step(double g, double rho)
                {
                    _w -= 0.01 * g / Math.Sqrt([|_s|] + 1e-8);
                    _s += (1 - rho) * (g * g - _s);
                }
            }
            """);

    [Fact]
    public Task Helper_method_average_after_the_step() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Diagnostics(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                private static double MeanSquare(double previous, double gradient) => 0.9 * previous + 0.1 * gradient * gradient;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        w[i] -= 0.01 * g[i] / (Math.Sqrt([|_s[i]|]) + 1e-8);
                        _s[i] = MeanSquare(_s[i], g[i]);
                    }
                }
            }
            """);

    [Fact]
    public Task Notebook_divides_by_last_epochs_average() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Diagnostics(
            """
            using System;
            static class NotebookPort
            {
                // The update of the epoch reads gradient_rec from the previous epoch, then appends this epoch's average.
                public static double[] RmsProp(double[] parameters, double lr = 0.001, double beta = 0.9, int epochs = 100, double epsilon = 1e-7)
                {
                    var meanSquare = new double[parameters.Length];
                    for (int epoch = 0; epoch < epochs; epoch++)
                    {
                        for (int j = 0; j < parameters.Length; j++)
                        {
                            double gradient = 2 * parameters[j];
                            parameters[j] -= lr / Math.Sqrt([|meanSquare[j]|] + epsilon) * gradient;
                            meanSquare[j] = beta * meanSquare[j] + (1 - beta) * gradient * gradient;
                        }
                    }
                    return parameters;
                }
            }
            """);

    // ---- silent ---------------------------------------------------------------------------------------------

    [Fact]
    public Task Average_updated_before_the_division() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Diagnostics(
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
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """);

    [Fact]
    public Task Two_pass_update_then_divide() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Diagnostics(
            """
            using System;
            class TwoPass
            {
                private readonly double[] _cache = new double[8];
                public void Step(double[] w, double[] dw)
                {
                    for (int i = 0; i < dw.Length; i++)
                        _cache[i] = 0.99 * _cache[i] + 0.01 * dw[i] * dw[i];
                    for (int i = 0; i < w.Length; i++)
                        w[i] -= 0.005 * dw[i] / (Math.Sqrt(_cache[i]) + 1e-8);
                }
            }
            """);

    [Fact]
    public Task Record_with_the_new_average_in_a_local() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Diagnostics(
            """
            using System;
            record State(double W, double S);
            static class ScalarRmsProp
            {
                public static State Step(State state, double grad, double rho)
                {
                    var s = rho * state.S + (1 - rho) * grad * grad;
                    return state with { S = s, W = state.W - 0.01 * grad / (Math.Sqrt(s) + 1e-8) };
                }
            }
            """);

    [Fact]
    public Task Tuple_updates_the_average_then_the_weight() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Diagnostics(
            """
            using System;
            static class Descent
            {
                public static (double X, double Y) Minimise(double x, double y, int epochs, double rho = 0.9)
                {
                    (double X, double Y) s = (0.0, 0.0);
                    for (int epoch = 0; epoch < epochs; epoch++)
                    {
                        var (gx, gy) = (2 * x, 2 * y);
                        s = (rho * s.X + (1 - rho) * gx * gx, rho * s.Y + (1 - rho) * gy * gy);
                        x -= 0.1 * gx / (Math.Sqrt(s.X) + 1e-6);
                        y -= 0.1 * gy / (Math.Sqrt(s.Y) + 1e-6);
                    }
                    return (x, y);
                }
            }
            """);

    [Fact]
    public Task Adam_in_the_right_order() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Diagnostics(
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
    public Task Centered_rmsprop_in_the_right_order() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Diagnostics(
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
    public Task Accumulate_and_apply_are_separate_methods() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Diagnostics(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                public void Apply(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                }
                public void Accumulate(double[] g)
                {
                    for (int i = 0; i < g.Length; i++)
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                }
            }
            """);

    [Fact]
    public Task Gain_control_normalises_by_the_previous_level() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Diagnostics(
            """
            using System;
            class AutomaticGainControl
            {
                private float _meanSquare = 1f;
                public float Process(float sample)
                {
                    float level = MathF.Sqrt(_meanSquare);
                    _meanSquare = 0.999f * _meanSquare + 0.001f * sample * sample;
                    return sample / (level + 1e-6f);
                }
            }
            """);

    [Fact]
    public Task Price_ema_read_then_updated() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Diagnostics(
            """
            using System;
            class PriceEma
            {
                private double _ema;
                public double Deviation(double price)
                {
                    double deviation = price - _ema;
                    _ema = 0.9 * _ema + 0.1 * price;
                    return deviation;
                }
            }
            """);

    [Fact]
    public Task Helper_method_updates_then_divides() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Diagnostics(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                private static double MeanSquare(double previous, double gradient) => 0.9 * previous + 0.1 * gradient * gradient;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = MeanSquare(_s[i], g[i]);
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """);
}
