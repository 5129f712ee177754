using System.Threading.Tasks;
using RmsProp.Analyzers.CodeFixes;
using RmsProp.Analyzers.Tests.Infrastructure;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>RMSP006's fix: integer division becomes floating-point division of the decay's own type.</summary>
public sealed class Rmsp006FixTests
{
    [Fact]
    public Task Double_local_decay() =>
        Verify<Rmsp006DecayRateAnalyzer>.Fix<FloatingPointDecayFix>(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g)
                {
                    double rho = [|9 / 10|];
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = rho * _s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g)
                {
                    double rho = 9.0 / 10;
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = rho * _s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """);

    [Fact]
    public Task Float_field_decay() =>
        Verify<Rmsp006DecayRateAnalyzer>.Fix<FloatingPointDecayFix>(
            """
            using System;
            class Optimizer
            {
                private readonly float _decay = [|99 / 100|];
                private float _s, _w;
                public void Step(float g)
                {
                    _s += (1 - _decay) * (g * g - _s);
                    _w -= 0.01f * g / MathF.Sqrt(_s + 1e-8f);
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                private readonly float _decay = 99f / 100;
                private float _s, _w;
                public void Step(float g)
                {
                    _s += (1 - _decay) * (g * g - _s);
                    _w -= 0.01f * g / MathF.Sqrt(_s + 1e-8f);
                }
            }
            """);

    [Fact]
    public Task Decimal_decay_gets_a_decimal_literal() =>
        Verify<Rmsp006DecayRateAnalyzer>.Fix<FloatingPointDecayFix>(
            """
            using System;
            class Optimizer
            {
                private readonly decimal[] _s = new decimal[4];
                private readonly decimal _rho = [|9 / 10|];
                public void Step(decimal[] w, decimal[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = _rho * _s[i] + (1 - _rho) * g[i] * g[i];
                        w[i] -= 0.01m * g[i] / ((decimal)Math.Sqrt((double)_s[i]) + 1e-8m);
                    }
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                private readonly decimal[] _s = new decimal[4];
                private readonly decimal _rho = 9m / 10;
                public void Step(decimal[] w, decimal[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = _rho * _s[i] + (1 - _rho) * g[i] * g[i];
                        w[i] -= 0.01m * g[i] / ((decimal)Math.Sqrt((double)_s[i]) + 1e-8m);
                    }
                }
            }
            """);

    [Fact]
    public Task Default_parameter_decay() =>
        Verify<Rmsp006DecayRateAnalyzer>.Fix<FloatingPointDecayFix>(
            """
            using System;
            static class Kernel
            {
                public static void Step(double[] w, double[] g, double[] s, double beta2 = [|999 / 1000|])
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = beta2 * s[i] + (1 - beta2) * g[i] * g[i];
                        w[i] -= 0.001 * g[i] / (Math.Sqrt(s[i]) + 1e-8);
                    }
                }
            }
            """,
            """
            using System;
            static class Kernel
            {
                public static void Step(double[] w, double[] g, double[] s, double beta2 = 999.0 / 1000)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = beta2 * s[i] + (1 - beta2) * g[i] * g[i];
                        w[i] -= 0.001 * g[i] / (Math.Sqrt(s[i]) + 1e-8);
                    }
                }
            }
            """);

    [Fact]
    public Task Out_of_range_constant_gets_no_fix() =>
        Verify<Rmsp006DecayRateAnalyzer>.Fix<FloatingPointDecayFix>(
            """
            using System;
            class Optimizer
            {
                private const double Rho = [|1.0|];
                private double _s, _w;
                public void Step(double g)
                {
                    _s = Rho * _s + (1 - Rho) * g * g;
                    _w -= 0.01 * g / (Math.Sqrt(_s) + 1e-8);
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                private const double Rho = [|1.0|];
                private double _s, _w;
                public void Step(double g)
                {
                    _s = Rho * _s + (1 - Rho) * g * g;
                    _w -= 0.01 * g / (Math.Sqrt(_s) + 1e-8);
                }
            }
            """);
}
