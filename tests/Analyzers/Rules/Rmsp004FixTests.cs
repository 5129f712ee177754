using System.Threading.Tasks;
using RmsProp.Analyzers.CodeFixes;
using RmsProp.Analyzers.Tests.Infrastructure;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>RMSP004's fix: the state is created once and kept, with the exact text each repair writes.</summary>
public sealed class Rmsp004FixTests
{
    [Fact]
    public Task Clearing_statement_is_removed() =>
        Verify<Rmsp004AccumulatorResetAnalyzer>.Fix<CreateStateOnceFix>(
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
            """,
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
            """);

    [Fact]
    public Task Recreated_field_is_created_only_when_missing() =>
        Verify<Rmsp004AccumulatorResetAnalyzer>.Fix<CreateStateOnceFix>(
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
            """,
            """
            using System;
            class Optimizer
            {
                private float[] _meanSquare = Array.Empty<float>();
                public void Step(float[] w, float[] g)
                {
                    _meanSquare ??= new float[w.Length];
                    for (int i = 0; i < w.Length; i++)
                    {
                        _meanSquare[i] = 0.99f * _meanSquare[i] + 0.01f * g[i] * g[i];
                        w[i] -= 0.01f * g[i] / (MathF.Sqrt(_meanSquare[i]) + 1e-8f);
                    }
                }
            }
            """);

    [Fact]
    public Task Recreated_jagged_row_is_created_only_when_missing() =>
        Verify<Rmsp004AccumulatorResetAnalyzer>.Fix<CreateStateOnceFix>(
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
            """,
            """
            using System;
            class Network
            {
                private readonly double[][] _cache = new double[3][];
                public void Step(double[][] weights, double[][] grads)
                {
                    for (int l = 0; l < weights.Length; l++)
                    {
                        _cache[l] ??= new double[weights[l].Length];
                        for (int i = 0; i < weights[l].Length; i++)
                        {
                            _cache[l][i] = 0.9 * _cache[l][i] + 0.1 * grads[l][i] * grads[l][i];
                            weights[l][i] -= 0.001 * grads[l][i] / (Math.Sqrt(_cache[l][i]) + 1e-7);
                        }
                    }
                }
            }
            """);

    [Fact]
    public Task Notebook_state_moves_before_the_epoch_loop() =>
        Verify<Rmsp004AccumulatorResetAnalyzer>.Fix<CreateStateOnceFix>(
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
            """,
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
            """);

    [Fact]
    public Task Local_of_an_instance_step_is_kept_in_a_new_field() =>
        Verify<Rmsp004AccumulatorResetAnalyzer>.Fix<CreateStateOnceFix>(
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
            """,
            """
            #nullable enable
            using System;
            class Optimizer
            {
                private double[]? _cache;

                private readonly double _rho = 0.9;
                public void Step(double[] w, double[] g)
                {
                    var cache = _cache ??= new double[w.Length];
                    for (int i = 0; i < w.Length; i++)
                    {
                        cache[i] = _rho * cache[i] + (1 - _rho) * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(cache[i]) + 1e-8);
                    }
                }
            }
            """);

    [Fact]
    public Task New_field_avoids_a_taken_name_and_has_no_annotation_without_nullable() =>
        Verify<Rmsp004AccumulatorResetAnalyzer>.Fix<CreateStateOnceFix>(
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
            """,
            """
            using System;
            class Optimizer
            {
                private float[] _squares1;

                private int _squares;
                public void Step(float[] w, float[] g)
                {
                    float[] squares = _squares1 ??= new float[w.Length];
                    for (int i = 0; i < w.Length; i++)
                    {
                        squares[i] += 0.1f * (g[i] * g[i] - squares[i]);
                        w[i] -= 0.01f * g[i] / (MathF.Sqrt(squares[i]) + 1e-8f);
                    }
                    _squares++;
                }
            }
            """);

    [Fact]
    public Task Scalar_zeroed_in_the_step_gets_no_fix() =>
        Verify<Rmsp004AccumulatorResetAnalyzer>.Fix<CreateStateOnceFix>(
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
            """,
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
            """);

    [Fact]
    public Task Per_layer_local_gets_no_fix() =>
        Verify<Rmsp004AccumulatorResetAnalyzer>.Fix<CreateStateOnceFix>(
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
            """,
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
            """);
}
