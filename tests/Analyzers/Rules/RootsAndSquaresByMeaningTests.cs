using System.Threading.Tasks;
using RmsProp.Analyzers.Tests.Harness;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>
/// Square roots and squares are known by what they compute, not by one spelling: a property or an instance method
/// of a tensor-like type, an extension method, a reciprocal root, arithmetic written as methods; and an absolute value
/// is not a square.
/// </summary>
public sealed class RootsAndSquaresByMeaningTests
{
    private const string Tensor = """
        public sealed class Tensor
        {
            private readonly double[] _data;
            public Tensor(double[] data) { _data = data; }
            public Tensor add(double c) => Map(x => x + c);
            public Tensor add(Tensor o) => Zip(o, (a, b) => a + b);
            public Tensor mul(Tensor o) => Zip(o, (a, b) => a * b);
            public Tensor mul(double c) => Map(x => x * c);
            public Tensor div(Tensor o) => Zip(o, (a, b) => a / b);
            public Tensor sub(Tensor o) => Zip(o, (a, b) => a - b);
            public Tensor sqrt() => Map(System.Math.Sqrt);
            public Tensor Sqrt => Map(System.Math.Sqrt);
            private Tensor Map(System.Func<double, double> f) { var r = new double[_data.Length]; for (int i = 0; i < r.Length; i++) r[i] = f(_data[i]); return new Tensor(r); }
            private Tensor Zip(Tensor o, System.Func<double, double, double> f) { var r = new double[_data.Length]; for (int i = 0; i < r.Length; i++) r[i] = f(_data[i], o._data[i]); return new Tensor(r); }
        }
        """;

    [Fact]
    public Task A_tensor_root_property_without_epsilon_is_flagged() =>
        new AnalyzerTest().ShouldReportRule(Rmsp002MissingEpsilon.Descriptor).WithSource(Tensor + """
            class Optimizer
            {
                private Tensor _s = new Tensor(new double[4]);
                public Tensor Step(Tensor w, Tensor g)
                {
                    _s = _s.mul(0.9).add(g.mul(g).mul(0.1));
                    return w.sub(g.div([|_s.Sqrt|]).mul(0.01));
                }
            }
            """).ValidateAsync();

    [Fact]
    public Task A_tensor_chain_with_the_epsilon_added_before_the_root_is_silent() =>
        new AnalyzerTest().ShouldReportRule(Rmsp002MissingEpsilon.Descriptor).WithSource(Tensor + """
            class Optimizer
            {
                private Tensor _s = new Tensor(new double[4]);
                public Tensor Step(Tensor w, Tensor g)
                {
                    _s = _s.mul(0.9).add(g.mul(g).mul(0.1));
                    return w.sub(g.div(_s.add(1e-8).sqrt()).mul(0.01));
                }
            }
            """).ValidateAsync();

    [Fact]
    public Task A_tensor_average_fed_the_raw_gradient_through_method_arithmetic_is_flagged() =>
        new AnalyzerTest().ShouldReportRule(Rmsp001RawGradient.Descriptor).WithSource(Tensor + """
            class Optimizer
            {
                private Tensor _s = new Tensor(new double[4]);
                public Tensor Step(Tensor w, Tensor g)
                {
                    _s = _s.mul(0.9).add([|g|].mul(0.1));
                    return w.sub(g.div(_s.sqrt().add(1e-8)).mul(0.01));
                }
            }
            """).ValidateAsync();

    [Fact]
    public Task A_reciprocal_root_without_epsilon_is_flagged() =>
        new AnalyzerTest().ShouldReportRule(Rmsp002MissingEpsilon.Descriptor).WithSource("""
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] * [|Math.Pow(_s[i], -0.5)|];
                    }
                }
            }
            """).ValidateAsync();

    [Fact]
    public Task A_reciprocal_root_with_the_epsilon_under_it_is_silent() =>
        new AnalyzerTest().ShouldReportRule(Rmsp002MissingEpsilon.Descriptor).WithSource("""
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] * Math.Pow(_s[i] + 1e-8, -0.5);
                    }
                }
            }
            """).ValidateAsync();

    [Fact]
    public Task A_stale_read_through_an_extension_root_is_flagged() =>
        new AnalyzerTest().ShouldReportRule(Rmsp005StaleAverage.Descriptor).WithSource("""
            using System;
            static class Roots { public static double Sqrt(this double x) => Math.Sqrt(x); }
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        w[i] -= 0.01 * g[i] / ([|_s[i]|].Sqrt() + 1e-8);
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                    }
                }
            }
            """).ValidateAsync();

    [Fact]
    public Task An_absolute_value_added_twice_is_not_a_square_added_twice() =>
        new AnalyzerTest().ShouldReportRule(Rmsp003SwappedWeights.Descriptor).WithSource("""
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                private readonly double[] _peak = new double[8];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] += Math.Abs(g[i]);
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """).ValidateAsync();

    [Fact]
    public Task A_square_added_twice_is_still_found() =>
        new AnalyzerTest().ShouldReportRule(Rmsp003SwappedWeights.Descriptor).WithSource("""
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        [|_s[i] += Math.Pow(g[i], 2)|];
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """).ValidateAsync();
}
