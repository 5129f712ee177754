using System.Threading.Tasks;
using RmsProp.Analyzers.Tests.Harness;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>
/// All six rules on one source: each mistake is reported by its own rule and by no other, and correct optimizers
/// draw nothing from any of them.
/// </summary>
public sealed class CrossRuleTests
{
    [Fact]
    public Task Inline_integer_division_is_a_decay_mistake_not_a_swap() =>
        new AnalyzerTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private double _s, _w;
                public void Step(double g)
                {
                    _s = {|RMSP006:9 / 10|} * _s + (1 - {|RMSP006:9 / 10|}) * g * g;
                    _w -= 0.01 * g / (Math.Sqrt(_s) + 1e-8);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Decay_passed_through_a_constructor_chain() =>
        new AnalyzerTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double _rho;
                private readonly double[] _s = new double[4];
                public Optimizer() : this({|RMSP006:1.5|}) { }
                public Optimizer(double rho) { _rho = rho; }
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = _rho * _s[i] + (1 - _rho) * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Decay_passed_to_a_static_step_by_its_caller_in_the_type() =>
        new AnalyzerTest()
            .WithSource(
            """
            using System;
            static class Kernel
            {
                public static void Train(double[] w, Func<double[], double[]> gradient)
                {
                    var s = new double[w.Length];
                    for (int epoch = 0; epoch < 100; epoch++)
                        Step(w, gradient(w), s, {|RMSP006:99 / 100|});
                }
                private static void Step(double[] w, double[] g, double[] s, double rho)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(s[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Beginner_optimizer_with_every_mistake_at_once() =>
        new AnalyzerTest()
            .WithSource(
            """
            using System;
            class BeginnerRmsProp
            {
                private double[] _cache = new double[0];
                private readonly double _decay = {|RMSP006:9 / 10|};
                public void Step(double[] w, double[] g)
                {
                    _cache = {|RMSP004:new double[w.Length]|};
                    for (int i = 0; i < w.Length; i++)
                    {
                        w[i] -= 0.01 * g[i] / {|RMSP002:Math.Sqrt({|RMSP005:_cache[i]|})|};
                        _cache[i] = _decay * _cache[i] + (1 - _decay) * {|RMSP001:g[i]|};
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Weights_are_compared_by_what_they_read_not_how_they_are_written() =>
        new AnalyzerTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8], _t = new double[8];
                private readonly double _rho = 0.9;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = {|RMSP003:(1 - this._rho) * _s[i] + _rho * g[i] * g[i]|};
                        _t[i] = this._rho * _t[i] + (1 - _rho) * g [i] * g[ i ];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i] + _t[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Numeric_code_that_reuses_a_local_and_sums_products_is_not_an_optimizer() =>
        new AnalyzerTest()
            .WithSource(
            """
            using System;
            static class Iteration
            {
                // Shaped after an eigenvalue routine: s is a shift, then a root, then a dot product; x moves by x / s.
                public static double Solve(double[][] h, int n)
                {
                    double s = 0, p = 0, x = 1, w = 0.5;
                    for (int iter = 0; iter < 30; iter++)
                    {
                        s = w * w + x;
                        s = Math.Sqrt(s);
                        p = x / s;
                        x = x - p;
                        double sa = 0;
                        for (int j = 0; j < n; j++)
                            sa = sa + h[0][j] * h[j][n];
                        s = sa;
                    }
                    return x + p;
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task State_fetched_into_a_local_declared_null_is_not_reset() =>
        new AnalyzerTest()
            .WithSource(
            """
            using System;
            using System.Collections.Generic;
            class LayeredOptimizer
            {
                private readonly List<double[]> _meanSquares = new();
                public void UpdateLayer(int layer, double[] w, double[] g)
                {
                    double[] s = null!;
                    if (_meanSquares.Count > layer)
                        s = _meanSquares[layer];
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = 0.9 * s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(s[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Moments_in_constant_slots_of_one_array_are_told_apart() =>
        new AnalyzerTest()
            .WithSource(
            """
            using System;
            static class SlotAdam
            {
                public static double Good(double p, double g, double[] st, double lr)
                {
                    st[0] = 0.9 * st[0] + 0.1 * g;
                    st[1] = 0.999 * st[1] + 0.001 * g * g;
                    return p - lr * st[0] / (Math.Sqrt(st[1]) + 1e-8);
                }

                public static double RawInTheRootedSlot(double p, double g, double[] st, double lr)
                {
                    st[0] = 0.9 * st[0] + 0.1 * g * g;
                    st[1] = 0.999 * st[1] + 0.001 * {|RMSP001:g|};
                    return p - lr * st[0] / (Math.Sqrt(st[1]) + 1e-8);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task A_sum_of_squares_that_starts_at_one_needs_no_epsilon_but_a_decaying_average_does() =>
        new AnalyzerTest()
            .WithSource(
            """
            using System;
            class Fits
            {
                private readonly double[] _sum, _mean, _w;
                public Fits(int n)
                {
                    _w = new double[n];
                    _sum = new double[n];
                    _mean = new double[n];
                    Array.Fill(_sum, 1.0);
                    Array.Fill(_mean, 1.0);
                }

                public void AdaGrad(double[] g)
                {
                    for (int k = 0; k < _w.Length; k++)
                    {
                        _sum[k] += g[k] * g[k];
                        _w[k] -= 0.05 * g[k] / Math.Sqrt(_sum[k]);
                    }
                }

                // rho^t * 1 reaches 0 after enough zero gradients (about 7000 steps at rho = 0.9 in double).
                public void RmsProp(double[] g)
                {
                    for (int k = 0; k < _w.Length; k++)
                    {
                        _mean[k] = 0.9 * _mean[k] + 0.1 * g[k] * g[k];
                        _w[k] -= 0.05 * g[k] / {|RMSP002:Math.Sqrt(_mean[k])|};
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task A_weight_of_a_running_sum_is_not_a_decay() =>
        new AnalyzerTest()
            .WithSource(
            """
            using System;
            class PenalizedAdam
            {
                private readonly double _alpha = 5.0;
                private readonly double[] _m = new double[8], _v = new double[8];
                public double Step(double[] w, double[] g, double objective, double penalty)
                {
                    objective += _alpha * penalty;
                    for (int i = 0; i < w.Length; i++)
                    {
                        _m[i] = 0.9 * _m[i] + 0.1 * g[i];
                        _v[i] = 0.999 * _v[i] + 0.001 * g[i] * g[i];
                        w[i] -= 0.001 * _m[i] / (Math.Sqrt(_v[i]) + 1e-8);
                    }
                    return objective;
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Resets_through_a_tuple_a_linq_copy_and_a_helper_called_from_the_step() =>
        new AnalyzerTest()
            .WithSource(
            """
            using System;
            using System.Linq;
            class TupleReset
            {
                private double _s, _w;
                public void Step(double g)
                {
                    (_s, _w) = ({|RMSP004:0|}, _w);
                    _s = 0.9 * _s + 0.1 * g * g;
                    _w -= 0.01 * g / (Math.Sqrt(_s) + 1e-8);
                }
            }
            class LinqReset
            {
                private double[] _s = new double[4];
                public double[] Step(double[] w, double[] g)
                {
                    _s = {|RMSP004:Enumerable.Repeat(0.0, w.Length).ToArray()|};
                    _s = _s.Zip(g, (si, gi) => 0.9 * si + 0.1 * gi * gi).ToArray();
                    return w.Select((wi, i) => wi - 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8)).ToArray();
                }
            }
            class HelperReset
            {
                private readonly double[] _s = new double[4];
                private void ResetState() => Array.Clear(_s);
                public void Step(double[] w, double[] g)
                {
                    {|RMSP004:ResetState()|};
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
    public Task Resets_under_a_condition_or_outside_the_step_are_deliberate() =>
        new AnalyzerTest()
            .WithSource(
            """
            using System;
            class Restartable
            {
                private readonly double[] _s = new double[4];
                private int _t;
                public void ResetState() => Array.Clear(_s);
                public void Step(double[] w, double[] g, bool restart)
                {
                    if (_t == 0 || restart)
                        ResetState();
                    if (restart)
                        Array.Fill(_s, 0.0);
                    _t++;
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
    public Task Decays_in_a_positional_record_and_a_deconstruction() =>
        new AnalyzerTest()
            .WithSource(
            """
            using System;
            record Settings(double Rho = {|RMSP006:9 / 10|}, double Lr = 0.01);
            class FromSettings
            {
                private readonly Settings _settings = new();
                private double _s, _w;
                public void Step(double g)
                {
                    _s = _settings.Rho * _s + (1 - _settings.Rho) * g * g;
                    _w -= _settings.Lr * g / (Math.Sqrt(_s) + 1e-8);
                }
            }
            class FromTuple
            {
                private double _s, _w;
                public void Step(double g)
                {
                    var (rho, lr) = ({|RMSP006:99 / 100|}, 0.01);
                    _s = rho * _s + (1 - rho) * g * g;
                    _w -= lr * g / (Math.Sqrt(_s) + 1e-8);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task A_local_copy_of_the_average_is_the_average() =>
        new AnalyzerTest()
            .WithSource(
            """
            using System;
            using System.Numerics;
            class StaleThroughCopy
            {
                private readonly float[] _s = new float[64];
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i <= w.Length - Vector<float>.Count; i += Vector<float>.Count)
                    {
                        var gv = new Vector<float>(g, i);
                        var old = {|RMSP005:new Vector<float>(_s, i)|};
                        (new Vector<float>(w, i) - new Vector<float>(0.01f) * gv / (Vector.SquareRoot(old) + new Vector<float>(1e-8f))).CopyTo(w, i);
                        var sv = new Vector<float>(0.9f) * old + new Vector<float>(0.1f) * gv * gv;
                        sv.CopyTo(_s, i);
                    }
                }
            }
            class RawThroughCopy
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        double previous = _s[i];
                        _s[i] = {|RMSP003:0.1 * previous + 0.9 * {|RMSP001:g[i]|}|};
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Correct_optimizers_draw_nothing_from_any_rule() =>
        new AnalyzerTest()
            .WithSource(
            """
            using System;
            using System.Linq;
            class Optimizers
            {
                private readonly double[] _s = new double[8], _c = new double[8], _m = new double[8], _v = new double[8], _sum = new double[8], _mom = new double[8];
                private readonly double _rho = 0.9, _beta1 = 0.9, _beta2 = 0.999, _eps = 1e-8;
                private int _t;

                public void RmsPropOutside(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = _rho * _s[i] + (1 - _rho) * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + _eps);
                    }
                }

                public void CenteredRmsPropInside(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] += (1 - _rho) * (g[i] * g[i] - _s[i]);
                        _c[i] += (1 - _rho) * (g[i] - _c[i]);
                        w[i] -= 0.01 * g[i] / Math.Sqrt(_s[i] - _c[i] * _c[i] + _eps);
                    }
                }

                public void Adam(double[] w, double[] g)
                {
                    _t++;
                    for (int i = 0; i < w.Length; i++)
                    {
                        _m[i] = _beta1 * _m[i] + (1 - _beta1) * g[i];
                        _v[i] = _beta2 * _v[i] + (1 - _beta2) * Math.Pow(g[i], 2);
                        double mHat = _m[i] / (1 - Math.Pow(_beta1, _t));
                        double vHat = _v[i] / (1 - Math.Pow(_beta2, _t));
                        w[i] -= 0.001 * mHat / (Math.Sqrt(vHat) + _eps);
                    }
                }

                public void AdaGrad(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _sum[i] += g[i] * g[i];
                        w[i] -= 0.1 * g[i] / Math.Max(Math.Sqrt(_sum[i]), _eps);
                    }
                }

                public void MomentumSgd(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _mom[i] = 0.9 * _mom[i] + g[i];
                        w[i] -= 0.01 * _mom[i];
                    }
                }

                public static float[] RmsPropFloat(float[] w, float[] g, float[] s, float rho = 0.99f)
                {
                    for (int i = 0; i < w.Length; i++)
                        s[i] = rho * s[i] + (1f - rho) * g[i] * g[i];
                    return w.Select((wi, i) => wi - 0.01f * g[i] / (MathF.Sqrt(s[i]) + 1e-8f)).ToArray();
                }
            }
            """)
            .ValidateAsync();
}
