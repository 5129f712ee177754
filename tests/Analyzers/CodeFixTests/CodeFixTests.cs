using System.Threading.Tasks;
using RmsProp.Analyzers.CodeFixes;
using RmsProp.Analyzers.Tests.Infrastructure;

namespace RmsProp.Analyzers.Tests.CodeFixTests;

/// <summary>Each code fix, with the exact text it writes.</summary>
public sealed class CodeFixTests
{
    [Fact]
    public Task Rmsp001_squares_an_array_element_gradient() =>
        Verify<Rmsp001RawGradientAnalyzer>.Fix<SquareTheGradientFix>(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[4];
                private readonly double _rho = 0.9, _lr = 0.01, _eps = 1e-8;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = _rho * _s[i] + (1 - _rho) * [|g[i]|];
                        w[i] -= _lr * g[i] / (Math.Sqrt(_s[i]) + _eps);
                    }
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[4];
                private readonly double _rho = 0.9, _lr = 0.01, _eps = 1e-8;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = _rho * _s[i] + (1 - _rho) * g[i] * g[i];
                        w[i] -= _lr * g[i] / (Math.Sqrt(_s[i]) + _eps);
                    }
                }
            }
            """);

    [Fact]
    public Task Rmsp001_squares_a_scalar_gradient_in_the_lerp_form() =>
        Verify<Rmsp001RawGradientAnalyzer>.Fix<SquareTheGradientFix>(
            """
            using System;
            class Scalar
            {
                double s, w = 3;
                public void Step(double g)
                {
                    s += 0.1 * ([|g|] - s);
                    w -= 0.05 * g / Math.Sqrt(s + 1e-8);
                }
            }
            """,
            """
            using System;
            class Scalar
            {
                double s, w = 3;
                public void Step(double g)
                {
                    s += 0.1 * (g * g - s);
                    w -= 0.05 * g / Math.Sqrt(s + 1e-8);
                }
            }
            """);

    [Fact]
    public Task Rmsp002_reuses_the_epsilon_field_in_scope() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Fix<AddEpsilonFix>(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[4];
                private readonly double _eps = 1e-8;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / [|Math.Sqrt(_s[i])|];
                    }
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[4];
                private readonly double _eps = 1e-8;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + _eps);
                    }
                }
            }
            """);

    [Fact]
    public Task Rmsp002_introduces_a_float_constant_when_no_epsilon_is_in_scope() =>
        Verify<Rmsp002MissingEpsilonAnalyzer>.Fix<AddEpsilonFix>(
            """
            using System;
            class Optimizer
            {
                private readonly float[] _s = new float[4];

                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9f * _s[i] + 0.1f * g[i] * g[i];
                        float denominator = [|MathF.Sqrt(_s[i])|];
                        w[i] -= 0.01f * g[i] / denominator;
                    }
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                private const float Epsilon = 1e-8f;

                private readonly float[] _s = new float[4];

                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9f * _s[i] + 0.1f * g[i] * g[i];
                        float denominator = MathF.Sqrt(_s[i]) + Epsilon;
                        w[i] -= 0.01f * g[i] / denominator;
                    }
                }
            }
            """);

    [Fact]
    public Task Rmsp003_swaps_the_weights_back() =>
        Verify<Rmsp003SwappedWeightsAnalyzer>.Fix<SwapDecayWeightsFix>(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[4];
                private readonly double rho = 0.9;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = [|(1 - rho) * _s[i] + rho * g[i] * g[i]|];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[4];
                private readonly double rho = 0.9;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = rho * _s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """);

    [Fact]
    public Task Rmsp003_gives_the_new_term_its_complement_when_both_terms_share_rho() =>
        Verify<Rmsp003SwappedWeightsAnalyzer>.Fix<SwapDecayWeightsFix>(
            """
            using System;
            class Optimizer
            {
                double s, w;
                const double Rho = 0.9;
                public void Step(double g)
                {
                    s = [|Rho * s + Rho * g * g|];
                    w -= 0.01 * g / (Math.Sqrt(s) + 1e-8);
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                double s, w;
                const double Rho = 0.9;
                public void Step(double g)
                {
                    s = Rho * s + (1 - Rho) * g * g;
                    w -= 0.01 * g / (Math.Sqrt(s) + 1e-8);
                }
            }
            """);

    [Fact]
    public Task Rmsp003_repairs_a_swapped_lerp() =>
        Verify<Rmsp003SwappedWeightsAnalyzer>.Fix<SwapDecayWeightsFix>(
            """
            using System;
            class Optimizer
            {
                double s, w;
                double decay = 0.99;
                public void Step(double g)
                {
                    s += [|decay * (g * g - s)|];
                    w -= 0.01 * g / Math.Sqrt(s + 1e-8);
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                double s, w;
                double decay = 0.99;
                public void Step(double g)
                {
                    s += (1 - decay) * (g * g - s);
                    w -= 0.01 * g / Math.Sqrt(s + 1e-8);
                }
            }
            """);

    [Fact]
    public Task Rmsp005_moves_the_denominator_after_the_update() =>
        Verify<Rmsp005StaleAverageAnalyzer>.Fix<MoveDenominatorAfterUpdateFix>(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[4];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        double denominator = Math.Sqrt([|_s[i]|]) + 1e-8;
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / denominator;
                    }
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[4];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        double denominator = Math.Sqrt(_s[i]) + 1e-8;
                        w[i] -= 0.01 * g[i] / denominator;
                    }
                }
            }
            """);

    [Fact]
    public Task Rmsp006_makes_an_integer_division_floating_point() =>
        Verify<Rmsp006DecayRateAnalyzer>.Fix<FloatingPointDecayFix>(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[4];
                private readonly double _rho = [|9 / 10|];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = _rho * _s[i] + (1 - _rho) * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[4];
                private readonly double _rho = 9.0 / 10;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = _rho * _s[i] + (1 - _rho) * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """);

    [Fact]
    public Task Rmsp006_writes_a_float_literal_for_a_float_decay() =>
        Verify<Rmsp006DecayRateAnalyzer>.Fix<FloatingPointDecayFix>(
            """
            using System;
            class Optimizer
            {
                private readonly float[] _s = new float[4];
                private readonly float _rho = [|99 / 100|];
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = _rho * _s[i] + (1 - _rho) * g[i] * g[i];
                        w[i] -= 0.01f * g[i] / (MathF.Sqrt(_s[i]) + 1e-8f);
                    }
                }
            }
            """,
            """
            using System;
            class Optimizer
            {
                private readonly float[] _s = new float[4];
                private readonly float _rho = 99f / 100;
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = _rho * _s[i] + (1 - _rho) * g[i] * g[i];
                        w[i] -= 0.01f * g[i] / (MathF.Sqrt(_s[i]) + 1e-8f);
                    }
                }
            }
            """);
}
