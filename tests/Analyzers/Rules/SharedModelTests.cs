using System.Threading.Tasks;
using RmsProp.Analyzers.Tests.Harness;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>
/// What the rules share across a compilation: a declaration that several types read is one finding, and the skip of
/// types whose source names no square root never hides a finding of a type that does.
/// </summary>
public sealed class SharedModelTests
{
    [Fact]
    public Task A_decay_declared_once_and_read_by_two_optimizers_is_reported_once() =>
        new AnalyzerTest().ShouldReportRule(Rmsp006DecayRate.Descriptor).WithSource(
            """
            using System;
            static class Hyper
            {
                public static readonly double Rho = [|9 / 10|];
            }
            class FirstOptimizer
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = Hyper.Rho * _s[i] + (1 - Hyper.Rho) * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            class SecondOptimizer
            {
                private readonly double[] _v = new double[8];
                public void Update(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _v[i] = Hyper.Rho * _v[i] + (1 - Hyper.Rho) * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_v[i]) + 1e-8);
                    }
                }
            }
            """).ValidateAsync();

    [Fact]
    public Task All_rules_together_report_each_finding_once_when_they_share_one_model() =>
        new AnalyzerTest().WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * {|RMSP001:g[i]|};
                        w[i] -= 0.01 * g[i] / {|RMSP002:Math.Sqrt(_s[i])|};
                    }
                }
            }
            class Unrelated
            {
                public double Mean(double[] xs) { double sum = 0; foreach (double x in xs) sum += x; return sum / xs.Length; }
            }
            """).ValidateAsync();
}
