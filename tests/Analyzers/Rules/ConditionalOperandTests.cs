using System.Threading.Tasks;
using RmsProp.Analyzers.CodeFixes;
using RmsProp.Analyzers.Tests.Harness;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>
/// Conditionals in the adaptive quotient (field item 07, EasyML's Adam): a root whose operand is a conditional
/// (<c>Math.Sqrt(amsgrad ? maxV[i] : v[i])</c>) is the root of each branch, with the AMSGrad maximum of an average
/// standing for that average; a quotient in a branch of a conditional (<c>den == 0 ? 0 : m / den</c>) is still the
/// step, and the exact-zero test guards nothing. The correct look-alike is Silent/FieldAmsGradConditionalRoot.cs.
/// </summary>
public sealed class ConditionalOperandTests
{
    private const string Header = """
        using System;
        public sealed class Adam
        {
            private readonly double[] _m = new double[4], _v = new double[4], _maxV = new double[4];
            private readonly double _beta1 = 0.9, _beta2 = 0.999, _lr = 0.001;
            private readonly bool _amsgrad = true;
            public void Step(double[] w, double[] g)
            {
                for (int i = 0; i < w.Length; i++)
                {
                    _m[i] = _beta1 * _m[i] + (1d - _beta1) * g[i];
        """;

    private const string Footer = """
                }
            }
        }
        """;

    private static string Step(string body) => Header + "\n" + body + "\n" + Footer;

    // ---- flagged --------------------------------------------------------------------------------------------------

    [Fact]
    public Task Raw_gradient_in_the_average_under_an_amsgrad_switch() =>
        new AnalyzerTest()
            .ShouldReportRule(Rmsp001RawGradient.Descriptor)
            .WithSource(Step("""
                        _v[i] = _beta2 * _v[i] + (1d - _beta2) * [|g[i]|];
                        _maxV[i] = Math.Max(_maxV[i], _v[i]);
                        double denominator = Math.Sqrt(_amsgrad ? _maxV[i] : _v[i]) + 1e-8;
                        w[i] += -_lr * (denominator == 0d ? 0d : _m[i] / denominator);
            """))
            .ValidateAsync();

    [Fact]
    public Task Swapped_weights_under_an_amsgrad_switch() =>
        new AnalyzerTest()
            .ShouldReportRule(Rmsp003SwappedWeights.Descriptor)
            .WithSource(Step("""
                        _v[i] = [|(1d - _beta2) * _v[i] + _beta2 * g[i] * g[i]|];
                        _maxV[i] = Math.Max(_maxV[i], _v[i]);
                        double denominator = Math.Sqrt(_amsgrad ? _maxV[i] : _v[i]) + 1e-8;
                        w[i] += -_lr * (denominator == 0d ? 0d : _m[i] / denominator);
            """))
            .ValidateAsync();

    [Fact]
    public Task No_epsilon_under_an_amsgrad_switch_whatever_the_zero_test() =>
        new AnalyzerTest()
            .ShouldReportRule(Rmsp002MissingEpsilon.Descriptor)
            .WithCodeFix<Rmsp002MissingEpsilonFix>()
            .WithSource(Step("""
                        _v[i] = _beta2 * _v[i] + (1d - _beta2) * g[i] * g[i];
                        _maxV[i] = Math.Max(_maxV[i], _v[i]);
                        double denominator = [|Math.Sqrt(_amsgrad ? _maxV[i] : _v[i])|];
                        w[i] += -_lr * (denominator == 0d ? 0d : _m[i] / denominator);
            """))
            .ShouldFixCodeWith("""
                using System;
                public sealed class Adam
                {
                    private const double Epsilon = 1e-8;

                    private readonly double[] _m = new double[4], _v = new double[4], _maxV = new double[4];
                    private readonly double _beta1 = 0.9, _beta2 = 0.999, _lr = 0.001;
                    private readonly bool _amsgrad = true;
                    public void Step(double[] w, double[] g)
                    {
                        for (int i = 0; i < w.Length; i++)
                        {
                            _m[i] = _beta1 * _m[i] + (1d - _beta1) * g[i];
                            _v[i] = _beta2 * _v[i] + (1d - _beta2) * g[i] * g[i];
                            _maxV[i] = Math.Max(_maxV[i], _v[i]);
                            double denominator = Math.Sqrt(_amsgrad ? _maxV[i] : _v[i]) + Epsilon;
                            w[i] += -_lr * (denominator == 0d ? 0d : _m[i] / denominator);
                        }
                    }
                }
                """)
            .ValidateAsync();

    [Fact]
    public Task An_epsilon_in_one_branch_only_leaves_the_other_unguarded() =>
        new AnalyzerTest()
            .ShouldReportRule(Rmsp002MissingEpsilon.Descriptor)
            .WithSource(Step("""
                        _v[i] = _beta2 * _v[i] + (1d - _beta2) * g[i] * g[i];
                        w[i] -= _lr * _m[i] / [|Math.Sqrt(_amsgrad ? _v[i] + 1e-8 : _v[i])|];
            """))
            .ValidateAsync();

    [Fact]
    public Task The_amsgrad_maximum_of_an_average_without_epsilon_is_unguarded() =>
        new AnalyzerTest()
            .ShouldReportRule(Rmsp002MissingEpsilon.Descriptor)
            .WithSource(Step("""
                        _v[i] = _beta2 * _v[i] + (1d - _beta2) * g[i] * g[i];
                        _maxV[i] = Math.Max(_maxV[i], _v[i]);
                        w[i] -= _lr * _m[i] / [|Math.Sqrt(_amsgrad ? _maxV[i] : _v[i] + 1e-8)|];
            """))
            .ValidateAsync();

    // ---- silent ---------------------------------------------------------------------------------------------------

    [Fact]
    public Task An_epsilon_in_both_branches_guards_the_root() =>
        new AnalyzerTest()
            .WithSource(Step("""
                        _v[i] = _beta2 * _v[i] + (1d - _beta2) * g[i] * g[i];
                        _maxV[i] = Math.Max(_maxV[i], _v[i]);
                        w[i] -= _lr * _m[i] / Math.Sqrt(_amsgrad ? _maxV[i] + 1e-8 : _v[i] + 1e-8);
            """))
            .ValidateAsync();

    [Fact]
    public Task A_guarded_ratio_of_a_return_to_its_volatility_is_no_update() =>
        new AnalyzerTest()
            .WithSource(
            """
            using System;
            public sealed class Volatility
            {
                private double _variance;
                public double Signal;
                public void Add(double r)
                {
                    _variance = 0.94 * _variance + 0.06 * r * r;
                    double sigma = Math.Sqrt(_variance);
                    Signal = sigma == 0 ? 0 : r / sigma;
                }
            }
            """)
            .ValidateAsync();
}
