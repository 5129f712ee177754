using System.Threading.Tasks;
using RmsProp.Analyzers.CodeFixes;
using RmsProp.Analyzers.Tests.Infrastructure;

namespace RmsProp.Analyzers.Tests.Fixes;

/// <summary>RMSP006 "Use floating-point division" for an integer-division decay; nothing for an out-of-range one.</summary>
public sealed class Rmsp006FixTests
{
    [Fact]
    public Task Array_loop_double_decay_gets_a_double_literal() =>
        Verify<Rmsp006DecayRateAnalyzer>.Fix<FloatingPointDecayFix>(
            """
            using System;
            class Optimizer
            {
                double[] s = new double[4];
                double rho = [|9 / 10|], lr = 0.01, eps = 1e-8;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / (Math.Sqrt(s[i]) + eps);
                    }
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                double[] s = new double[4];
                double rho = 9.0 / 10, lr = 0.01, eps = 1e-8;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / (Math.Sqrt(s[i]) + eps);
                    }
                }
            }
            """);

    [Fact]
    public Task Scalar_double_decay_gets_a_double_literal() =>
        Verify<Rmsp006DecayRateAnalyzer>.Fix<FloatingPointDecayFix>(
            """
            using System;
            class Optimizer
            {
                double s, w;
                double rho = [|99 / 100|], lr = 0.01, eps = 1e-8;
                public void Step(double g)
                {
                    s = rho * s + (1 - rho) * g * g;
                    w -= lr * g / (Math.Sqrt(s) + eps);
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                double s, w;
                double rho = 99.0 / 100, lr = 0.01, eps = 1e-8;
                public void Step(double g)
                {
                    s = rho * s + (1 - rho) * g * g;
                    w -= lr * g / (Math.Sqrt(s) + eps);
                }
            }
            """);

    [Fact]
    public Task Float_decay_gets_a_float_literal() =>
        Verify<Rmsp006DecayRateAnalyzer>.Fix<FloatingPointDecayFix>(
            """
            using System;
            class Optimizer
            {
                float[] s = new float[4];
                float rho = [|9 / 10|], lr = 0.01f, eps = 1e-8f;
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1f - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / (MathF.Sqrt(s[i]) + eps);
                    }
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                float[] s = new float[4];
                float rho = 9f / 10, lr = 0.01f, eps = 1e-8f;
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1f - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / (MathF.Sqrt(s[i]) + eps);
                    }
                }
            }
            """);

    [Fact]
    public Task Out_of_range_decay_gets_no_fix() =>
        FixVerify<Rmsp006DecayRateAnalyzer, FloatingPointDecayFix>.NoFix(
            """
            using System;
            class Optimizer
            {
                double[] s = new double[4];
                double rho = [|1.0|], lr = 0.01, eps = 1e-8;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / (Math.Sqrt(s[i]) + eps);
                    }
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
                decimal[] s = new decimal[4];
                decimal rho = [|9 / 10|], lr = 0.01m;
                public void Step(decimal[] w, decimal[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / ((decimal)Math.Sqrt((double)s[i]) + 1e-8m);
                    }
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                decimal[] s = new decimal[4];
                decimal rho = 9m / 10, lr = 0.01m;
                public void Step(decimal[] w, decimal[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / ((decimal)Math.Sqrt((double)s[i]) + 1e-8m);
                    }
                }
            }
            """);
}
