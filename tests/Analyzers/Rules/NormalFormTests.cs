using System.Threading.Tasks;
using RmsProp.Analyzers.CodeFixes;
using RmsProp.Analyzers.Tests.Harness;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>
/// The state update's normal form: every spelling of one update that multiplies out to the same A*old + C*x gets the
/// same verdict from every rule. Each row is one spelling of the update line of the same optimizer; the markup says
/// what must be reported (nothing, for a correct spelling).
/// </summary>
public sealed class NormalFormTests
{
    private static string Optimizer(string update) =>
        $$"""
        using System;
        class Optimizer
        {
            private readonly double[] _s = new double[8];
            private readonly double _rho = 0.9, _lr = 0.01, _eps = 1e-8;
            public void Step(double[] w, double[] g)
            {
                for (int i = 0; i < w.Length; i++)
                {
                    {{update}}
                    w[i] -= _lr * g[i] / (Math.Sqrt(_s[i]) + _eps);
                }
            }
        }
        """;

    [Theory]
    [InlineData("_s[i] = _rho * _s[i] + (1 - _rho) * g[i] * g[i];")]
    [InlineData("_s[i] += (1 - _rho) * (g[i] * g[i] - _s[i]);")]
    [InlineData("_s[i] -= (1 - _rho) * _s[i] - (1 - _rho) * g[i] * g[i];")]
    [InlineData("_s[i] = _s[i] - (1 - _rho) * _s[i] + (1 - _rho) * Math.Pow(g[i], 2);")]
    [InlineData("double sq = g[i] * g[i]; _s[i] = _rho * _s[i] + sq - _rho * sq;")]
    [InlineData("_s[i] = (_s[i] - g[i] * g[i]) * _rho + g[i] * g[i];")]
    [InlineData("double keep = _rho, fresh = 1 - keep; _s[i] = keep * _s[i] + fresh * g[i] * g[i];")]
    [InlineData("_s[i] *= _rho; _s[i] += (1 - _rho) * g[i] * g[i];")]
    [InlineData("_s[i] *= _rho; double sq = g[i] * g[i]; _s[i] += sq - _rho * sq;")]
    public Task Every_spelling_of_the_correct_update_is_silent(string update) =>
        new AnalyzerTest().WithSource(Optimizer(update)).ValidateAsync();

    [Theory]
    [InlineData("_s[i] = _rho * _s[i] + (1 - _rho) * {|RMSP001:g[i]|};")]
    [InlineData("_s[i] -= (1 - _rho) * _s[i] - (1 - _rho) * {|RMSP001:g[i]|};")]
    [InlineData("_s[i] = _s[i] - (1 - _rho) * _s[i] + (1 - _rho) * {|RMSP001:g[i]|};")]
    [InlineData("double x = g[i]; _s[i] = _rho * _s[i] + {|RMSP001:x|} - _rho * x;")]
    [InlineData("_s[i] *= _rho; _s[i] += (1 - _rho) * {|RMSP001:g[i]|};")]
    public Task Every_spelling_of_the_raw_gradient_update_is_RMSP001(string update) =>
        new AnalyzerTest().WithSource(Optimizer(update)).ValidateAsync();

    [Theory]
    [InlineData("_s[i] = {|RMSP003:(1 - _rho) * _s[i] + _rho * g[i] * g[i]|};")]
    [InlineData("_s[i] -= {|RMSP003:_rho * _s[i] - _rho * g[i] * g[i]|};")]
    [InlineData("_s[i] = {|RMSP003:_s[i] - _rho * _s[i] + _rho * g[i] * g[i]|};")]
    [InlineData("double keep = 1 - _rho; _s[i] = {|RMSP003:keep * _s[i] + _rho * g[i] * g[i]|};")]
    [InlineData("_s[i] *= 1 - _rho; _s[i] += {|RMSP003:_rho * g[i] * g[i]|};")]
    [InlineData("_s[i] *= _rho; _s[i] += {|RMSP003:_rho * g[i] * g[i]|};")]
    public Task Every_spelling_of_the_swapped_update_is_RMSP003(string update) =>
        new AnalyzerTest().WithSource(Optimizer(update)).ValidateAsync();

    [Fact]
    public Task A_swap_found_only_through_a_weight_field_is_fixed_by_swapping_the_written_weights() =>
        new AnalyzerTest().ShouldReportRule(Rmsp003SwappedWeights.Descriptor).WithCodeFix<Rmsp003SwappedWeightsFix>()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                private readonly double _rho = 0.9, _lr = 0.01, _eps = 1e-8;
                private readonly double _keep;
                public Optimizer() { _keep = 1 - _rho; }
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = [|_keep * _s[i] + _rho * g[i] * g[i]|];
                        w[i] -= _lr * g[i] / (Math.Sqrt(_s[i]) + _eps);
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
                private readonly double _rho = 0.9, _lr = 0.01, _eps = 1e-8;
                private readonly double _keep;
                public Optimizer() { _keep = 1 - _rho; }
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = _rho * _s[i] + _keep * g[i] * g[i];
                        w[i] -= _lr * g[i] / (Math.Sqrt(_s[i]) + _eps);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task A_swap_split_over_a_scaling_and_an_addition_is_fixed_by_swapping_the_two_weights() =>
        new AnalyzerTest().ShouldReportRule(Rmsp003SwappedWeights.Descriptor).WithCodeFix<Rmsp003SwappedWeightsFix>()
            .WithSource(Optimizer("_s[i] *= 1 - _rho; _s[i] += [|_rho * g[i] * g[i]|];"))
            .ShouldFixCodeWith(Optimizer("_s[i] *= _rho; _s[i] += (1 - _rho) * g[i] * g[i];"))
            .ValidateAsync();
}
