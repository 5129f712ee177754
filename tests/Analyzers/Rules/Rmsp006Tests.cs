using System.Threading.Tasks;
using RmsProp.Analyzers.CodeFixes;
using RmsProp.Analyzers.Tests.Harness;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>RMSP006: the decay rate is 0 by integer division, or a constant outside [0, 1); the diagnostics and the fix, whose output must compile and run (see <see cref="AnalyzerTest"/>).</summary>
public sealed class Rmsp006Tests
{
    private static AnalyzerTest CreateTest() =>
        new AnalyzerTest().ShouldReportRule(Rmsp006DecayRate.Descriptor).WithCodeFix<Rmsp006DecayRateFix>();

    // ---- flagged --------------------------------------------------------------------------------------------

    [Fact]
    public Task Const_decay_of_one() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private const double Decay = [|1.0|];
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = Decay * _s[i] + (1 - Decay) * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Integer_division_in_a_local() =>
        CreateTest()
            .WithSource(
            """
            using System;
            static class Lesson
            {
                public static double Run(double x)
                {
                    double s = 0;
                    double rho = [|9 / 10|];
                    for (int epoch = 0; epoch < 100; epoch++)
                    {
                        double g = 2 * x;
                        s = rho * s + (1 - rho) * g * g;
                        x -= 0.1 * g / (Math.Sqrt(s) + 1e-6);
                    }
                    return x;
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Float_field_integer_division() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class FloatRmsProp
            {
                private readonly float[] _cache = new float[8];
                private readonly float _decay = [|99 / 100|];
                public void Apply(float[] parameters, float[] grad)
                {
                    for (int k = 0; k < parameters.Length; k++)
                    {
                        _cache[k] = _decay * _cache[k] + (1 - _decay) * grad[k] * grad[k];
                        parameters[k] -= 1e-3f * grad[k] / (MathF.Sqrt(_cache[k]) + 1e-7f);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Constructor_default_above_one() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _acc;
                private readonly double _rho;
                public Optimizer(int n, double rho = [|1.5|])
                {
                    _acc = new double[n];
                    _rho = rho;
                }
                public void Update(double[] weights, double[] gradients)
                {
                    for (int i = 0; i < weights.Length; i++)
                    {
                        _acc[i] = _rho * _acc[i] + (1 - _rho) * gradients[i] * gradients[i];
                        weights[i] -= 0.001 * gradients[i] / (Math.Sqrt(_acc[i]) + 1e-7);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Negative_decay() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _v = new double[8];
                private readonly double _alpha = [|-0.99|];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _v[i] = _alpha * _v[i] + (1 - _alpha) * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_v[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Settings_property_initializer_with_integer_division() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Settings
            {
                public double Rho { get; init; } = [|19 / 20|];
            }
            class Optimizer
            {
                private readonly Settings _settings;
                private readonly double[] _s = new double[8];
                public Optimizer(Settings settings) { _settings = settings; }
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = _settings.Rho * _s[i] + (1 - _settings.Rho) * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Float_lerp_form_with_decay_of_one() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class LerpRmsProp
            {
                private const float Rho = [|1f|];
                private float _s, _w = 3f;
                public void Step(float g)
                {
                    _s += (1 - Rho) * (g * g - _s);
                    _w -= 0.01f * g / MathF.Sqrt(_s + 1e-8f);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Jagged_layers_const_integer_division() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Network
            {
                private const double Decay = [|3 / 4|];
                private readonly double[][] _cache;
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
                            _cache[l][j] = Decay * _cache[l][j] + (1 - Decay) * Math.Pow(grads[l][j], 2);
                            weights[l][j] -= 0.001 * grads[l][j] / (Math.Sqrt(_cache[l][j]) + 1e-6);
                        }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Adam_beta2_of_one() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Adam
            {
                private readonly double[] _m = new double[8], _v = new double[8];
                private readonly double _beta1 = 0.9, _beta2 = [|1|];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _m[i] = _beta1 * _m[i] + (1 - _beta1) * g[i];
                        _v[i] = _beta2 * _v[i] + (1 - _beta2) * g[i] * g[i];
                        w[i] -= 0.001 * _m[i] / (Math.Sqrt(_v[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Tuple_update_with_integer_division_default() =>
        CreateTest()
            .WithSource(
            """
            using System;
            static class Descent
            {
                public static double Minimise(double w, int steps, double rho = [|9 / 10|])
                {
                    double s = 0;
                    int t = 0;
                    while (t < steps)
                    {
                        double g = 2 * w;
                        (s, t) = (rho * s + (1 - rho) * g * g, t + 1);
                        w -= 0.1 * g / (Math.Sqrt(s) + 1e-8);
                    }
                    return w;
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Record_with_and_decay_above_one() =>
        CreateTest()
            .WithSource(
            """
            using System;
            record State(double W, double S);
            static class ScalarRmsProp
            {
                private const double Rho = [|1.1|];
                public static State Step(State state, double grad)
                {
                    var next = state with { S = Rho * state.S + (1 - Rho) * grad * grad };
                    return next with { W = next.W - 0.01 * grad / (Math.Sqrt(next.S) + 1e-8) };
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Linq_zip_with_integer_division_const() =>
        CreateTest()
            .WithSource(
            """
            using System;
            using System.Linq;
            class LinqRmsProp
            {
                private const double Rho = [|9 / 10|];
                private double[] _s = new double[8];
                public void Step(double[] w, double[] g)
                {
                    _s = _s.Zip(g, (si, gi) => Rho * si + (1 - Rho) * gi * gi).ToArray();
                    for (int i = 0; i < w.Length; i++)
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Span_kernel_default_decay_of_one() =>
        CreateTest()
            .WithSource(
            """
            using System;
            static class Kernel
            {
                public static void Step(Span<float> w, ReadOnlySpan<float> g, Span<float> s, float rho = [|1f|])
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= 0.01f * g[i] / (MathF.Sqrt(s[i]) + 1e-8f);
                    }
                }
            }
            """)
            .ValidateAsync();

    // ---- silent ---------------------------------------------------------------------------------------------

    [Fact]
    public Task Usual_decay() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private const double Decay = 0.9;
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = Decay * _s[i] + (1 - Decay) * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Floating_point_division_is_fine() =>
        CreateTest()
            .WithSource(
            """
            using System;
            static class Lesson
            {
                public static double Run(double x)
                {
                    double s = 0;
                    double rho = 9.0 / 10;
                    for (int epoch = 0; epoch < 100; epoch++)
                    {
                        double g = 2 * x;
                        s = rho * s + (1 - rho) * g * g;
                        x -= 0.1 * g / (Math.Sqrt(s) + 1e-6);
                    }
                    return x;
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Integer_division_that_is_not_a_decay() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g, double rho)
                {
                    int half = w.Length / 2;
                    for (int i = 0; i < half; i++)
                    {
                        _s[i] = rho * _s[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Learning_rate_of_one_is_not_a_decay() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private const double LearningRate = 1.0, Rho = 0.99;
                private readonly float[] _s = new float[8];
                public void Step(float[] w, float[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = (float)(Rho * _s[i] + (1 - Rho) * g[i] * g[i]);
                        w[i] -= (float)(LearningRate * g[i] / (MathF.Sqrt(_s[i]) + 1e-8f));
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Zero_decay_is_in_range() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private double _s, _w;
                private readonly double _rho = 0;
                public void Step(double g)
                {
                    _s = _rho * _s + (1 - _rho) * g * g;
                    _w -= 0.01 * g / (Math.Sqrt(_s) + 1e-8);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Adam_usual_betas() =>
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
                        _v[i] = _beta2 * _v[i] + (1 - _beta2) * g[i] * g[i];
                        w[i] -= 0.001 * _m[i] / (Math.Sqrt(_v[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Alpha_smoothing_ema_outside_an_optimizer() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class PriceEma
            {
                private readonly double _alpha;
                private double _ema;
                public PriceEma(int period) { _alpha = 2.0 / (period + 1); }
                public double Add(double price)
                {
                    _ema = _alpha * price + (1 - _alpha) * _ema;
                    return _ema;
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Momentum_sgd_with_usual_momentum() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Momentum
            {
                private readonly double[] _v = new double[8];
                private const double Mu = 0.9;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _v[i] = Mu * _v[i] + g[i];
                        w[i] -= 0.01 * _v[i];
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Batch_count_by_integer_division() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Trainer
            {
                private readonly double[] _s = new double[8];
                private const double Rho = 0.95;
                public void Epoch(double[] w, double[][] batches, int batchSize)
                {
                    int count = batches.Length / batchSize;
                    for (int b = 0; b < count; b++)
                    {
                        double[] g = batches[b];
                        for (int i = 0; i < w.Length; i++)
                        {
                            _s[i] = Rho * _s[i] + (1 - Rho) * g[i] * g[i];
                            w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                        }
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Telemetry_smoother_is_not_an_optimizer() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class TelemetrySmoother
            {
                private const double Decay = 0.8;
                private double _value;
                public double Observe(double sample)
                {
                    _value = Decay * _value + (1 - Decay) * sample;
                    return _value;
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Flags_an_integer_division_written_inline_as_the_old_weight() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = [|9 / 10|] * _s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Double_local_decay() =>
        CreateTest()
            .WithSource(
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
            """)
            .ShouldFixCodeWith(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Float_field_decay() =>
        CreateTest()
            .WithSource(
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
            """)
            .ShouldFixCodeWith(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Decimal_decay_gets_a_decimal_literal() =>
        CreateTest()
            .WithSource(
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
            """)
            .ShouldFixCodeWith(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Default_parameter_decay() =>
        CreateTest()
            .WithSource(
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
            """)
            .ShouldFixCodeWith(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Out_of_range_constant_gets_no_fix() =>
        CreateTest()
            .WithSource(
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
            """)
            .ShouldOfferNoFix()
            .ValidateAsync();

    [Fact]
    public Task Array_loop_double_decay_gets_a_double_literal() =>
        CreateTest()
            .WithSource(
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
            """)
            .ShouldFixCodeWith(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Scalar_double_decay_gets_a_double_literal() =>
        CreateTest()
            .WithSource(
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
            """)
            .ShouldFixCodeWith(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Float_decay_gets_a_float_literal() =>
        CreateTest()
            .WithSource(
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
            """)
            .ShouldFixCodeWith(
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
            """)
            .ValidateAsync();

    [Fact]
    public Task Out_of_range_decay_gets_no_fix() =>
        CreateTest()
            .WithSource(
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
            """)
            .ShouldOfferNoFix()
            .ValidateAsync();

    [Fact]
    public Task Decimal_decay_in_a_declarator_list_gets_a_decimal_literal() =>
        CreateTest()
            .WithSource(
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
            """)
            .ShouldFixCodeWith(
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
            """)
            .ValidateAsync();
}
