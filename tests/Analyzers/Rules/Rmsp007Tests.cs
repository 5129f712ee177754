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

    /// <summary>
    /// SharpLearning's RMSProp step: the gradient scaled into a local named <c>gij</c> (not like a gradient), the
    /// quotient computed in a local and then added to the weight; <paramref name="root"/> is what the step divides by.
    /// </summary>
    private static string QuotientInLocal(string root, string apply) =>
        $$"""
        using System;
        public sealed class RmsPropCase
        {
            private readonly double[] _gsum = new double[8];
            private readonly double _rho = 0.95, _lr = 0.001, _eps = 1e-8;
            public void Update(double[] parameters, double[] gradients, double batchSize, double scale)
            {
                for (int j = 0; j < parameters.Length; j++)
                {
                    var gij = gradients[j] / batchSize;
                    _gsum[j] = _rho * _gsum[j] + (1.0 - _rho) * gij * gij;
                    var dx = -_lr * gij / ({{root}} + _eps);
                    {{apply}}
                }
            }
        }
        """;

    [Theory]
    [InlineData("parameters[j] += dx;")]
    [InlineData("parameters[j] = parameters[j] + dx;")]
    public Task Rmsp007_root_of_a_gradient_local_squared_is_flagged_when_the_quotient_is_in_a_local(string apply) =>
        new AnalyzerTest().ShouldReportRule(Rmsp007RootOfGradient.Descriptor)
            .WithSource(QuotientInLocal("[|Math.Sqrt(gij * gij)|]", apply)).ValidateAsync();

    [Theory]
    [InlineData("Math.Sqrt(_gsum[j])", "parameters[j] += dx;")]
    [InlineData("Math.Sqrt(_gsum[j])", "parameters[j] = parameters[j] + dx;")]
    [InlineData("Math.Sqrt(scale * scale)", "parameters[j] += dx;")]
    public Task Rmsp007_root_of_the_average_or_of_a_value_the_quotient_does_not_read_is_silent(string root, string apply) =>
        new AnalyzerTest().ShouldReportRule(Rmsp007RootOfGradient.Descriptor)
            .WithSource(QuotientInLocal(root, apply)).ValidateAsync();

    /// <summary>A root helper shared by two steps (gdo's Rms): one passes its average, the other its squared gradient.</summary>
    private const string SharedRootHelper = """
        using System;
        class Optimizers
        {
            private double _cache, _sum;
            public double Value;
            private static double Rms(double val)
            {
                double sqrt = Math.Sqrt(val);
                if (sqrt == 0) sqrt += double.Epsilon;
                return sqrt;
            }
            public void RmsPropStep(double dx)
            {
                _cache = 0.9 * _cache + 0.1 * Math.Pow(dx, 2);
                Value -= 0.01 * (dx / Rms(_cache));
            }
            public void AdaGradStep(double dx)
            {
                _sum += Math.Pow(dx, 2);
                Value -= 0.01 * (dx / Rms(ARGUMENT));
            }
        }
        """;

    // Field item 06 (gdo): the root is taken by a helper, and one step passes it this step's square.
    [Fact]
    public Task Rmsp007_the_square_passed_to_a_root_helper_is_flagged_at_the_argument() =>
        new AnalyzerTest().ShouldReportRule(Rmsp007RootOfGradient.Descriptor)
            .WithSource(SharedRootHelper.Replace("ARGUMENT", "[|Math.Pow(dx, 2)|]")).ValidateAsync();

    [Fact]
    public Task Rmsp007_the_sum_passed_to_the_same_root_helper_is_silent() =>
        new AnalyzerTest().ShouldReportRule(Rmsp007RootOfGradient.Descriptor)
            .WithSource(SharedRootHelper.Replace("ARGUMENT", "_sum")).ValidateAsync();
}
