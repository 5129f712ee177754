using System.Threading.Tasks;
using RmsProp.Analyzers.Tests.Harness;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>
/// Order by control flow, not by text position: the rules that ask what runs before what (RMSP005's stale average)
/// read the body's control-flow graph, so a value carried round a loop's back edge, a path that leaves the pass early
/// and an update written above the read but run after it get the verdict their execution order gives. Each case
/// differs from a text-order reading of the same code.
/// </summary>
public sealed class ControlFlowTests
{
    private static AnalyzerTest Stale() => new AnalyzerTest().ShouldReportRule(Rmsp005StaleAverage.Descriptor);

    [Fact]
    public Task An_update_written_in_the_loop_header_runs_after_the_root_of_each_pass() =>
        Stale().WithSource(
            """
            using System;
            static class HeaderUpdate
            {
                public static double Fit(Func<double, double> gradient, int steps)
                {
                    double w = 1.0, s = 0.0, g = gradient(w);
                    for (int t = 0; t < steps; t++, s = 0.9 * s + 0.1 * g * g, g = gradient(w))
                    {
                        w -= 0.01 * g / (Math.Sqrt([|s|]) + 1e-8);
                    }

                    return w;
                }
            }
            """).ValidateAsync();

    [Fact]
    public Task Two_loops_inside_an_epoch_loop_divide_before_updating() =>
        Stale().WithSource(
            """
            using System;
            class EpochTrainer
            {
                private readonly double[] _s = new double[8];
                public void Train(double[] w, Func<int, double[]> gradient, int epochs)
                {
                    for (int epoch = 0; epoch < epochs; epoch++)
                    {
                        double[] g = gradient(epoch);
                        for (int i = 0; i < w.Length; i++)
                            w[i] -= 0.01 * g[i] / (Math.Sqrt([|_s[i]|]) + 1e-8);
                        for (int i = 0; i < w.Length; i++)
                            _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                    }
                }
            }
            """).ValidateAsync();

    [Fact]
    public Task An_update_on_one_branch_before_the_root_keeps_it_current() =>
        Stale().WithSource(
            """
            using System;
            class WarmStart
            {
                private readonly double[] _s = new double[8];
                private bool _started;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        if (_started)
                            _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        else
                            _s[i] = g[i] * g[i] + 1e-8;
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }

                    _started = true;
                }
            }
            """).ValidateAsync();

    [Fact]
    public Task A_root_on_a_path_that_continues_before_the_update_reads_nothing_stale() =>
        Stale().WithSource(
            """
            using System;
            class Skipping
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g, bool[] skip)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        if (skip[i])
                        {
                            w[i] -= 0.001 * Math.Sign(g[i]) / (Math.Sqrt(_s[i]) + 1e-8);
                            continue;
                        }

                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """).ValidateAsync();

    [Fact]
    public Task A_root_that_falls_through_to_the_update_after_a_branch_is_stale() =>
        Stale().WithSource(
            """
            using System;
            class Skipping
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g, bool[] skip)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        if (!skip[i])
                        {
                            w[i] -= 0.01 * g[i] / (Math.Sqrt([|_s[i]|]) + 1e-8);
                        }

                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                    }
                }
            }
            """).ValidateAsync();

    // ---- reaching definitions: every definition that reaches the update's read is one path's value ----------

    [Fact]
    public Task A_value_carried_round_the_loop_from_its_bottom_is_one_of_the_update_values() =>
        new AnalyzerTest().WithSource(
            """
            using System;
            class Pipelined
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g)
                {
                    double x = g[0] * g[0];
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * {|RMSP001:x|};
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                        if (i + 1 < w.Length) x = 2 * g[i + 1];
                    }
                }
            }
            """).ValidateAsync();

    private static string Warmup(string firstBranch) =>
        $$"""
        using System;
        static class Warmup
        {
            public static double Run(int steps)
            {
                double w = 3.0, s = 0.0;
                for (int t = 0; t < steps; t++)
                {
                    double g = 2 * (w - 1);
                    double next;
                    if (t > 0)
                        {{firstBranch}}
                    else
                        next = g * g;
                    s = next;
                    w -= 0.05 * g / Math.Sqrt(s + 1e-8);
                }
                return w;
            }
        }
        """;

    [Theory]
    [InlineData("next = 0.9 * s + 0.1 * {|RMSP001:g|};")]
    [InlineData("next = 0.9 * s + 0.1 * g * g;")]
    public Task The_update_computed_on_the_first_of_two_branches_is_read_through_its_local(string firstBranch) =>
        new AnalyzerTest().WithSource(Warmup(firstBranch)).ValidateAsync();

    [Fact]
    public Task A_local_copy_of_the_state_carried_round_the_loop_is_judged_once() =>
        new AnalyzerTest().WithSource(
            """
            using System;
            class State { public double W; public double S; }
            static class Batches
            {
                public static void Run(State state, double[] grads)
                {
                    double w = state.W, s = state.S;
                    foreach (double g in grads)
                    {
                        s = 0.9 * s + 0.1 * {|RMSP001:g|};
                        w -= 0.01 * g / (Math.Sqrt(s) + 1e-8);
                    }
                    state.W = w;
                    state.S = s;
                }
            }
            """).ValidateAsync();
}
