using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RmsProp.Analyzers.Benchmarks;

/// <summary>
/// What the rules add to a compile: the same compilation checked without analyzers (the baseline), with the empty
/// control analyzer (<see cref="EmptyTypeAnalyzer"/>: what attaching any per-type analyzer costs) and with every RmsProp
/// rule, in one run, so the ratios are the shares. Each invocation clones the compilation, so no binding is reused
/// between invocations.
/// </summary>
[MemoryDiagnoser]
public class AnalyzerCostBenchmarks
{
    private Compilation _compilation = null!;
    private ImmutableArray<DiagnosticAnalyzer> _analyzers;

    /// <summary>Which code is compiled: the generated optimizer type, and the folders named by the environment.</summary>
    [ParamsSource(nameof(Sources))]
    public string Source { get; set; } = CostSources.GeneratedName;

    /// <summary>The generated type, and every folder of <c>RMSPROP_ANALYZER_BENCH_SOURCES</c>.</summary>
    public static IEnumerable<string> Sources() => CostSources.Names();

    /// <summary>Builds the compilation once; each benchmark invocation works on a fresh clone of it.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _compilation = CostSources.Compile(Source);
        _analyzers = CostSources.AllRules();
    }

    /// <summary>The compile without analyzers: parse is done, binding and compiler diagnostics are measured.</summary>
    [Benchmark(Baseline = true)]
    public int Compile() => _compilation.Clone().GetDiagnostics().Length;

    /// <summary>The same compile with the empty control analyzer attached.</summary>
    [Benchmark]
    public int CompileWithEmptyAnalyzer() => CostSources.CompileWith(_compilation, CostSources.Control);

    /// <summary>The same compile with every RmsProp rule attached.</summary>
    [Benchmark]
    public int CompileWithRules() => CostSources.CompileWith(_compilation, _analyzers);
}

/// <summary>The code the cost benchmarks compile.</summary>
public static class CostSources
{
    /// <summary>The name of the generated type with many step methods.</summary>
    public const string GeneratedName = "320 step methods";

    /// <summary>How many step methods the generated type has.</summary>
    public const int GeneratedSteps = 320;

    private const string SourcesVariable = "RMSPROP_ANALYZER_BENCH_SOURCES";
    private const string DefinesVariable = "RMSPROP_ANALYZER_BENCH_DEFINES";

    /// <summary>The generated type's name and every folder named by the environment (separated by the path separator).</summary>
    public static IEnumerable<string> Names()
    {
        yield return GeneratedName;
        foreach (string folder in (Environment.GetEnvironmentVariable(SourcesVariable) ?? string.Empty)
                     .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return folder;
        }
    }

    /// <summary>The empty control analyzer, alone.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Control { get; } = ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyTypeAnalyzer());

    /// <summary>
    /// Compiles a fresh clone of <paramref name="compilation"/> with <paramref name="analyzers"/> attached, the analyzers
    /// running concurrently or not as <paramref name="concurrent"/> says; the count of every diagnostic.
    /// </summary>
    public static int CompileWith(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, bool concurrent = true) =>
        compilation.Clone()
            .WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: concurrent,
                logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false))
            .GetAllDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult().Length;

    /// <summary>Every rule of the analyzer assembly.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> AllRules() =>
        typeof(RmsPropAnalyzer).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type)
                && type.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), inherit: false).Length > 0)
            .OrderBy(type => type.Name, StringComparer.Ordinal)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();

    /// <summary>A compilation of <paramref name="source"/> against the running runtime's assemblies, bound on several threads or one.</summary>
    public static Compilation Compile(string source, bool concurrent = true)
    {
        string[] defines = (Environment.GetEnvironmentVariable(DefinesVariable) ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries);
        var parse = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.None, preprocessorSymbols: defines);
        IEnumerable<string> texts = source == GeneratedName
            ? new[] { GenerateManySteps(GeneratedSteps) }
            : Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
                .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .OrderBy(path => path, StringComparer.Ordinal)
                .Select(File.ReadAllText);
        SyntaxTree[] trees = texts.Select(text => CSharpSyntaxTree.ParseText(text, parse)).ToArray();
        return CSharpCompilation.Create(
            "CostBenchmark",
            trees,
            RuntimeReferences(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: concurrent));
    }

    /// <summary>
    /// One optimizer type with <paramref name="steps"/> step methods, each a correct RMSProp update of its own average
    /// (so every rule has the whole type to read and nothing to report): the shape that made the cost grow with the
    /// square of a type's size.
    /// </summary>
    public static string GenerateManySteps(int steps)
    {
        var code = new StringBuilder();
        code.AppendLine("using System;");
        code.AppendLine("public sealed class ManySteps");
        code.AppendLine("{");
        code.AppendLine("    private const double Rho = 0.9;");
        code.AppendLine("    private const double Eps = 1e-8;");
        for (int k = 0; k < steps; k++)
        {
            code.AppendLine($"    private readonly double[] _s{k} = new double[16];");
        }

        for (int k = 0; k < steps; k++)
        {
            code.AppendLine($$"""
                    public void Step{{k}}(double[] w, double[] g, double lr)
                    {
                        for (int i = 0; i < w.Length; i++)
                        {
                            double gi = g[i];
                            _s{{k}}[i] = Rho * _s{{k}}[i] + (1 - Rho) * gi * gi;
                            double denominator = Math.Sqrt(_s{{k}}[i]) + Eps;
                            w[i] -= lr * gi / denominator;
                        }
                    }
                """);
        }

        code.AppendLine("}");
        return code.ToString();
    }

    private static ImmutableArray<MetadataReference> RuntimeReferences() =>
        ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => Path.GetFileName(path).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
}
