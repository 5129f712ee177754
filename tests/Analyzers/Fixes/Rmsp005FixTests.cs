using System.Threading.Tasks;
using RmsProp.Analyzers.CodeFixes;
using RmsProp.Analyzers.Tests.Infrastructure;

namespace RmsProp.Analyzers.Tests.Fixes;

/// <summary>RMSP005 "Compute the denominator after updating the average", and where it must not be offered.</summary>
public sealed class Rmsp005FixTests
{
    [Fact]
    public Task Array_loop_denominator_moves_after_the_update() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Fix<MoveDenominatorAfterUpdateFix>(
            """
            using System;
            class Optimizer
            {
                double[] s = new double[4];
                double rho = 0.9, lr = 0.01, eps = 1e-8;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        var denom = Math.Sqrt([|s[i]|]) + eps;
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / denom;
                    }
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                double[] s = new double[4];
                double rho = 0.9, lr = 0.01, eps = 1e-8;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        var denom = Math.Sqrt(s[i]) + eps;
                        w[i] -= lr * g[i] / denom;
                    }
                }
            }
            """);

    [Fact]
    public Task Scalar_denominator_moves_after_the_update_with_its_comment() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Fix<MoveDenominatorAfterUpdateFix>(
            """
            using System;
            class Optimizer
            {
                double s, w;
                double rho = 0.9, lr = 0.01, eps = 1e-8;
                public void Step(double g)
                {
                    // the adaptive denominator
                    double denom = Math.Sqrt([|s|]) + eps;
                    s = rho * s + (1 - rho) * g * g;
                    w -= lr * g / denom;
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                double s, w;
                double rho = 0.9, lr = 0.01, eps = 1e-8;
                public void Step(double g)
                {
                    s = rho * s + (1 - rho) * g * g;
                    // the adaptive denominator
                    double denom = Math.Sqrt(s) + eps;
                    w -= lr * g / denom;
                }
            }
            """);

    [Fact]
    public Task Float_denominator_moves_after_the_update() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Fix<MoveDenominatorAfterUpdateFix>(
            """
            using System;
            class Optimizer
            {
                float[] s = new float[4];
                float rho = 0.9f, lr = 0.01f, eps = 1e-8f;
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        float denom = MathF.Sqrt([|s[i]|]) + eps;
                        s[i] = rho * s[i] + (1f - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / denom;
                    }
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                float[] s = new float[4];
                float rho = 0.9f, lr = 0.01f, eps = 1e-8f;
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1f - rho) * g[i] * g[i];
                        float denom = MathF.Sqrt(s[i]) + eps;
                        w[i] -= lr * g[i] / denom;
                    }
                }
            }
            """);

    [Fact]
    public Task Weight_update_statement_moves_after_the_update() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Fix<MoveDenominatorAfterUpdateFix>(
            """
            using System;
            class Optimizer
            {
                double[] s = new double[4];
                double rho = 0.9, lr = 0.01, eps = 1e-8;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        w[i] -= lr * g[i] / (Math.Sqrt([|s[i]|]) + eps);
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                    }
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                double[] s = new double[4];
                double rho = 0.9, lr = 0.01, eps = 1e-8;
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
    public Task No_fix_when_the_denominator_is_used_before_the_update() =>
        FixVerify<Rmsp005StaleAverageAnalyzer, MoveDenominatorAfterUpdateFix>.NoFix(
            """
            using System;
            class Optimizer
            {
                double[] s = new double[4];
                double rho = 0.9, lr = 0.01, eps = 1e-8;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        var denom = Math.Sqrt([|s[i]|]) + eps;
                        var step = lr * g[i] / denom;
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= step;
                    }
                }
            }
            """);

    [Fact]
    public Task No_fix_when_the_update_is_in_another_block() =>
        FixVerify<Rmsp005StaleAverageAnalyzer, MoveDenominatorAfterUpdateFix>.NoFix(
            """
            using System;
            class Optimizer
            {
                double[] s = new double[4];
                double rho = 0.9, lr = 0.01, eps = 1e-8;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        var denom = Math.Sqrt([|s[i]|]) + eps;
                        if (g[i] != 0)
                        {
                            s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        }

                        w[i] -= lr * g[i] / denom;
                    }
                }
            }
            """);
}
