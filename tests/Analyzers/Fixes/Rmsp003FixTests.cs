using System.Threading.Tasks;
using RmsProp.Analyzers.CodeFixes;
using RmsProp.Analyzers.Tests.Infrastructure;

namespace RmsProp.Analyzers.Tests.Fixes;

/// <summary>RMSP003: the weights go back to rho on the old average and 1 - rho on the new term.</summary>
public sealed class Rmsp003FixTests
{
    [Fact]
    public Task Swapped_array_loop_weights_are_swapped_back() =>
        Verify<Rmsp003SwappedWeightsAnalyzer>.Fix<SwapDecayWeightsFix>(
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
                        s[i] = [|(1 - rho) * s[i] + rho * g[i] * g[i]|];
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
    public Task Swapped_scalar_weights_are_swapped_back() =>
        Verify<Rmsp003SwappedWeightsAnalyzer>.Fix<SwapDecayWeightsFix>(
            """
            using System;
            class Optimizer
            {
                double s, w;
                double rho = 0.9, lr = 0.01, eps = 1e-8;
                public void Step(double g)
                {
                    s = [|(1 - rho) * s + rho * g * g|];
                    w -= lr * g / (Math.Sqrt(s) + eps);
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
                    w -= lr * g / (Math.Sqrt(s) + eps);
                }
            }
            """);

    [Fact]
    public Task Swapped_float_weights_are_swapped_back() =>
        Verify<Rmsp003SwappedWeightsAnalyzer>.Fix<SwapDecayWeightsFix>(
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
                        s[i] = [|(1f - rho) * s[i] + rho * g[i] * g[i]|];
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
                float rho = 0.9f, lr = 0.01f, eps = 1e-8f;
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
    public Task Same_weight_rho_on_both_terms_gives_the_new_term_its_complement() =>
        Verify<Rmsp003SwappedWeightsAnalyzer>.Fix<SwapDecayWeightsFix>(
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
                        s[i] = [|rho * s[i] + rho * g[i] * g[i]|];
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
    public Task Same_weight_one_minus_rho_on_both_terms_gives_the_old_average_rho() =>
        Verify<Rmsp003SwappedWeightsAnalyzer>.Fix<SwapDecayWeightsFix>(
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
                        s[i] = [|(1 - rho) * s[i] + (1 - rho) * g[i] * g[i]|];
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
    public Task Lerp_with_rho_as_the_step_gets_its_complement() =>
        Verify<Rmsp003SwappedWeightsAnalyzer>.Fix<SwapDecayWeightsFix>(
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
                        s[i] += [|rho * (g[i] * g[i] - s[i])|];
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
                double rho = 0.9, lr = 0.01, eps = 1e-8;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] += (1 - rho) * (g[i] * g[i] - s[i]);
                        w[i] -= lr * g[i] / (Math.Sqrt(s[i]) + eps);
                    }
                }
            }
            """);
}
