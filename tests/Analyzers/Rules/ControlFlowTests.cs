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
}
