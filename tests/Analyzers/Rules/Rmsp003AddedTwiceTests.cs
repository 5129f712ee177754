using System.Threading.Tasks;
using RmsProp.Analyzers.CodeFixes;
using RmsProp.Analyzers.Tests.Infrastructure;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>
/// RMSP003 in two statements: the square is added to the average and then averaged in again, so the new term's
/// weight is 1 (the shape of a real optimizer found in the field test).
/// </summary>
public sealed class Rmsp003AddedTwiceTests
{
    [Fact]
    public Task Square_added_before_the_average_update() =>
        Verify<Rmsp003SwappedWeightsAnalyzer>.Diagnostics(
            """
            using System;
            class RmsPropUpdate
            {
                private const double DecayRate = 0.95, Eps = 1e-6;
                private readonly double[] _cache = new double[8];
                public void Update(double[] gradients, double[] weights, double learningRate)
                {
                    for (int i = 0; i < weights.Length; i++)
                    {
                        [|_cache[i] += gradients[i] * gradients[i]|];
                        _cache[i] = DecayRate * _cache[i] + (1 - DecayRate) * gradients[i] * gradients[i];
                        weights[i] += learningRate * gradients[i] / (Math.Sqrt(_cache[i]) + Eps);
                    }
                }
            }
            """);

    [Fact]
    public Task Square_added_before_a_lerp_update_of_a_scalar() =>
        Verify<Rmsp003SwappedWeightsAnalyzer>.Diagnostics(
            """
            using System;
            class Scalar
            {
                private float _s, _w;
                public void Step(float g, float rho)
                {
                    [|_s += MathF.Pow(g, 2)|];
                    _s += (1 - rho) * (g * g - _s);
                    _w -= 0.01f * g / (MathF.Sqrt(_s) + 1e-8f);
                }
            }
            """);

    [Fact]
    public Task Sum_and_average_of_different_storages_or_passes_are_left_alone() =>
        Verify<Rmsp003SwappedWeightsAnalyzer>.Diagnostics(
            """
            using System;
            class Mixed
            {
                private readonly double[] _sum = new double[8], _mean = new double[8];
                public void Step(double[] w, double[] g, bool adaGrad)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _sum[i] += g[i] * g[i];
                        _mean[i] = 0.9 * _mean[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(adaGrad ? _sum[i] : _mean[i]) + 1e-8);
                    }
                }

                public void Warmup(double[] g)
                {
                    for (int i = 0; i < g.Length; i++)
                        _mean[i] += g[i] * g[i];
                }
            }
            """);

    [Fact]
    public Task Sum_in_one_branch_and_average_in_another_are_left_alone() =>
        Verify<Rmsp003SwappedWeightsAnalyzer>.Diagnostics(
            """
            using System;
            class Switching
            {
                private readonly double[] _state = new double[8];
                public void Step(double[] w, double[] g, bool adaGrad)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        if (adaGrad)
                            _state[i] += g[i] * g[i];
                        else
                            _state[i] = 0.9 * _state[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_state[i]) + 1e-8);
                    }
                }
            }
            """);

    [Fact]
    public Task Fix_removes_the_extra_addition() =>
        Verify<Rmsp003SwappedWeightsAnalyzer>.Fix<SwapDecayWeightsFix>(
            """
            using System;
            class RmsPropUpdate
            {
                private const double DecayRate = 0.95, Eps = 1e-6;
                private readonly double[] _cache = new double[8];
                public void Update(double[] gradients, double[] weights, double learningRate)
                {
                    for (int i = 0; i < weights.Length; i++)
                    {
                        [|_cache[i] += gradients[i] * gradients[i]|];
                        _cache[i] = DecayRate * _cache[i] + (1 - DecayRate) * gradients[i] * gradients[i];
                        weights[i] += learningRate * gradients[i] / (Math.Sqrt(_cache[i]) + Eps);
                    }
                }
            }
            """,
            """
            using System;
            class RmsPropUpdate
            {
                private const double DecayRate = 0.95, Eps = 1e-6;
                private readonly double[] _cache = new double[8];
                public void Update(double[] gradients, double[] weights, double learningRate)
                {
                    for (int i = 0; i < weights.Length; i++)
                    {
                        _cache[i] = DecayRate * _cache[i] + (1 - DecayRate) * gradients[i] * gradients[i];
                        weights[i] += learningRate * gradients[i] / (Math.Sqrt(_cache[i]) + Eps);
                    }
                }
            }
            """);
}
