using System.Threading.Tasks;
using RmsProp.Analyzers.CodeFixes;
using RmsProp.Analyzers.Tests.Harness;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>RMSP003: the decay weights are swapped, or one weight multiplies both terms; the diagnostics and the fix, whose output must compile and run (see <see cref="AnalyzerTest"/>).</summary>
public sealed class Rmsp003Tests
{
    private static AnalyzerTest CreateTest() =>
        new AnalyzerTest().ShouldReportRule(Rmsp003SwappedWeights.Descriptor).WithCodeFix<Rmsp003SwappedWeightsFix>();

    // ---- flagged --------------------------------------------------------------------------------------------

    [Fact]
    public Task Array_loop_with_swapped_rho() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                private readonly double _rho = 0.9;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = [|(1 - _rho) * _s[i] + _rho * g[i] * g[i]|];
                        w[i] -= 0.01 * g[i] / Math.Sqrt(_s[i] + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Same_weight_on_both_terms() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Scalar
            {
                private double _s, _w;
                public void Step(double g, double decay)
                {
                    _s = [|decay * _s + decay * g * g|];
                    _w -= 0.01 * g / (Math.Sqrt(_s) + 1e-8);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Literal_weights_reversed_with_the_new_term_first() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly float[] _s = new float[8];
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = [|0.9f * MathF.Pow(g[i], 2) + 0.1f * _s[i]|];
                        w[i] -= 0.01f * g[i] / (MathF.Sqrt(_s[i]) + 1e-8f);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Lerp_form_steps_by_rho() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Scalar
            {
                private double _s, _w;
                private const double Rho = 0.95;
                public void Step(double g)
                {
                    _s += [|Rho * (g * g - _s)|];
                    _w -= 0.01 * g / Math.Sqrt(_s + 1e-8);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Jagged_layers_put_one_minus_beta_on_both_terms() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Network
            {
                private readonly double[][] _v = { new double[4], new double[2] };
                public void Step(double[][] weights, double[][] grads, double beta2 = 0.999)
                {
                    for (int l = 0; l < weights.Length; l++)
                        for (int i = 0; i < weights[l].Length; i++)
                        {
                            _v[l][i] = [|(1 - beta2) * _v[l][i] + (1 - beta2) * grads[l][i] * grads[l][i]|];
                            weights[l][i] -= 0.001 * grads[l][i] / (Math.Sqrt(_v[l][i]) + 1e-8);
                        }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Record_with_expression() =>
        CreateTest()
            .WithSource(
            """
            using System;
            record State(double W, double S);
            static class Trainer
            {
                public static State Step(State st, double g, double rho = 0.9)
                {
                    var next = st with { S = [|(1 - rho) * st.S + rho * g * g|] };
                    return next with { W = next.W - 0.01 * g / (Math.Sqrt(next.S) + 1e-8) };
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Tuple_assignment_of_adam_moments() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Adam
            {
                private double _m, _v, _w;
                private readonly double _beta1 = 0.9, _beta2 = 0.999;
                public void Step(double g)
                {
                    (_m, _v) = (_beta1 * _m + (1 - _beta1) * g, [|(1 - _beta2) * _v + _beta2 * g * g|]);
                    _w -= 0.001 * _m / (Math.Sqrt(_v) + 1e-8);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Helper_method_and_linq_zip() =>
        CreateTest()
            .WithSource(
            """
            using System;
            using System.Linq;
            class Optimizer
            {
                private double[] _s = new double[4], _t = new double[4];
                private const double Rho = 0.9;
                private static double Ema(double average, double value) => (1 - Rho) * average + Rho * value;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = [|Ema(_s[i], g[i] * g[i])|];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                    _t = _t.Zip(g, (ti, gi) => [|0.1 * ti + 0.9 * gi * gi|]).ToArray();
                    for (int i = 0; i < w.Length; i++)
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_t[i]) + 1e-8);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Adam_first_moment_swapped_in_the_step() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Adam
            {
                private readonly double[] _m = new double[8], _v = new double[8];
                public void Step(double[] w, double[] g, double beta1 = 0.9, double beta2 = 0.999)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _m[i] = [|(1 - beta1) * _m[i] + beta1 * g[i]|];
                        _v[i] = beta2 * _v[i] + (1 - beta2) * g[i] * g[i];
                        w[i] -= 0.001 * _m[i] / (Math.Sqrt(_v[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Notebook_beta_on_the_new_term() =>
        CreateTest()
            .WithSource(
            """
            using System;
            static class NotebookPort
            {
                // up_gradient = beta * gradient ** 2 + (1 - beta) * ...: beta weighs the new term.
                public static double[] RmsProp(double[] parameters, double lr = 0.001, double beta = 0.9, int epochs = 100, double epsilon = 1e-7)
                {
                    var updatedGradient = new double[parameters.Length];
                    for (int epoch = 0; epoch < epochs; epoch++)
                        for (int j = 0; j < parameters.Length; j++)
                        {
                            double gradient = parameters[j] * 2;
                            updatedGradient[j] = [|beta * Math.Pow(gradient, 2) + (1 - beta) * updatedGradient[j]|];
                            parameters[j] -= lr / Math.Sqrt(updatedGradient[j] + epsilon) * gradient;
                        }
                    return parameters;
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Jagged_layers_with_swapped_weights() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Network
            {
                private readonly double[][] _cache;
                private const double Decay = 0.9;
                public Network(int[] sizes)
                {
                    _cache = new double[sizes.Length][];
                    for (int l = 0; l < sizes.Length; l++) _cache[l] = new double[sizes[l]];
                }
                public void Update(double[][] weights, double[][] grads)
                {
                    for (int l = 0; l < weights.Length; l++)
                        for (int j = 0; j < weights[l].Length; j++)
                        {
                            _cache[l][j] = [|(1 - Decay) * _cache[l][j] + Decay * grads[l][j] * grads[l][j]|];
                            weights[l][j] -= 0.001 * grads[l][j] / (Math.Sqrt(_cache[l][j]) + 1e-6);
                        }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Numeric_weights_swapped() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private double _s, _w;
                public void Step(double g)
                {
                    _s = [|0.1 * _s + 0.9 * g * g|];
                    _w -= 0.01 * g / Math.Sqrt(_s + 1e-8);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Float_MathF_pow_with_swapped_weights() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class FloatRmsProp
            {
                private readonly float[] _cache = new float[8];
                private readonly float _decay = 0.9f;
                public void Apply(float[] parameters, float[] grad)
                {
                    for (int i = 0; i < parameters.Length; i++)
                    {
                        _cache[i] = [|(1f - _decay) * _cache[i] + _decay * MathF.Pow(grad[i], 2)|];
                        parameters[i] -= 1e-3f * grad[i] / (MathF.Sqrt(_cache[i]) + 1e-7f);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Span_kernel_swapped() =>
        CreateTest()
            .WithSource(
            """
            using System;
            static class Kernel
            {
                public static void Step(Span<float> w, ReadOnlySpan<float> g, Span<float> s, float rho)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = [|(1 - rho) * s[i] + rho * g[i] * g[i]|];
                        w[i] -= 0.01f * g[i] / (MathF.Sqrt(s[i]) + 1e-8f);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Adam_second_moment_swapped() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Adam
            {
                private readonly double[] _m = new double[8], _v = new double[8];
                private readonly double _beta1 = 0.9, _beta2 = 0.999;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _m[i] = _beta1 * _m[i] + (1 - _beta1) * g[i];
                        _v[i] = [|(1 - _beta2) * _v[i] + _beta2 * g[i] * g[i]|];
                        w[i] -= 0.001 * _m[i] / (Math.Sqrt(_v[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    // ---- silent ---------------------------------------------------------------------------------------------

    [Fact]
    public Task Correct_weights_in_either_order() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8], _t = new double[8];
                private readonly double _rho = 0.9;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = _rho * _s[i] + (1 - _rho) * g[i] * g[i];
                        _t[i] = (1 - _rho) * g[i] * g[i] + _rho * _t[i];
                        w[i] -= 0.01 * g[i] / Math.Sqrt(_s[i] + _t[i] + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Correct_lerp_forms() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Scalar
            {
                private double _s, _v, _w;
                public void Step(double g, double rho)
                {
                    _s += (1 - rho) * (g * g - _s);
                    _v -= 0.001 * (_v - g * g);
                    _w -= 0.01 * g / Math.Sqrt(_s + _v + 1e-8);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Smoothing_factor_alpha_weighs_the_new_term_by_convention() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                private readonly double _alpha = 0.1;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = (1 - _alpha) * _s[i] + _alpha * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Price_ema_with_the_smoothing_factor_on_the_new_price() =>
        CreateTest()
            .WithSource(
            """
            class Ticker
            {
                private double _ema;
                private readonly double _decay = 0.9;
                public double OnPrice(double price)
                {
                    _ema = (1 - _decay) * _ema + _decay * price;
                    return _ema;
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Equal_halves_are_a_plain_mean() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private double _s, _w;
                public void Step(double g)
                {
                    _s = 0.5 * _s + 0.5 * g * g;
                    _w -= 0.01 * g / (Math.Sqrt(_s) + 1e-8);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Momentum_sgd_has_no_weight_on_the_gradient() =>
        CreateTest()
            .WithSource(
            """
            class Momentum
            {
                private readonly double[] _v = new double[8];
                public void Step(double[] w, double[] g, double mu = 0.9)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _v[i] = mu * _v[i] + g[i];
                        w[i] -= 0.01 * _v[i];
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Correct_adam_in_record_with_and_tuple() =>
        CreateTest()
            .WithSource(
            """
            using System;
            record Moments(double M, double V, double W);
            static class Adam
            {
                public static Moments Step(Moments st, double g, double beta1 = 0.9, double beta2 = 0.999)
                {
                    var (m, v) = (beta1 * st.M + (1 - beta1) * g, beta2 * st.V + (1 - beta2) * g * g);
                    var next = st with { M = m, V = v };
                    return next with { W = next.W - 0.001 * next.M / (Math.Sqrt(next.V) + 1e-8) };
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Audio_level_meter_with_attack_coefficient_outside_an_optimizer() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class LevelMeter
            {
                private float _meanSquare;
                private const float Attack = 0.99f;
                public float Process(float sample)
                {
                    _meanSquare = (1 - Attack) * _meanSquare + Attack * sample * sample;
                    return MathF.Sqrt(_meanSquare);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Telemetry_smoother_with_a_large_smoothing_factor() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class TelemetrySmoother
            {
                private double _latency;
                public double Observe(double sample)
                {
                    _latency = 0.2 * _latency + 0.8 * sample;
                    return _latency;
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Centered_rmsprop_correct_weights() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class CenteredRmsProp
            {
                private readonly double[] _s = new double[8], _m = new double[8];
                private const double Rho = 0.9;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = Rho * _s[i] + (1 - Rho) * g[i] * g[i];
                        _m[i] = Rho * _m[i] + (1 - Rho) * g[i];
                        w[i] -= 0.01 * g[i] / Math.Sqrt(_s[i] - _m[i] * _m[i] + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Helper_method_with_correct_weights() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                private readonly double _rho = 0.9;
                private static double MeanSquare(double previous, double gradient, double rho) =>
                    rho * previous + (1.0 - rho) * gradient * gradient;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = MeanSquare(_s[i], g[i], _rho);
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    // ---- fix ------------------------------------------------------------------------------------------------

    [Fact]
    public Task Fix_swaps_rho_and_its_complement() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                private readonly double _rho = 0.9;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = [|(1 - _rho) * _s[i] + _rho * g[i] * g[i]|];
                        w[i] -= 0.01 * g[i] / Math.Sqrt(_s[i] + 1e-8);
                    }
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                private readonly double _rho = 0.9;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = _rho * _s[i] + (1 - _rho) * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / Math.Sqrt(_s[i] + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Fix_swaps_literal_weights_with_the_new_term_first() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private float _s, _w;
                public void Step(float g)
                {
                    _s = [|0.9f * g * g + 0.1f * _s|];
                    _w -= 0.01f * g / (MathF.Sqrt(_s) + 1e-8f);
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class Optimizer
            {
                private float _s, _w;
                public void Step(float g)
                {
                    _s = 0.1f * g * g + 0.9f * _s;
                    _w -= 0.01f * g / (MathF.Sqrt(_s) + 1e-8f);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Fix_gives_the_new_term_the_complement_of_a_shared_decay() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Scalar
            {
                private double _s, _w;
                public void Step(double g, double decay)
                {
                    _s = [|decay * _s + decay * g * g|];
                    _w -= 0.01 * g / (Math.Sqrt(_s) + 1e-8);
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class Scalar
            {
                private double _s, _w;
                public void Step(double g, double decay)
                {
                    _s = decay * _s + (1 - decay) * g * g;
                    _w -= 0.01 * g / (Math.Sqrt(_s) + 1e-8);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Fix_turns_a_lerp_by_rho_into_a_lerp_by_one_minus_rho() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Scalar
            {
                private double _s, _w;
                private const double Rho = 0.95;
                public void Step(double g)
                {
                    _s += [|Rho * (g * g - _s)|];
                    _w -= 0.01 * g / Math.Sqrt(_s + 1e-8);
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class Scalar
            {
                private double _s, _w;
                private const double Rho = 0.95;
                public void Step(double g)
                {
                    _s += (1 - Rho) * (g * g - _s);
                    _w -= 0.01 * g / Math.Sqrt(_s + 1e-8);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Flags_swapped_weights_broadcast_into_simd_vectors() =>
        CreateTest()
            .WithSource(
            """
            using System;
            using System.Numerics;
            class SimdRmsProp
            {
                private readonly float[] _ms = new float[64];
                private readonly float _rho = 0.99f;
                public void Step(float[] w, float[] g)
                {
                    int width = Vector<float>.Count;
                    var rho = new Vector<float>(_rho);
                    var oneMinusRho = new Vector<float>(1 - _rho);
                    var lr = new Vector<float>(0.01f);
                    var eps = new Vector<float>(1e-8f);
                    for (int i = 0; i <= w.Length - width; i += width)
                    {
                        var gv = new Vector<float>(g, i);
                        var sv = [|oneMinusRho * new Vector<float>(_ms, i) + rho * gv * gv|];
                        sv.CopyTo(_ms, i);
                        var wv = new Vector<float>(w, i) - lr * gv / (Vector.SquareRoot(sv) + eps);
                        wv.CopyTo(w, i);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Square_added_before_the_average_update() =>
        CreateTest()
            .WithSource(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Square_added_before_a_lerp_update_of_a_scalar() =>
        CreateTest()
            .WithSource(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Sum_and_average_of_different_storages_or_passes_are_left_alone() =>
        CreateTest()
            .WithSource(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Sum_in_one_branch_and_average_in_another_are_left_alone() =>
        CreateTest()
            .WithSource(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Fix_removes_the_extra_addition() =>
        CreateTest()
            .WithSource(
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
            """)
            .ShouldFixCodeWith(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Swapped_array_loop_weights_are_swapped_back() =>
        CreateTest()
            .WithSource(
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
            """)
            .ShouldFixCodeWith(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Swapped_scalar_weights_are_swapped_back() =>
        CreateTest()
            .WithSource(
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
            """)
            .ShouldFixCodeWith(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Swapped_float_weights_are_swapped_back() =>
        CreateTest()
            .WithSource(
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
            """)
            .ShouldFixCodeWith(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Same_weight_rho_on_both_terms_gives_the_new_term_its_complement() =>
        CreateTest()
            .WithSource(
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
            """)
            .ShouldFixCodeWith(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Same_weight_one_minus_rho_on_both_terms_gives_the_old_average_rho() =>
        CreateTest()
            .WithSource(
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
            """)
            .ShouldFixCodeWith(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Lerp_with_rho_as_the_step_gets_its_complement() =>
        CreateTest()
            .WithSource(
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
            """)
            .ShouldFixCodeWith(
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
            """)
            .ValidateAsync();

    // ---- a decay named alpha whose value the type does not state (field test items 09 and 11) -------------

    [Fact]
    public Task Alpha_parameter_of_a_static_update_on_the_new_square_is_swapped() =>
        CreateTest()
            .WithSource(
            """
            using System;
            static class RmsProp
            {
                public static void Update(double[] w, double[] g, double[] ms, double lr, double alpha, double epsilon)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        ms[i] = [|(1 - alpha) * ms[i] + alpha * g[i] * g[i]|];
                        w[i] -= lr * g[i] / (Math.Sqrt(ms[i]) + epsilon);
                    }
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            static class RmsProp
            {
                public static void Update(double[] w, double[] g, double[] ms, double lr, double alpha, double epsilon)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        ms[i] = alpha * ms[i] + (1 - alpha) * g[i] * g[i];
                        w[i] -= lr * g[i] / (Math.Sqrt(ms[i]) + epsilon);
                    }
                }
            }
            """)
            .AndRunWith("var w = new double[] { 1, -2 }; var ms = new double[2]; RmsProp.Update(w, new double[] { 0.5, -0.5 }, ms, 0.01, 0.99, 1e-8); return w;")
            .ValidateAsync();

    [Fact]
    public Task Alpha_read_from_a_configuration_object_on_the_new_square_is_swapped() =>
        CreateTest()
            .WithSource(
            """
            using System;
            sealed class Options
            {
                public double Alpha { get; set; }
            }
            sealed class RmsProp
            {
                private readonly double[] _s = new double[4];
                private readonly Options _options;
                public RmsProp(Options options) => _options = options;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = [|(1 - _options.Alpha) * _s[i] + _options.Alpha * g[i] * g[i]|];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Alpha_parameter_on_the_new_term_of_an_average_under_no_root_is_a_smoothing_factor() =>
        CreateTest()
            .WithSource(
            """
            using System;
            sealed class Momentum
            {
                private readonly double[] _m = new double[4];
                private readonly double[] _s = new double[4];
                public void Step(double[] w, double[] g, double alpha, double beta)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _m[i] = (1 - alpha) * _m[i] + alpha * g[i];
                        _s[i] = beta * _s[i] + (1 - beta) * g[i] * g[i];
                        w[i] -= 0.01 * _m[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();
}
