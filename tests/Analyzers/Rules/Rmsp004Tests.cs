using System.Threading.Tasks;
using RmsProp.Analyzers.CodeFixes;
using RmsProp.Analyzers.Tests.Harness;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>RMSP004: the optimizer state is created or cleared on every step; the diagnostics and the fix, whose output must compile and run (see <see cref="AnalyzerTest"/>).</summary>
public sealed class Rmsp004Tests
{
    private static AnalyzerTest CreateTest() =>
        new AnalyzerTest().ShouldReportRule(Rmsp004AccumulatorReset.Descriptor).WithCodeFix<Rmsp004AccumulatorResetFix>();

    // ---- flagged --------------------------------------------------------------------------------------------

    [Fact]
    public Task Array_clear_at_the_start_of_each_step() =>
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
                    [|Array.Clear(_s)|];
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = _rho * _s[i] + (1 - _rho) * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Array_clear_with_a_range() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g)
                {
                    [|Array.Clear(_s, 0, _s.Length)|];
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / Math.Sqrt(_s[i] + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Array_fill_with_zero() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _acc = new double[8];
                public void Update(double[] weights, double[] gradients, double rho)
                {
                    [|Array.Fill(_acc, 0.0)|];
                    for (int i = 0; i < weights.Length; i++)
                    {
                        _acc[i] = rho * _acc[i] + (1 - rho) * gradients[i] * gradients[i];
                        weights[i] -= 0.001 * gradients[i] / (Math.Sqrt(_acc[i]) + 1e-7);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Field_recreated_in_the_step_with_MathF() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class FloatRmsProp
            {
                private float[] _sq = Array.Empty<float>();
                private readonly float _decay = 0.9f;
                public void Apply(float[] parameters, float[] grad)
                {
                    _sq = [|new float[parameters.Length]|];
                    for (int k = 0; k < parameters.Length; k++)
                    {
                        _sq[k] = _decay * _sq[k] + (1 - _decay) * grad[k] * grad[k];
                        parameters[k] -= 1e-3f * grad[k] / (MathF.Sqrt(_sq[k]) + 1e-7f);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Jagged_row_recreated_per_layer() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class LayerwiseRmsProp
            {
                private readonly double[][] _cache;
                public LayerwiseRmsProp(int layers) { _cache = new double[layers][]; }
                public void Update(double[][] weights, double[][] grads)
                {
                    for (int l = 0; l < weights.Length; l++)
                    {
                        _cache[l] = [|new double[weights[l].Length]|];
                        for (int j = 0; j < weights[l].Length; j++)
                        {
                            _cache[l][j] = 0.9 * _cache[l][j] + 0.1 * grads[l][j] * grads[l][j];
                            weights[l][j] -= 0.001 * grads[l][j] / (Math.Sqrt(_cache[l][j]) + 1e-6);
                        }
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Local_cache_created_per_step() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                public void Step(double[] w, double[] g, double rho)
                {
                    var cache = [|new double[w.Length]|];
                    for (int i = 0; i < w.Length; i++)
                    {
                        cache[i] = rho * cache[i] + (1 - rho) * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(cache[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Span_over_the_state_cleared() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class SpanRmsProp
            {
                private readonly float[] _state = new float[8];
                public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
                {
                    Span<float> meanSquare = _state;
                    [|meanSquare.Clear()|];
                    for (int i = 0; i < parameters.Length; i++)
                    {
                        meanSquare[i] = 0.99f * meanSquare[i] + 0.01f * gradients[i] * gradients[i];
                        parameters[i] -= 0.01f * gradients[i] / (MathF.Sqrt(meanSquare[i]) + 1e-8f);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Scalar_state_zeroed_in_the_step_lerp_form() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Scalar
            {
                private double _s, _w = 3;
                public void Step(double g, double rho)
                {
                    _s = [|0.0|];
                    _s += (1 - rho) * (g * g - _s);
                    _w -= 0.01 * g / Math.Sqrt(_s + 1e-8);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Notebook_state_rebuilt_inside_the_epoch_loop() =>
        CreateTest()
            .WithSource(
            """
            using System;
            static class NotebookPort
            {
                // updated_gradient = np.empty(shape = (2, 2)) sits inside the epoch loop.
                public static double[,] RmsProp(double[,] parameters, double lr = 0.001, double beta = 0.9, int epochs = 100, double epsilon = 1e-7)
                {
                    int rows = parameters.GetLength(0), columns = parameters.GetLength(1);
                    for (int epoch = 0; epoch < epochs; epoch++)
                    {
                        var updatedGradient = [|new double[rows, columns]|];
                        for (int p = 0; p < rows; p++)
                            for (int v = 0; v < columns; v++)
                            {
                                double gradient = 2 * parameters[p, v];
                                updatedGradient[p, v] = beta * updatedGradient[p, v] + (1 - beta) * gradient * gradient;
                                parameters[p, v] -= lr / Math.Sqrt(updatedGradient[p, v] + epsilon) * gradient;
                            }
                    }
                    return parameters;
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Adam_second_moment_cleared_each_step() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Adam
            {
                private readonly double[] _m = new double[8], _v = new double[8];
                public void Step(double[] w, double[] g)
                {
                    [|Array.Clear(_v)|];
                    for (int i = 0; i < w.Length; i++)
                    {
                        _m[i] = 0.9 * _m[i] + 0.1 * g[i];
                        _v[i] = 0.999 * _v[i] + 0.001 * g[i] * g[i];
                        w[i] -= 0.001 * _m[i] / (Math.Sqrt(_v[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Vector_of_T_state_cleared_each_step() =>
        CreateTest()
            .WithSource(
            """
            using System;
            using System.Numerics;
            class SimdRmsProp
            {
                private readonly float[] _ms = new float[64];
                public void Step(float[] w, float[] g)
                {
                    [|Array.Clear(_ms)|];
                    int width = Vector<float>.Count;
                    var rho = new Vector<float>(0.99f);
                    var rest = new Vector<float>(0.01f);
                    var lr = new Vector<float>(0.01f);
                    var eps = new Vector<float>(1e-8f);
                    for (int i = 0; i <= w.Length - width; i += width)
                    {
                        var gv = new Vector<float>(g, i);
                        var sv = rho * new Vector<float>(_ms, i) + rest * gv * gv;
                        sv.CopyTo(_ms, i);
                        var wv = new Vector<float>(w, i) - lr * gv / (Vector.SquareRoot(sv) + eps);
                        wv.CopyTo(w, i);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Helper_method_average_over_a_recreated_field() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private double[] _s = new double[8];
                private static double MeanSquare(double previous, double gradient) => 0.9 * previous + 0.1 * gradient * gradient;
                public void Step(double[] w, double[] g)
                {
                    _s = [|new double[w.Length]|];
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = MeanSquare(_s[i], g[i]);
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    // ---- silent ---------------------------------------------------------------------------------------------

    [Fact]
    public Task State_created_in_the_constructor() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s;
                public Optimizer(int n) { _s = new double[n]; }
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Lazily_created_with_coalescing_assignment() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private double[]? _s;
                public void Step(double[] w, double[] g)
                {
                    _s ??= new double[w.Length];
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Lazily_created_behind_a_null_check() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private double[]? _s;
                public void Step(double[] w, double[] g)
                {
                    if (_s == null || _s.Length != w.Length) _s = new double[w.Length];
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Reset_method_clears_the_state() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                public void Reset() => Array.Clear(_s);
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Local_created_before_the_epoch_loop() =>
        CreateTest()
            .WithSource(
            """
            using System;
            static class Trainer
            {
                public static double[] Train(double[] w, Func<double[], double[]> gradient, int epochs, double rho = 0.9)
                {
                    var s = new double[w.Length];
                    for (int epoch = 0; epoch < epochs; epoch++)
                    {
                        double[] g = gradient(w);
                        for (int i = 0; i < w.Length; i++)
                        {
                            s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                            w[i] -= 0.01 * g[i] / (Math.Sqrt(s[i]) + 1e-8);
                        }
                    }
                    return w;
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Scalar_state_created_before_a_while_loop() =>
        CreateTest()
            .WithSource(
            """
            using System;
            static class Lesson
            {
                public static double Minimise(double x, double tolerance)
                {
                    double s = 0;
                    double g = 2 * x;
                    while (Math.Abs(g) > tolerance)
                    {
                        s = 0.9 * s + 0.1 * g * g;
                        x -= 0.1 * g / (Math.Sqrt(s) + 1e-6);
                        g = 2 * x;
                    }
                    return x;
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Per_step_scratch_buffer_is_not_the_average() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g)
                {
                    var step = new double[w.Length];
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        step[i] = 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                    for (int i = 0; i < w.Length; i++) w[i] -= step[i];
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Closure_optimizer_captures_state_created_once() =>
        CreateTest()
            .WithSource(
            """
            using System;
            static class Optimizers
            {
                public static Action<double[], double[]> RmsProp(int n, double rho = 0.9)
                {
                    var s = new double[n];
                    return (w, g) =>
                    {
                        for (int i = 0; i < w.Length; i++)
                        {
                            s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                            w[i] -= 0.01 * g[i] / (Math.Sqrt(s[i]) + 1e-8);
                        }
                    };
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Momentum_sgd_velocity_is_not_under_a_root() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Momentum
            {
                private double[] _v = new double[8];
                public void Restart(int n) => _v = new double[n];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _v[i] = 0.9 * _v[i] + g[i];
                        w[i] -= 0.01 * _v[i];
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Audio_rms_meter_resets_its_window() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class RmsMeter
            {
                private float _meanSquare;
                public float Process(ReadOnlySpan<float> block)
                {
                    _meanSquare = 0;
                    foreach (float sample in block)
                        _meanSquare = 0.99f * _meanSquare + 0.01f * sample * sample;
                    return MathF.Sqrt(_meanSquare);
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Clearing_statement_is_removed() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private readonly double[] _s = new double[8];
                public void Step(double[] w, double[] g)
                {
                    // Start from a clean slate.
                    [|Array.Clear(_s, 0, _s.Length)|];
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
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
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Recreated_field_is_created_when_missing_or_of_another_length() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private float[] _meanSquare = Array.Empty<float>();
                public void Step(float[] w, float[] g)
                {
                    _meanSquare = [|new float[w.Length]|];
                    for (int i = 0; i < w.Length; i++)
                    {
                        _meanSquare[i] = 0.99f * _meanSquare[i] + 0.01f * g[i] * g[i];
                        w[i] -= 0.01f * g[i] / (MathF.Sqrt(_meanSquare[i]) + 1e-8f);
                    }
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class Optimizer
            {
                private float[] _meanSquare = Array.Empty<float>();
                public void Step(float[] w, float[] g)
                {
                    if (_meanSquare?.Length != w.Length)
                    {
                        _meanSquare = new float[w.Length];
                    }
                    for (int i = 0; i < w.Length; i++)
                    {
                        _meanSquare[i] = 0.99f * _meanSquare[i] + 0.01f * g[i] * g[i];
                        w[i] -= 0.01f * g[i] / (MathF.Sqrt(_meanSquare[i]) + 1e-8f);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Recreated_jagged_row_is_created_when_missing_or_of_another_length() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Network
            {
                private readonly double[][] _cache = new double[3][];
                public void Step(double[][] weights, double[][] grads)
                {
                    for (int l = 0; l < weights.Length; l++)
                    {
                        _cache[l] = [|new double[weights[l].Length]|];
                        for (int i = 0; i < weights[l].Length; i++)
                        {
                            _cache[l][i] = 0.9 * _cache[l][i] + 0.1 * grads[l][i] * grads[l][i];
                            weights[l][i] -= 0.001 * grads[l][i] / (Math.Sqrt(_cache[l][i]) + 1e-7);
                        }
                    }
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class Network
            {
                private readonly double[][] _cache = new double[3][];
                public void Step(double[][] weights, double[][] grads)
                {
                    for (int l = 0; l < weights.Length; l++)
                    {
                        if (_cache[l]?.Length != weights[l].Length)
                        {
                            _cache[l] = new double[weights[l].Length];
                        }
                        for (int i = 0; i < weights[l].Length; i++)
                        {
                            _cache[l][i] = 0.9 * _cache[l][i] + 0.1 * grads[l][i] * grads[l][i];
                            weights[l][i] -= 0.001 * grads[l][i] / (Math.Sqrt(_cache[l][i]) + 1e-7);
                        }
                    }
                }
            }
            """)
            .AndRunWith(
            """
            var network = new Network();
            double[][] weights = { new[] { 1.0, -2.0 }, new[] { 0.5 }, new[] { 3.0, 0.0, -1.0 } };
            for (int step = 0; step < 5; step++)
            {
                network.Step(weights, new[] { new[] { 0.5, -1.0 }, new[] { 0.0 }, new[] { 2.0, 1.0, -0.5 } });
            }
            return new object[] { weights, network };
            """)
            .ValidateAsync();

    [Fact]
    public Task Notebook_state_moves_before_the_epoch_loop() =>
        CreateTest()
            .WithSource(
            """
            using System;
            static class NotebookPort
            {
                public static double[,] RmsProp(double[,] parameters, double lr = 0.001, double beta = 0.9, int epochs = 100, double epsilon = 1e-7)
                {
                    int rows = parameters.GetLength(0), columns = parameters.GetLength(1);
                    for (int epoch = 0; epoch < epochs; epoch++)
                    {
                        var updatedGradient = [|new double[rows, columns]|];
                        for (int p = 0; p < rows; p++)
                            for (int v = 0; v < columns; v++)
                            {
                                double gradient = 2 * parameters[p, v];
                                updatedGradient[p, v] = beta * updatedGradient[p, v] + (1 - beta) * gradient * gradient;
                                parameters[p, v] -= lr * gradient / Math.Sqrt(updatedGradient[p, v] + epsilon);
                            }
                    }
                    return parameters;
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            static class NotebookPort
            {
                public static double[,] RmsProp(double[,] parameters, double lr = 0.001, double beta = 0.9, int epochs = 100, double epsilon = 1e-7)
                {
                    int rows = parameters.GetLength(0), columns = parameters.GetLength(1);
                    var updatedGradient = new double[rows, columns];
                    for (int epoch = 0; epoch < epochs; epoch++)
                    {
                        for (int p = 0; p < rows; p++)
                            for (int v = 0; v < columns; v++)
                            {
                                double gradient = 2 * parameters[p, v];
                                updatedGradient[p, v] = beta * updatedGradient[p, v] + (1 - beta) * gradient * gradient;
                                parameters[p, v] -= lr * gradient / Math.Sqrt(updatedGradient[p, v] + epsilon);
                            }
                    }
                    return parameters;
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Local_of_an_instance_step_is_kept_in_a_new_field() =>
        CreateTest()
            .WithSource(
            """
            #nullable enable
            using System;
            class Optimizer
            {
                private readonly double _rho = 0.9;
                public void Step(double[] w, double[] g)
                {
                    var cache = [|new double[w.Length]|];
                    for (int i = 0; i < w.Length; i++)
                    {
                        cache[i] = _rho * cache[i] + (1 - _rho) * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(cache[i]) + 1e-8);
                    }
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            #nullable enable
            using System;
            class Optimizer
            {
                private double[]? _cache;

                private readonly double _rho = 0.9;
                public void Step(double[] w, double[] g)
                {
                    if (_cache?.Length != w.Length)
                    {
                        _cache = new double[w.Length];
                    }
                    var cache = _cache;
                    for (int i = 0; i < w.Length; i++)
                    {
                        cache[i] = _rho * cache[i] + (1 - _rho) * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(cache[i]) + 1e-8);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task New_field_avoids_a_taken_name_and_has_no_annotation_without_nullable() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private int _squares;
                public void Step(float[] w, float[] g)
                {
                    float[] squares = [|new float[w.Length]|];
                    for (int i = 0; i < w.Length; i++)
                    {
                        squares[i] += 0.1f * (g[i] * g[i] - squares[i]);
                        w[i] -= 0.01f * g[i] / (MathF.Sqrt(squares[i]) + 1e-8f);
                    }
                    _squares++;
                }
            }
            """)
            .ShouldFixCodeWith(
            """
            using System;
            class Optimizer
            {
                private float[] _squares1;

                private int _squares;
                public void Step(float[] w, float[] g)
                {
                    if (_squares1?.Length != w.Length)
                    {
                        _squares1 = new float[w.Length];
                    }
                    float[] squares = _squares1;
                    for (int i = 0; i < w.Length; i++)
                    {
                        squares[i] += 0.1f * (g[i] * g[i] - squares[i]);
                        w[i] -= 0.01f * g[i] / (MathF.Sqrt(squares[i]) + 1e-8f);
                    }
                    _squares++;
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task Scalar_zeroed_in_the_step_gets_no_fix() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Optimizer
            {
                private double _s, _w;
                public void Step(double g)
                {
                    _s = [|0.0|];
                    _s = 0.9 * _s + 0.1 * g * g;
                    _w -= 0.01 * g / (Math.Sqrt(_s) + 1e-8);
                }
            }
            """)
            .ShouldOfferNoFix()
            .ValidateAsync();

    [Fact]
    public Task Per_layer_local_gets_no_fix() =>
        CreateTest()
            .WithSource(
            """
            using System;
            class Network
            {
                public void Step(double[][] weights, double[][] grads)
                {
                    for (int l = 0; l < weights.Length; l++)
                    {
                        var cache = [|new double[weights[l].Length]|];
                        for (int i = 0; i < weights[l].Length; i++)
                        {
                            cache[i] = 0.9 * cache[i] + 0.1 * grads[l][i] * grads[l][i];
                            weights[l][i] -= 0.001 * grads[l][i] / (Math.Sqrt(cache[i]) + 1e-7);
                        }
                    }
                }
            }
            """)
            .ShouldOfferNoFix()
            .ValidateAsync();

    [Fact]
    public Task State_is_not_moved_before_the_loop_where_its_name_is_declared_again() =>
        // Hoisted, 'cache' would be in scope over the second loop, whose own 'cache' then does not compile (CS0136).
        CreateTest()
            .WithSource(
            """
            using System;
            static class Trainer
            {
                public static double[] Train(double[] w, int epochs)
                {
                    for (int epoch = 0; epoch < epochs; epoch++)
                    {
                        var cache = [|new double[w.Length]|];
                        for (int i = 0; i < w.Length; i++)
                        {
                            double g = 2 * w[i];
                            cache[i] = 0.9 * cache[i] + 0.1 * g * g;
                            w[i] -= 0.01 * g / (Math.Sqrt(cache[i]) + 1e-8);
                        }
                    }
                    for (int k = 0; k < 2; k++)
                    {
                        var cache = new int[3];
                        cache[0] = k;
                    }
                    return w;
                }
            }
            """)
            .ShouldOfferNoFix()
            .ValidateAsync();

    // ---- a local of the step given a new array on some branch ------------------------------------------------

    /// <summary>
    /// A step that picks each layer's average into a local, as SharpLearning does; <paramref name="pick"/> gives the
    /// local its value.
    /// </summary>
    private static string LayerLocal(string pick) =>
        $$"""
        using System;
        using System.Collections.Generic;
        public sealed class LayeredRmsProp
        {
            private readonly List<double[]> _layers = new();
            public void Step(int layer, double[] w, double[] g)
            {
                while (_layers.Count <= layer) _layers.Add(new double[w.Length]);
                {{pick}}
                for (int j = 0; j < w.Length; j++)
                {
                    s[j] = 0.9 * s[j] + 0.1 * g[j] * g[j];
                    w[j] -= 0.01 * g[j] / (Math.Sqrt(s[j]) + 1e-8);
                }
            }
        }
        """;

    [Theory]
    [InlineData("double[] s = null!; if (_layers.Count > 0) { s = [|new double[w.Length]|]; }")]
    [InlineData("double[] s; if (layer < _layers.Count) s = [|new double[w.Length]|]; else s = [|new double[w.Length + 1]|];")]
    public Task A_local_given_a_new_array_on_every_path_is_reset_every_step(string pick) =>
        new AnalyzerTest().ShouldReportRule(Rmsp004AccumulatorReset.Descriptor).WithSource(LayerLocal(pick)).ValidateAsync();

    [Theory]
    [InlineData("double[] s = null!; if (_layers.Count > 0) { s = _layers[layer]; }")]
    [InlineData("double[] s; if (layer < _layers.Count) s = _layers[layer]; else { s = new double[w.Length]; _layers.Add(s); }")]
    [InlineData("double[] s = null!; if (_layers.Count > layer) s = _layers[layer]; if (s == null) { s = new double[w.Length]; _layers[layer] = s; }")]
    public Task A_local_that_takes_the_layers_state_on_some_path_is_silent(string pick) =>
        new AnalyzerTest().ShouldReportRule(Rmsp004AccumulatorReset.Descriptor).WithSource(LayerLocal(pick)).ValidateAsync();

    [Fact]
    public Task A_local_given_a_new_array_in_a_branch_gets_no_fix() =>
        CreateTest().WithSource(LayerLocal("double[] s = null!; if (_layers.Count > 0) { s = [|new double[w.Length]|]; }")).ShouldOfferNoFix().ValidateAsync();
}
