using System.Threading.Tasks;
using RmsProp.Analyzers.CodeFixes;
using RmsProp.Analyzers.Tests.Harness;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>
/// RMSP008 (an unfloored centered variance): flagged shapes, look-alikes, and its fix, whose result is run on a
/// constant gradient for as many steps as it takes the unfloored variance to round below 0 (step 327 for 1.1 in double,
/// step 141 for 0.111f in float, worked out step by step in IEEE arithmetic), so a fix that did not floor would leave
/// NaN in the weights.
/// </summary>
public sealed class Rmsp008Tests
{
    private static AnalyzerTest Test() =>
        new AnalyzerTest().ShouldReportRule(Rmsp008UnflooredVariance.Descriptor).WithCodeFix<Rmsp008UnflooredVarianceFix>();

    [Fact]
    public Task Fix_floors_a_double_variance_with_Math_Max() =>
        Test().WithSource("""
            using System;
            public class Centered
            {
                private readonly double[] _s = new double[1], _m = new double[1];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        _m[i] = 0.9 * _m[i] + 0.1 * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt([|_s[i] - _m[i] * _m[i]|]) + 1e-8);
                    }
                }
            }
            """).ShouldFixCodeWith("""
            using System;
            public class Centered
            {
                private readonly double[] _s = new double[1], _m = new double[1];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        _m[i] = 0.9 * _m[i] + 0.1 * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(Math.Max(_s[i] - _m[i] * _m[i], 0.0)) + 1e-8);
                    }
                }
            }
            """).AndRunWith("""
            var optimizer = new Centered();
            var w = new double[] { 1.0 };
            for (int step = 0; step < 400; step++) optimizer.Step(w, new[] { 1.1 });
            return w;
            """).ValidateAsync();

    [Fact]
    public Task Fix_floors_a_float_variance_held_in_a_local_with_MathF_Max() =>
        Test().WithSource("""
            using System;
            public class Centered
            {
                private readonly float[] _s = new float[1], _m = new float[1];
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9f * _s[i] + 0.1f * g[i] * g[i];
                        _m[i] = 0.9f * _m[i] + 0.1f * g[i];
                        float variance = _s[i] - _m[i] * _m[i];
                        w[i] -= 0.01f * g[i] / (MathF.Sqrt([|variance|]) + 1e-6f);
                    }
                }
            }
            """).ShouldFixCodeWith("""
            using System;
            public class Centered
            {
                private readonly float[] _s = new float[1], _m = new float[1];
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9f * _s[i] + 0.1f * g[i] * g[i];
                        _m[i] = 0.9f * _m[i] + 0.1f * g[i];
                        float variance = _s[i] - _m[i] * _m[i];
                        w[i] -= 0.01f * g[i] / (MathF.Sqrt(MathF.Max(variance, 0f)) + 1e-6f);
                    }
                }
            }
            """).AndRunWith("""
            var optimizer = new Centered();
            var w = new float[] { 1f };
            for (int step = 0; step < 200; step++) optimizer.Step(w, new[] { 0.111f });
            return w;
            """).ValidateAsync();

    [Fact]
    public Task Fix_floors_a_generic_variance_with_T_Max_and_T_Zero() =>
        Test().WithSource("""
            using System.Numerics;
            public class Centered<T> where T : IFloatingPointIeee754<T>
            {
                private readonly T[] _s = new T[1], _m = new T[1];
                public void Step(T[] w, T[] g, T rho, T lr, T eps)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = rho * _s[i] + (T.One - rho) * g[i] * g[i];
                        _m[i] = rho * _m[i] + (T.One - rho) * g[i];
                        w[i] -= lr * g[i] / (T.Sqrt([|_s[i] - _m[i] * _m[i]|]) + eps);
                    }
                }
            }
            """).ShouldFixCodeWith("""
            using System.Numerics;
            public class Centered<T> where T : IFloatingPointIeee754<T>
            {
                private readonly T[] _s = new T[1], _m = new T[1];
                public void Step(T[] w, T[] g, T rho, T lr, T eps)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = rho * _s[i] + (T.One - rho) * g[i] * g[i];
                        _m[i] = rho * _m[i] + (T.One - rho) * g[i];
                        w[i] -= lr * g[i] / (T.Sqrt(T.Max(_s[i] - _m[i] * _m[i], T.Zero)) + eps);
                    }
                }
            }
            """).AndRunWith("""
            var optimizer = new Centered<double>();
            var w = new double[] { 1.0 };
            for (int step = 0; step < 400; step++) optimizer.Step(w, new[] { 1.1 }, 0.9, 0.01, 1e-8);
            return w;
            """).ValidateAsync();

