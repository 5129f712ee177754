using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RmsProp.Analyzers.Tests.Harness;

namespace RmsProp.Analyzers.Tests.Robustness;

/// <summary>
/// Sources no one writes on purpose but every editor shows: nothing, a directive only, and RMSProp-shaped code
/// whose types and members do not bind. Each analyzer runs alone, so a crash names its analyzer.
/// </summary>
public sealed class DegenerateSourceTests
{
    private static readonly IReadOnlyDictionary<string, string> Sources = new Dictionary<string, string>
    {
        ["Empty"] = string.Empty,
        ["OnlyErrorDirective"] = "#error this file is not finished",
        ["ErrorTypes"] = """
            using System;
            class Optimizer
            {
                private Tensor _cache = Tensor.Zeros(shape);
                void Step(Tensor w, Tensor g, Unknown rho)
                {
                    var cache = new Tensor[n];
                    _cache = rho * _cache + (1 - rho) * g * g;
                    w -= lr * g / Math.Sqrt(_cache);
                    w -= lr * g / Sqrt(_cache + eps);
                    w -= lr * g / MathX.Sqrt(_cache);
                    Array.Clear(_cache);
                    double decay = 9 / 10;
                    missing.s = decay * missing.s + (1 - decay) * missing.g;
                }
            }
            """,
        ["WrongArity"] = """
            using System;
            class C
            {
                double[] s = new double[3];
                void Step(double[] w, double[] g, double rho)
                {
                    s[0] = rho * s[] + (1 - rho) * g[0] * g[0];
                    w[0] -= 0.1 * g[0] / Math.Sqrt();
                    w[1] -= 0.1 * g[1] / Math.Sqrt(s[1], 1e-8);
                    w[2] -= 0.1 * g[2] / MathF.Sqrt(s);
                }
            }
            """,
        ["TopLevelStatements"] = """
            using System;
            double w = 5, s = 0, rho = 9 / 10;
            for (int t = 0; t < 10; t++)
            {
                double g = 2 * w;
                w -= 0.1 * g / Math.Sqrt(s);
                s = (1 - rho) * s + rho * g;
            }
            Console.WriteLine(w);
            """,
        ["DynamicAndPointers"] = """
            using System;
            unsafe class C
            {
                void Step(dynamic w, dynamic g, dynamic s)
                {
                    s = 0.9 * s + 0.1 * g;
                    w -= 0.01 * g / Math.Sqrt(s);
                }
                void Step(double* w, double* g, double* s, int n)
                {
                    for (int i = 0; i < n; i++)
                    {
                        s[i] = 0.9 * s[i] + 0.1 * g[i];
                        w[i] -= 0.01 * g[i] / Math.Sqrt(s[i]);
                    }
                }
            }
            """,
        ["SelfReferentialAndRecursive"] = """
            using System;
            class C
            {
                double S => S * 0.9 + 0.1;
                double Decay = Decay;
                const double Rho = Rho;
                double Step(double w, double g) => Step(w - g / Math.Sqrt(S), g);
                double M(double s = 1.0 / 0) => s / Math.Sqrt(s);
            }
            """,
        ["LambdasAndLocalFunctions"] = """
            using System;
            using System.Linq;
            class C
            {
                Func<double, double, double> update = (s, g) => 0.9 * s + 0.1 * g;
                void Step(double[] w, double[] g, double[] s)
                {
                    double Root(int i) => Math.Sqrt(s[i]);
                    Action<int> step = i => { s[i] = update(s[i], g[i]); w[i] -= g[i] / Root(i); };
                    Enumerable.Range(0, w.Length).ToList().ForEach(step);
                    var next = s.Select(x => x * 9 / 10 + g[0]).ToArray();
                }
            }
            """,
    };

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in Sources.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_analyzer_survives_the_source_alone(string sourceName)
    {
        var failures = new List<string>();
        foreach (var analyzer in TestCompilation.AllAnalyzers)
        {
            failures.AddRange(await new AnalyzerTest().WithAnalyzers(analyzer).WithSource(Sources[sourceName], sourceName + ".cs").ShouldNotThrow().ProblemsAsync());
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void The_error_sources_really_contain_errors()
    {
        // Sources that compiled cleanly would not exercise the analyzers' error paths at all.
        foreach (var name in new[] { "OnlyErrorDirective", "ErrorTypes", "WrongArity", "SelfReferentialAndRecursive" })
        {
            Assert.Contains(TestCompilation.Compile(Sources[name]).GetDiagnostics(), diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);
        }
    }
}
