using System.Threading.Tasks;
using RmsProp.Analyzers.CodeFixes;
using RmsProp.Analyzers.Tests.Infrastructure;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>RMSP005's fix: what reads the old average moves after the update, with the exact text it writes.</summary>
public sealed class Rmsp005FixTests
{
    [Fact]
    public Task Denominator_local_moves_after_the_update() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Fix<MoveDenominatorAfterUpdateFix>(
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
            """,
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
            """);

    [Fact]
    public Task Weight_update_moves_after_the_average_update() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Fix<MoveDenominatorAfterUpdateFix>(
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
            """,
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
            """);

    [Fact]
    public Task Loop_of_weight_updates_moves_after_the_loop_of_average_updates() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Fix<MoveDenominatorAfterUpdateFix>(
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
            """,
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
            """);

    [Fact]
    public Task Weight_loop_moves_after_the_call_that_updates_the_average() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Fix<MoveDenominatorAfterUpdateFix>(
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
            """,
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
            """);

    [Fact]
    public Task No_fix_when_a_statement_in_between_reads_the_old_weight() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Fix<MoveDenominatorAfterUpdateFix>(
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
            """,
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
            """);

    [Fact]
    public Task No_fix_when_the_gradient_changes_in_between() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Fix<MoveDenominatorAfterUpdateFix>(
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
            """,
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
            """);

    [Fact]
    public Task No_fix_for_a_tuple_that_reads_the_old_average() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Fix<MoveDenominatorAfterUpdateFix>(
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
            """,
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
            """);
}