    [Fact]
    public Task No_fix_when_nothing_is_added_after_the_root_because_a_floor_of_0_would_divide_by_0() =>
        Test().WithSource("""
            using System;
            public class Centered
            {
                private readonly double[] _s = new double[1], _m = new double[1];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        _m[i] = 0.9 * _m[i] + 0.1 * g[i];
                        w[i] -= 0.01 * g[i] / Math.Sqrt([|_s[i] - _m[i] * _m[i]|]);
                    }
                }
            }
            """).ShouldOfferNoFix().ValidateAsync();

    [Fact]
    public Task Rmsp008_variance_without_floor_is_flagged() =>
        new AnalyzerTest().ShouldReportRule(Rmsp008UnflooredVariance.Descriptor).WithSource("""
            using System;
            class Centered
            {
                private readonly double[] _s = new double[8], _m = new double[8];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        _m[i] = 0.9 * _m[i] + 0.1 * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt([|_s[i] - _m[i] * _m[i]|]) + 1e-8);
                    }
                }
            }
            """).ValidateAsync();

    [Fact]
    public Task Rmsp008_variance_floored_in_the_root_is_silent() =>
        new AnalyzerTest().ShouldReportRule(Rmsp008UnflooredVariance.Descriptor).WithSource("""
            using System;
            class Centered
            {
                private readonly double[] _s = new double[8], _m = new double[8];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        _m[i] = 0.9 * _m[i] + 0.1 * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(Math.Max(_s[i] - _m[i] * _m[i], 0)) + 1e-8);
                    }
                }
            }
            """).ValidateAsync();

    [Fact]
    public Task Rmsp008_plain_rmsprop_is_silent() =>
        new AnalyzerTest().ShouldReportRule(Rmsp008UnflooredVariance.Descriptor).WithSource("""
            using System;
            class Plain
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """).ValidateAsync();

    [Fact]
    public Task Rmsp008_a_variance_of_values_that_are_not_running_averages_is_silent() =>
        new AnalyzerTest().ShouldReportRule(Rmsp008UnflooredVariance.Descriptor).WithSource("""
            using System;
            class Standardize
            {
                public void Step(double[] w, double[] g, double meanSquare, double mean)
                {
                    for (int i = 0; i < w.Length; i++)
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(meanSquare - mean * mean) + 1e-8);
                }
            }
            """).ValidateAsync();

    // Field test item 08: EasyML's (and PyTorch's) centered switch sets the local under the root on two branches.
    [Fact]
    public Task A_variance_set_in_one_branch_of_a_centered_switch_is_floored_at_the_root() =>
        Test().WithSource("""
            using System;
            public class Switchable
            {
                private readonly double[] _s = new double[1], _m = new double[1];
                private readonly bool _centered;
                public Switchable(bool centered) => _centered = centered;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        double variance;
                        if (_centered)
                        {
                            _m[i] = 0.9 * _m[i] + 0.1 * g[i];
                            variance = _s[i] - _m[i] * _m[i];
                        }
                        else
                        {
                            variance = _s[i];
                        }
                        w[i] -= 0.01 * g[i] / (Math.Sqrt([|variance|]) + 1e-8);
                    }
                }
            }
            """).ShouldFixCodeWith("""
            using System;
            public class Switchable
            {
                private readonly double[] _s = new double[1], _m = new double[1];
                private readonly bool _centered;
                public Switchable(bool centered) => _centered = centered;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        double variance;
                        if (_centered)
                        {
                            _m[i] = 0.9 * _m[i] + 0.1 * g[i];
                            variance = _s[i] - _m[i] * _m[i];
                        }
                        else
                        {
                            variance = _s[i];
                        }
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(Math.Max(variance, 0.0)) + 1e-8);
                    }
                }
            }
            """).AndRunWith("""
            var optimizer = new Switchable(centered: true);
            var w = new double[] { 1.0 };
            for (int step = 0; step < 400; step++) optimizer.Step(w, new[] { 1.1 });
            return w;
            """).ValidateAsync();

    [Fact]
    public Task A_switch_whose_centered_branch_floors_its_variance_is_silent() =>
        Test().WithSource("""
            using System;
            public class Switchable
            {
                private readonly double[] _s = new double[1], _m = new double[1];
                public bool Centered;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        double variance = _s[i];
                        if (Centered)
                        {
                            _m[i] = 0.9 * _m[i] + 0.1 * g[i];
                            variance = Math.Max(_s[i] - _m[i] * _m[i], 0);
                        }
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(variance) + 1e-8);
                    }
                }
            }
            """).ValidateAsync();
}
