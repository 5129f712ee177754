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
    // Each source is compiled and analysed twice and the second round is reported, so JIT and first-use costs of
    // the compiler stay out of the numbers.
    foreach (string source in CostSources.Names())
    {
        Compilation compilation = CostSources.Compile(source);
        var analyzers = CostSources.AllRules();
        for (int round = 1; round <= 2; round++)
        {
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: true);
            // Processor time as well as wall time: on a shared machine the wall clock also counts other processes.
            var process = System.Diagnostics.Process.GetCurrentProcess();
            TimeSpan cpuStart = process.TotalProcessorTime;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            int compilerDiagnostics = compilation.Clone().GetDiagnostics().Length;
            TimeSpan compile = watch.Elapsed;
            process.Refresh();
            TimeSpan compileCpu = process.TotalProcessorTime - cpuStart;
            var withAnalyzers = compilation.Clone().WithAnalyzers(analyzers, options);
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            process.Refresh();
            cpuStart = process.TotalProcessorTime;
            watch.Restart();
            var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
            TimeSpan analyze = watch.Elapsed;
            process.Refresh();
            TimeSpan analyzeCpu = process.TotalProcessorTime - cpuStart;
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            if (round == 1)
            {
                continue;
            }

            TimeSpan total = TimeSpan.Zero;
            Console.WriteLine($"{source}: compile {compile.TotalMilliseconds:F0} ms wall, {compileCpu.TotalMilliseconds:F0} ms CPU ({compilerDiagnostics} compiler diagnostics); compile + rules {analyze.TotalMilliseconds:F0} ms wall, {analyzeCpu.TotalMilliseconds:F0} ms CPU (rules {100 * (analyzeCpu.TotalMilliseconds / compileCpu.TotalMilliseconds - 1):F1}% of the compile's CPU), {allocated / 1048576.0:F0} MB allocated; {diagnostics.Length} findings");
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
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(AnalyzerCostBenchmarks).Assembly).Run(args);
