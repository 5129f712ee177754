using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Running;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RmsProp.Analyzers.Benchmarks;

// `dotnet run -c Release --project benchmarks/RmsProp.Analyzers.Benchmarks -- --filter '*'` runs the cost benchmarks
// (RMSPROP_ANALYZER_BENCH_SOURCES names folders of real code to compile beside the generated type; add `--job short`
// on a small machine). `-- cpu [rounds] [serial]` instead measures the processor time of the three compiles of each
// source (no analyzer, the empty control, every rule) in interleaved rounds, the figure to read on a shared machine,
// where the wall clock also counts other processes; `serial` compiles and analyses on one thread, so no time spent
// waiting or spinning between the driver's threads is counted.
if (args.Length > 0 && args[0] == "parts")
{
    CostParts.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10);
    return;
}

if (args.Length > 0 && args[0] == "cpu")
{
    int rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
    bool serial = args.Contains("serial");
    Console.WriteLine($"load average at start: {LoadAverage()}; {Environment.ProcessorCount} processors; {rounds} rounds after one warm-up round; {(serial ? "serial (one thread)" : "concurrent")} compile and analysis");
    foreach (string source in CostSources.Names())
    {
        Compilation compilation = CostSources.Compile(source, concurrent: !serial);
        ImmutableArray<DiagnosticAnalyzer> rules = CostSources.AllRules();
        var configurations = new (string Name, Func<int> Run)[]
        {
            ("compile", () => compilation.Clone().GetDiagnostics().Length),
            ("compile + empty control", () => CostSources.CompileWith(compilation, CostSources.Control, concurrent: !serial)),
            ("compile + rules", () => CostSources.CompileWith(compilation, rules, concurrent: !serial)),
        };
        var cpu = configurations.ToDictionary(c => c.Name, _ => new List<double>());
        var wall = configurations.ToDictionary(c => c.Name, _ => new List<double>());
        var allocated = configurations.ToDictionary(c => c.Name, _ => new List<double>());
        var diagnostics = new Dictionary<string, int>();

        // Interleaved: each round runs the three once, so a burst of load elsewhere stretches all three alike; odd
        // rounds run them in reverse order, so whatever the position in a round costs (a GC left over, a cache
        // warmed by the one before) falls on each configuration alike.
        for (int round = 0; round <= rounds; round++)
        {
            var order = round % 2 == 0 ? configurations : configurations.Reverse().ToArray();
            foreach ((string name, Func<int> run) in order)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var process = Process.GetCurrentProcess();
                TimeSpan cpuStart = process.TotalProcessorTime;
                long allocatedStart = GC.GetTotalAllocatedBytes(precise: true);
                var watch = Stopwatch.StartNew();
                diagnostics[name] = run();
                watch.Stop();
                process.Refresh();
                if (round == 0)
                {
                    continue;   // warm-up: JIT and first-use costs of the compiler stay out of the numbers
                }

                cpu[name].Add((process.TotalProcessorTime - cpuStart).TotalMilliseconds);
                wall[name].Add(watch.Elapsed.TotalMilliseconds);
                allocated[name].Add((GC.GetTotalAllocatedBytes(precise: true) - allocatedStart) / 1048576.0);
            }
        }

        double baseline = Median(cpu["compile"]);
        Console.WriteLine($"{source} (load average now {LoadAverage()}):");
        foreach ((string name, _) in configurations)
        {
            double median = Median(cpu[name]);
            Console.WriteLine($"  {name,-24} CPU median {median,8:F0} ms (min {cpu[name].Min(),6:F0}, max {cpu[name].Max(),6:F0})  {100 * (median / baseline - 1),6:F1}% over compile  wall median {Median(wall[name]),8:F0} ms  {Median(allocated[name]),6:F0} MB  {diagnostics[name]} diagnostics");
        }

        // Per round, the ratio of the two analyzer configurations: both ran in the same round, under the same load.
        var ratios = cpu["compile + rules"].Zip(cpu["compile + empty control"], (r, c) => r / c).ToList();
        Console.WriteLine($"  rules / control, per round: median {Median(ratios):F3} (95% CI of the median {MedianInterval(ratios)}; min {ratios.Min():F3}, max {ratios.Max():F3})");
        Console.WriteLine($"  rules / control, per round, in order: {string.Join(" ", ratios.Select(r => r.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))}");

        // The rules' own share of the compile: (rules - control) / compile, per round.
        var shares = cpu["compile + rules"].Select((r, i) => 100 * (r - cpu["compile + empty control"][i]) / cpu["compile"][i]).ToList();
        Console.WriteLine($"  (rules - control) / compile, per round: median {Median(shares):F2}% (95% CI of the median {MedianInterval(shares, "F2")}%)");
        var control = cpu["compile + empty control"].Select((c, i) => 100 * (c / cpu["compile"][i] - 1)).ToList();
        Console.WriteLine($"  control / compile - 1, per round: median {Median(control):F2}% (95% CI of the median {MedianInterval(control, "F2")}%)");
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(AnalyzerCostBenchmarks).Assembly).Run(args);

static double Median(List<double> values)
{
    var sorted = values.OrderBy(v => v).ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

// A distribution-free 95% interval for the median: the order statistics whose ranks a binomial(n, 1/2) puts ~1.96
// standard deviations either side of n/2 (a normal approximation, fair from about ten rounds on).
static string MedianInterval(List<double> values, string format = "F3")
{
    var sorted = values.OrderBy(v => v).ToList();
    int n = sorted.Count;
    int half = (int)Math.Ceiling(1.96 * Math.Sqrt(n) / 2);
    int lower = Math.Max(0, (n + 1) / 2 - 1 - half);
    int upper = Math.Min(n - 1, n / 2 + half);
    var culture = System.Globalization.CultureInfo.InvariantCulture;
    return $"{sorted[lower].ToString(format, culture)}-{sorted[upper].ToString(format, culture)}";
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
