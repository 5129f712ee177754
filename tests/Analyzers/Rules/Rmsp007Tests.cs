using System.Threading.Tasks;
using RmsProp.Analyzers.Tests.Harness;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>RMSP007 (the root of this step's gradient), flagged and look-alikes. It has no fix (docs/rules/RMSP007.md says why).</summary>
public sealed class Rmsp007Tests
{
    [Fact]
    public Task Rmsp007_root_of_the_squared_gradient_is_flagged() =>
        new AnalyzerTest().ShouldReportRule(Rmsp007RootOfGradient.Descriptor).WithSource("""
            using System;
            class Step
            {
                public void Apply(double[] w, double[] g, double lr)
                {
                    for (int i = 0; i < w.Length; i++)
                        w[i] -= lr * g[i] / [|Math.Sqrt(g[i] * g[i] + 1e-8)|];
                }
            }
            """).ValidateAsync();

    [Fact]
    public Task Rmsp007_root_of_the_running_average_is_silent() =>
        new AnalyzerTest().ShouldReportRule(Rmsp007RootOfGradient.Descriptor).WithSource("""
            using System;
            class Step
            {
                private readonly double[] _s = new double[8];
                public void Apply(double[] w, double[] g, double lr)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        w[i] -= lr * g[i] / Math.Sqrt(_s[i] + 1e-8);
                    }
                }
            }
            """).ValidateAsync();

    [Fact]
    public Task Rmsp007_root_of_a_norm_computed_elsewhere_is_silent() =>
        new AnalyzerTest().ShouldReportRule(Rmsp007RootOfGradient.Descriptor).WithSource("""
            using System;
            class Step
            {
                public void Apply(double[] w, double[] g, double sumOfSquares, double lr)
                {
                    for (int i = 0; i < w.Length; i++)
                        w[i] -= lr * g[i] / Math.Sqrt(sumOfSquares + 1e-8);
                }
            }
            """).ValidateAsync();

    [Fact]
    public Task Rmsp007_root_of_the_parameter_itself_is_silent() =>
        new AnalyzerTest().ShouldReportRule(Rmsp007RootOfGradient.Descriptor).WithSource("""
            using System;
            class Step
            {
                public void Shrink(double[] w, double lr)
                {
                    for (int i = 0; i < w.Length; i++)
                        w[i] -= lr * w[i] / Math.Sqrt(w[i] * w[i] + 1);
                }
            }
            """).ValidateAsync();
}
