using System.Threading.Tasks;
using RmsProp.Analyzers.CodeFixes;
using RmsProp.Analyzers.Tests.Infrastructure;

namespace RmsProp.Analyzers.Tests.Fixes;

/// <summary>RMSP002 "Add epsilon": reuse an epsilon in scope, or introduce a typed constant.</summary>
public sealed class Rmsp002FixTests
{
    [Fact]
    public Task Array_loop_reuses_the_eps_field() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Fix<AddEpsilonFix>(
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
                        w[i] -= lr * g[i] / [|Math.Sqrt(s[i])|];
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
    public Task Array_loop_without_an_epsilon_gets_a_double_constant() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Fix<AddEpsilonFix>(
            """
            using System;
            class Optimizer
            {
                double[] s = new double[4];
                double rho = 0.9, lr = 0.01;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / [|Math.Sqrt(s[i])|];
                    }
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                private const double Epsilon = 1e-8;

                double[] s = new double[4];
                double rho = 0.9, lr = 0.01;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / (Math.Sqrt(s[i]) + Epsilon);
                    }
                }
            }
            """);

    [Fact]
    public Task Scalar_local_denominator_reuses_an_epsilon_parameter_without_extra_parentheses() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Fix<AddEpsilonFix>(
            """
            using System;
            class Optimizer
            {
                double s, w;
                double rho = 0.9, lr = 0.01;
                public void Step(double g, double epsilon)
                {
                    s = rho * s + (1 - rho) * g * g;
                    var d = [|Math.Sqrt(s)|];
                    w -= lr * g / d;
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                double s, w;
                double rho = 0.9, lr = 0.01;
                public void Step(double g, double epsilon)
                {
                    s = rho * s + (1 - rho) * g * g;
                    var d = Math.Sqrt(s) + epsilon;
                    w -= lr * g / d;
                }
            }
            """);

    [Fact]
    public Task MathF_without_an_epsilon_gets_a_float_constant() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Fix<AddEpsilonFix>(
            """
            using System;
            class Optimizer
            {
                float[] s = new float[4];
                float rho = 0.9f, lr = 0.01f;
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1f - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / [|MathF.Sqrt(s[i])|];
                    }
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                private const float Epsilon = 1e-8f;

                float[] s = new float[4];
                float rho = 0.9f, lr = 0.01f;
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1f - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / (MathF.Sqrt(s[i]) + Epsilon);
                    }
                }
            }
            """);

    [Fact]
    public Task MathF_reuses_a_float_field_named_like_an_epsilon() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Fix<AddEpsilonFix>(
            """
            using System;
            class Optimizer
            {
                float[] s = new float[4];
                float rho = 0.9f, lr = 0.01f, m_epsilon = 1e-7f;
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1f - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / [|MathF.Sqrt(s[i])|];
                    }
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                float[] s = new float[4];
                float rho = 0.9f, lr = 0.01f, m_epsilon = 1e-7f;
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1f - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / (MathF.Sqrt(s[i]) + m_epsilon);
                    }
                }
            }
            """);

    [Fact]
    public Task Fix_all_introduces_one_constant_for_two_roots() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Fix<AddEpsilonFix>(
            """
            using System;
            class Optimizer
            {
                double[] s = new double[4], b = new double[4];
                double rho = 0.9, lr = 0.01;
                public void Step(double[] w, double[] g, double[] v, double[] h)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / [|Math.Sqrt(s[i])|];
                        b[i] = rho * b[i] + (1 - rho) * h[i] * h[i];
                        v[i] -= lr * h[i] / [|Math.Sqrt(b[i])|];
                    }
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                private const double Epsilon = 1e-8;

                double[] s = new double[4], b = new double[4];
                double rho = 0.9, lr = 0.01;
                public void Step(double[] w, double[] g, double[] v, double[] h)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / (Math.Sqrt(s[i]) + Epsilon);
                        b[i] = rho * b[i] + (1 - rho) * h[i] * h[i];
                        v[i] -= lr * h[i] / (Math.Sqrt(b[i]) + Epsilon);
                    }
                }
            }
            """);

    [Fact]
    public Task Non_floating_Epsilon_member_makes_the_constant_Epsilon1() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Fix<AddEpsilonFix>(
            """
            using System;
            class Optimizer
            {
                const string Epsilon = "none";
                double[] s = new double[4];
                double rho = 0.9, lr = 0.01;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / [|Math.Sqrt(s[i])|];
                    }
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                private const double Epsilon1 = 1e-8;

                const string Epsilon = "none";
                double[] s = new double[4];
                double rho = 0.9, lr = 0.01;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / (Math.Sqrt(s[i]) + Epsilon1);
                    }
                }
            }
            """);

    [Fact]
    public Task Documented_first_member_keeps_its_comment() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Fix<AddEpsilonFix>(
            """
            using System;
            class Optimizer
            {
                // The running average of g^2.
                double[] s = new double[4];
                double rho = 0.9, lr = 0.01;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / [|Math.Sqrt(s[i])|];
                    }
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                private const double Epsilon = 1e-8;

                // The running average of g^2.
                double[] s = new double[4];
                double rho = 0.9, lr = 0.01;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= lr * g[i] / (Math.Sqrt(s[i]) + Epsilon);
                    }
                }
            }
            """);

    [Fact]
    public Task Epsilon_local_declared_after_the_root_is_not_reused() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Fix<AddEpsilonFix>(
            """
            using System;
            class Optimizer
            {
                double s, w;
                double rho = 0.9, lr = 0.01;
                public void Step(double g)
                {
                    s = rho * s + (1 - rho) * g * g;
                    w -= lr * g / [|Math.Sqrt(s)|];
                    double eps = 1e-8;
                    Console.WriteLine(eps);
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                private const double Epsilon = 1e-8;

                double s, w;
                double rho = 0.9, lr = 0.01;
                public void Step(double g)
                {
                    s = rho * s + (1 - rho) * g * g;
                    w -= lr * g / (Math.Sqrt(s) + Epsilon);
                    double eps = 1e-8;
                    Console.WriteLine(eps);
                }
            }
            """);

    [Fact]
    public Task Instance_epsilon_is_not_reused_in_a_static_step() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Fix<AddEpsilonFix>(
            """
            using System;
            class Optimizer
            {
                double eps = 1e-8;
                public static void Step(double[] s, double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = 0.9 * s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / [|Math.Sqrt(s[i])|];
                    }
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                private const double Epsilon = 1e-8;

                double eps = 1e-8;
                public static void Step(double[] s, double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = 0.9 * s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(s[i]) + Epsilon);
                    }
                }
            }
            """);

    [Fact]
    public Task Vector_root_gets_no_fix() =>
        FixVerify<Rmsp002MissingEpsilonAnalyzer, AddEpsilonFix>.NoFix(
            """
            using System;
            using System.Numerics;
            class Optimizer
            {
                Vector<double> s;
                double rho = 0.9, lr = 0.01;
                public Vector<double> Step(Vector<double> w, Vector<double> g)
                {
                    s = rho * s + (1 - rho) * g * g;
                    return w - lr * g / [|Vector.SquareRoot(s)|];
                }
            }
            """);
}
