using System.Threading.Tasks;
using RmsProp.Analyzers.CodeFixes;
using RmsProp.Analyzers.Tests.Harness;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>RMSP005: the update divides by the average from before this step's gradient was folded in; the diagnostics and the fix, whose output must compile and run (see <see cref="AnalyzerTest"/>).</summary>
public sealed class Rmsp005Tests
{
    private static AnalyzerTest CreateTest() =>
        new AnalyzerTest().ShouldReportRule(Rmsp005StaleAverage.Descriptor).WithCodeFix<Rmsp005StaleAverageFix>();

    // ---- flagged --------------------------------------------------------------------------------------------

    [Fact]
    public Task Array_loop_updates_the_average_after_the_step() =>
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
                        w[i] -= 0.01 * g[i] / (Math.Sqrt([|_s[i]|]) + 1e-8);
                        _s[i] = _rho * _s[i] + (1 - _rho) * g[i] * g[i];
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Scalar_denominator_local_computed_first() =>
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
                        double denom = Math.Sqrt([|_s|] + 1e-8);
                        _s = 0.9 * _s + 0.1 * grad * grad;
                        _w -= 0.1 * grad / denom;
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Float_lerp_compound_after_the_step() =>
        CreateTest()
            .WithSource(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Jagged_layers_root_kept_in_a_local() =>
        CreateTest()
            .WithSource(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Record_with_reads_the_old_average() =>
        CreateTest()
            .WithSource(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Tuple_assignment_reads_the_old_average() =>
        CreateTest()
            .WithSource(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Two_loops_divide_before_updating() =>
        CreateTest()
            .WithSource(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Reciprocal_computed_before_the_update_with_math_pow() =>
        CreateTest()
            .WithSource(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Span_kernel_updates_after_the_step() =>
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
                        w[i] -= 0.01f * g[i] / (MathF.Sqrt([|s[i]|]) + 1e-8f);
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task AdaGrad_sum_grows_after_the_step() =>
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
                        w[i] -= 0.1 * g[i] / (Math.Sqrt([|_g[i]|]) + 1e-10);
                        _g[i] += g[i] * g[i];
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Scalar_compound_lerp_after_the_step() =>
        CreateTest()
            .WithSource(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Helper_method_average_after_the_step() =>
        CreateTest()
            .WithSource(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Notebook_divides_by_last_epochs_average() =>
        CreateTest()
            .WithSource(
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
            """)
            .ValidateAsync();

    // ---- silent ---------------------------------------------------------------------------------------------

    [Fact]
    public Task Average_updated_before_the_division() =>
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
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Two_pass_update_then_divide() =>
        CreateTest()
            .WithSource(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Record_with_the_new_average_in_a_local() =>
        CreateTest()
            .WithSource(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Tuple_updates_the_average_then_the_weight() =>
        CreateTest()
            .WithSource(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Adam_in_the_right_order() =>
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
    public Task Centered_rmsprop_in_the_right_order() =>
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
    public Task Accumulate_and_apply_are_separate_methods() =>
        CreateTest()
            .WithSource(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Gain_control_normalises_by_the_previous_level() =>
        CreateTest()
            .WithSource(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Price_ema_read_then_updated() =>
        CreateTest()
            .WithSource(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Helper_method_updates_then_divides() =>
        CreateTest()
            .WithSource(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Denominator_local_moves_after_the_update() =>
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
                        double denominator = Math.Sqrt([|_s[i]|]) + 1e-8;
                        _s[i] = rho * _s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / denominator;
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
                        double denominator = Math.Sqrt(_s[i]) + 1e-8;
                        w[i] -= 0.01 * g[i] / denominator;
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Weight_update_moves_after_the_average_update() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Scalar
            {
                private float _s, _w;
                public void Step(float g)
                {
                    _w -= 0.01f * g / (MathF.Sqrt([|_s|]) + 1e-8f);
                    _s += 0.1f * (g * g - _s);
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class Scalar
            {
                private float _s, _w;
                public void Step(float g)
                {
                    _s += 0.1f * (g * g - _s);
                    _w -= 0.01f * g / (MathF.Sqrt(_s) + 1e-8f);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Loop_of_weight_updates_moves_after_the_loop_of_average_updates() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class TwoPass
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                        w[i] -= 0.01 * g[i] / (Math.Sqrt([|_s[i]|]) + 1e-8);
                    for (int i = 0; i < w.Length; i++)
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class TwoPass
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                    for (int i = 0; i < w.Length; i++)
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Weight_loop_moves_after_the_call_that_updates_the_average() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class SplitStep
            {
                private readonly double[] _s = new double[8];
                private void Accumulate(double[] g)
                {
                    for (int i = 0; i < g.Length; i++)
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                }
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                        w[i] -= 0.01 * g[i] / (Math.Sqrt([|_s[i]|]) + 1e-8);
                    Accumulate(g);
                }
                public void StepInOrder(double[] w, double[] g)
                {
                    Accumulate(g);
                    for (int i = 0; i < w.Length; i++)
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class SplitStep
            {
                private readonly double[] _s = new double[8];
                private void Accumulate(double[] g)
                {
                    for (int i = 0; i < g.Length; i++)
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                }
                public void Step(double[] w, double[] g)
                {
                    Accumulate(g);
                    for (int i = 0; i < w.Length; i++)
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                }
                public void StepInOrder(double[] w, double[] g)
                {
                    Accumulate(g);
                    for (int i = 0; i < w.Length; i++)
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task No_fix_when_a_statement_in_between_reads_the_old_weight() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Scalar
            {
                private double _s, _w, _previous;
                public void Step(double g)
                {
                    _w -= 0.01 * g / (Math.Sqrt([|_s|]) + 1e-8);
                    _previous = _w;
                    _s = 0.9 * _s + 0.1 * g * g;
                }
            }
            """)
            .ShouldOfferNoFix()
            .ValidateAsync();

    [Fact]
    public Task No_fix_when_the_gradient_changes_in_between() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Scalar
            {
                private double _s, _w;
                public void Step(double g)
                {
                    _w -= 0.01 * g / (Math.Sqrt([|_s|]) + 1e-8);
                    g = Math.Clamp(g, -1, 1);
                    _s = 0.9 * _s + 0.1 * g * g;
                }
            }
            """)
            .ShouldOfferNoFix()
            .ValidateAsync();

    [Fact]
    public Task No_fix_for_a_tuple_that_reads_the_old_average() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Scalar
            {
                private double _s, _w;
                public void Step(double g)
                {
                    (_w, _s) = (_w - 0.01 * g / (Math.Sqrt([|_s|]) + 1e-8), 0.9 * _s + 0.1 * g * g);
                }
            }
            """)
            .ShouldOfferNoFix()
            .ValidateAsync();

    [Fact]
    public Task Array_loop_denominator_moves_after_the_update() =>
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
                        var denom = Math.Sqrt([|s[i]|]) + eps;
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / denom;
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
                        var denom = Math.Sqrt(s[i]) + eps;
                        w[i] -= lr * g[i] / denom;
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Scalar_denominator_moves_after_the_update_with_its_comment() =>
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
                    // the adaptive denominator
                    double denom = Math.Sqrt([|s|]) + eps;
                    s = rho * s + (1 - rho) * g * g;
                    w -= lr * g / denom;
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
                    // the adaptive denominator
                    double denom = Math.Sqrt(s) + eps;
                    w -= lr * g / denom;
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Float_denominator_moves_after_the_update() =>
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
                        float denom = MathF.Sqrt([|s[i]|]) + eps;
                        s[i] = rho * s[i] + (1f - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / denom;
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
                        float denom = MathF.Sqrt(s[i]) + eps;
                        w[i] -= lr * g[i] / denom;
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Weight_update_statement_moves_after_the_update() =>
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
                        w[i] -= lr * g[i] / (Math.Sqrt([|s[i]|]) + eps);
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
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
    public Task No_fix_when_the_denominator_is_used_before_the_update() =>
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
                        var denom = Math.Sqrt([|s[i]|]) + eps;
                        var step = lr * g[i] / denom;
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= step;
                    }
                }
            }
            """)
            .ShouldOfferNoFix()
            .ValidateAsync();

    [Fact]
    public Task No_fix_when_the_update_is_in_another_block() =>
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
                        var denom = Math.Sqrt([|s[i]|]) + eps;
                        if (g[i] != 0)
                        {
                            s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        }

                        w[i] -= lr * g[i] / denom;
                    }
                }
            }
            """)
            .ShouldOfferNoFix()
            .ValidateAsync();

    [Fact]
    public Task No_fix_when_a_continue_sits_between_the_read_and_the_update() =>
        // Moved after the update, the weight update would be skipped whenever the continue is taken.
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[4];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        w[i] -= 0.01 * g[i] / (Math.Sqrt([|_s[i]|]) + 1e-8);
                        if (double.IsNaN(g[i])) continue;
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                    }
                }
            }
            """)
            .ShouldOfferNoFix()
            .ValidateAsync();
}
