using System.Threading.Tasks;
using RmsProp.Analyzers.CodeFixes;
using RmsProp.Analyzers.Tests.Infrastructure;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>RMSP002's fix on the shapes the rule reaches through helpers and static code, with the exact text it writes.</summary>
public sealed class Rmsp002FixTests
{
    [Fact]
    public Task Static_epsilon_is_reused_from_a_static_method() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Fix<AddEpsilonFix>(
            """
            using System;
            static class Kernel
            {
                private static readonly double Eps = 1e-7;
                public static double Step(double w, ref double s, double g)
                {
                    s = 0.99 * s + 0.01 * g * g;
                    return w - 0.01 * g / [|Math.Sqrt(s)|];
                }
            }
            """,
            """
            using System;
            static class Kernel
            {
                private static readonly double Eps = 1e-7;
                public static double Step(double w, ref double s, double g)
                {
                    s = 0.99 * s + 0.01 * g * g;
                    return w - 0.01 * g / (Math.Sqrt(s) + Eps);
                }
            }
            """);

    [Fact]
    public Task Root_returned_by_a_helper_gets_the_epsilon_in_the_helper() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Fix<AddEpsilonFix>(
            """
            using System;
            class Optimizer
            {
                private readonly float[] _s = new float[8];
                private static float Denominator(float meanSquare) => [|MathF.Sqrt(meanSquare)|];
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9f * _s[i] + 0.1f * g[i] * g[i];
                        w[i] -= 0.01f * g[i] / Denominator(_s[i]);
                    }
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                private const float Epsilon = 1e-8f;

                private readonly float[] _s = new float[8];
                private static float Denominator(float meanSquare) => MathF.Sqrt(meanSquare) + Epsilon;
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9f * _s[i] + 0.1f * g[i] * g[i];
                        w[i] -= 0.01f * g[i] / Denominator(_s[i]);
                    }
                }
            }
            """);
}
