using System;
using System.Linq;
using System.Threading;
using BenchmarkDotNet.Running;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RmsProp.Analyzers.Benchmarks;

// `dotnet run -c Release --project benchmarks/RmsProp.Analyzers.Benchmarks -- --filter '*'` runs the cost benchmarks
// (RMSPROP_ANALYZER_BENCH_SOURCES names folders of real code to compile beside the generated type; add `--job short`
// on a small machine). `-- telemetry` instead prints the driver's own per-rule execution times for each source, the
// numbers `dotnet build /p:ReportAnalyzer=true` reports.
if (args.Length > 0 && args[0] == "telemetry")
{
    foreach (string source in CostSources.Names())
    {
        Compilation compilation = CostSources.Compile(source);
        var analyzers = CostSources.AllRules();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: true);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        int compilerDiagnostics = compilation.Clone().GetDiagnostics().Length;
        TimeSpan compile = watch.Elapsed;
        var withAnalyzers = compilation.Clone().WithAnalyzers(analyzers, options);
        watch.Restart();
        var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        TimeSpan analyze = watch.Elapsed;
        TimeSpan total = TimeSpan.Zero;
        Console.WriteLine($"{source}: compile {compile.TotalMilliseconds:F0} ms ({compilerDiagnostics} compiler diagnostics), analyzer pass {analyze.TotalMilliseconds:F0} ms, {diagnostics.Length} findings");
        foreach (DiagnosticAnalyzer analyzer in analyzers)
        {
            TimeSpan time = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime;
            total += time;
            Console.WriteLine($"  {analyzer.GetType().Name,-40} {time.TotalMilliseconds,8:F1} ms");
        }

        Console.WriteLine($"  {"all rules",-40} {total.TotalMilliseconds,8:F1} ms = {100 * total.TotalMilliseconds / compile.TotalMilliseconds:F2}% of the compile");
        foreach (var group in diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key))
        {
            Console.WriteLine($"  {group.Key}: {group.Count()}");
        }
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(AnalyzerCostBenchmarks).Assembly).Run(args);
