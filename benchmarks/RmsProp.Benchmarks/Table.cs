using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Reports;

namespace RmsProp.Benchmarks;

/// <summary>
/// Turns one run's BenchmarkDotNet summaries and PyTorch times into the table of benchmarks/README.md: GB/s of the
/// minimum traffic (each array the step must read or write, once), the share of the best same-run roofline with as
/// many arrays, and the speed-up over PyTorch's best configuration.
/// </summary>
internal static class Table
{
    private static readonly int[] Sizes = [1_000, 100_000, 10_000_000];
    private static readonly string[] Types = ["Single", "Double"];

    private sealed record Row(string Class, string Type, string Method, int N, double Nanoseconds, long? Allocated, int Arrays)
    {
        public double Bytes => (double)Arrays * N * (Type == "Single" ? 4 : 8);

        public double GigabytesPerSecond => Bytes / Nanoseconds;
    }

    internal static string Build(IEnumerable<Summary> summaries, List<TorchTime> torch)
    {
        var rows = new List<Row>();
        foreach (BenchmarkReport report in summaries.SelectMany(s => s.Reports))
        {
            if (report.ResultStatistics is null)
            {
                continue;
            }

            Type type = report.BenchmarkCase.Descriptor.Type;
            string @class = type.Name[..type.Name.IndexOf('`')];
            int n = report.BenchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "N")?.Value is int value ? value : 1_000_000;
            rows.Add(new Row(
                @class,
                type.GetGenericArguments()[0].Name,
                report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\''),
                n,
                report.ResultStatistics.Median,
                report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase),
                @class == nameof(CenteredMomentumBenchmarks<double>) ? 9 : 5));
        }

        foreach (var best in torch.GroupBy(t => (t.Allocator, t.DType, t.N)))
        {
            TorchTime fastest = best.MinBy(t => t.MedianNanoseconds)!;
            rows.Add(new Row(
                "StepBenchmarks",
                best.Key.DType == "float32" ? "Single" : "Double",
                $"PyTorch {best.Key.Allocator} (best: {fastest.Threads} thread(s), foreach={fastest.Foreach})",
                best.Key.N,
                fastest.MedianNanoseconds,
                null,
                5));
        }

        var text = new StringBuilder();
        text.AppendLine("GB/s of the minimum traffic, and the share of the best same-run roofline with as many arrays (median times):");
        text.AppendLine();
        text.AppendLine("| | " + string.Join(" | ", Types.SelectMany(t => Sizes.Select(n => $"{(t == "Single" ? "float" : "double")} {Power(n)}"))) + " | allocated per call, float 10^7 / double 10^7 |");
        text.AppendLine("| --- | " + string.Join(" | ", Enumerable.Repeat("---:", Types.Length * Sizes.Length)) + " | ---: |");
        foreach (var group in rows.Where(r => r.Class is not (nameof(MultiTensorBenchmarks<double>) or nameof(ThresholdBenchmarks<double>) or nameof(FreshOutputBenchmarks<double>))).GroupBy(r => (r.Class, Method: r.Method.StartsWith("PyTorch", StringComparison.Ordinal) ? r.Method[..r.Method.IndexOf(" (", StringComparison.Ordinal)] : r.Method)))
        {
            var cells = new List<string>();
            foreach (string type in Types)
            {
                foreach (int n in Sizes)
                {
                    Row? row = group.FirstOrDefault(r => r.Type == type && r.N == n);
                    double? roofline = rows.Where(r => r.Class == group.Key.Class && r.Type == type && r.N == n && r.Method.StartsWith("Roofline", StringComparison.Ordinal)).Select(r => (double?)r.Nanoseconds).Min();
                    cells.Add(row is null ? "" : roofline is null ? Format(row.GigabytesPerSecond) : $"{Format(row.GigabytesPerSecond)} ({roofline.Value / row.Nanoseconds:P0})");
                }
            }

            string Allocated(string type) =>
                group.FirstOrDefault(r => r.Type == type && r.N == 10_000_000)?.Allocated is long bytes ? $"{bytes:N0} B" : "";
            string allocated = Allocated("Single") is { Length: > 0 } single ? $"{single} / {Allocated("Double")}" : "";
            text.AppendLine($"| {group.Key.Method} | {string.Join(" | ", cells)} | {allocated} |");
        }

        text.AppendLine();
        text.AppendLine("Speed-up over PyTorch's best configuration with the allocator tuned (its time / ours):");
        text.AppendLine();
        text.AppendLine("| | " + string.Join(" | ", Types.SelectMany(t => Sizes.Select(n => $"{(t == "Single" ? "float" : "double")} {Power(n)}"))) + " |");
        text.AppendLine("| --- | " + string.Join(" | ", Enumerable.Repeat("---:", Types.Length * Sizes.Length)) + " |");
        foreach (string method in rows.Where(r => r.Class == nameof(StepBenchmarks<double>) && !r.Method.StartsWith("PyTorch", StringComparison.Ordinal)).Select(r => r.Method).Distinct())
        {
            var cells = new List<string>();
            foreach (string type in Types)
            {
                foreach (int n in Sizes)
                {
                    Row? ours = rows.FirstOrDefault(r => r.Class == nameof(StepBenchmarks<double>) && r.Method == method && r.Type == type && r.N == n);
                    Row? theirs = rows.FirstOrDefault(r => r.Method.StartsWith("PyTorch allocator tuned", StringComparison.Ordinal) && r.Type == type && r.N == n);
                    cells.Add(ours is null || theirs is null ? "" : $"{theirs.Nanoseconds / ours.Nanoseconds:0.00}x");
                }
            }

            text.AppendLine($"| {method} | {string.Join(" | ", cells)} |");
        }

        text.AppendLine();
        text.AppendLine("Many tensors against one (10^6 coordinates either way):");
        text.AppendLine();
        text.AppendLine("| | float | double |");
        text.AppendLine("| --- | ---: | ---: |");
        var multi = rows.Where(r => r.Class == nameof(MultiTensorBenchmarks<double>)).ToList();
        foreach (string method in multi.Select(r => r.Method).Distinct())
        {
            string Cell(string type)
            {
                Row? row = multi.FirstOrDefault(r => r.Method == method && r.Type == type);
                Row? one = multi.Where(r => r.Type == type && r.Method.StartsWith("One tensor", StringComparison.Ordinal)).FirstOrDefault();
                return row is null ? "" : one is null ? Format(row.GigabytesPerSecond) : $"{Format(row.GigabytesPerSecond)} ({one.Nanoseconds / row.Nanoseconds:P0} of one tensor)";
            }

            text.AppendLine($"| {method} | {Cell("Single")} | {Cell("Double")} |");
        }

        var fresh = rows.Where(r => r.Class == nameof(FreshOutputBenchmarks<double>)).ToList();
        if (fresh.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("What the pure step's fresh outputs cost at 10^7 (GB/s, share of the same class's 2-thread roofline, allocated per call):");
            text.AppendLine();
            text.AppendLine("| | float | double |");
            text.AppendLine("| --- | ---: | ---: |");
            foreach (string method in fresh.Select(r => r.Method).Distinct())
            {
                string Cell(string type)
                {
                    Row? row = fresh.FirstOrDefault(r => r.Method == method && r.Type == type);
                    Row? roofline = fresh.FirstOrDefault(r => r.Type == type && r.Method.StartsWith("Roofline", StringComparison.Ordinal));
                    return row is null ? "" : roofline is null ? Format(row.GigabytesPerSecond)
                        : $"{Format(row.GigabytesPerSecond)} ({roofline.Nanoseconds / row.Nanoseconds:P0}), {row.Allocated ?? 0:N0} B";
                }

                text.AppendLine($"| {method} | {Cell("Single")} | {Cell("Double")} |");
            }
        }

        var threshold = rows.Where(r => r.Class == nameof(ThresholdBenchmarks<double>)).ToList();
        if (threshold.Count > 0)
        {
            int[] lengths = [.. threshold.Select(r => r.N).Distinct().Order()];
            text.AppendLine();
            text.AppendLine("Where two threads start to pay (median time of one step; the ratio is one thread's time over two threads'):");
            text.AppendLine();
            text.AppendLine("| | " + string.Join(" | ", lengths.Select(n => n.ToString("N0", CultureInfo.InvariantCulture))) + " |");
            text.AppendLine("| --- | " + string.Join(" | ", lengths.Select(_ => "---:")) + " |");
            foreach (string type in Types)
            {
                string Time(string method, int n) =>
                    threshold.FirstOrDefault(r => r.Type == type && r.N == n && r.Method == method) is { } row ? $"{row.Nanoseconds / 1000:0.0} us" : "";
                string name = type == "Single" ? "float" : "double";
                foreach (string method in threshold.Select(r => r.Method).Distinct())
                {
                    text.AppendLine($"| {name}, {method} | {string.Join(" | ", lengths.Select(n => Time(method, n)))} |");
                }

                text.AppendLine($"| {name}, one thread / two threads | {string.Join(" | ", lengths.Select(n => Ratio(type, n)))} |");
            }

            string Ratio(string type, int n)
            {
                Row? one = threshold.FirstOrDefault(r => r.Type == type && r.N == n && r.Method.EndsWith("1 thread", StringComparison.Ordinal));
                Row? two = threshold.FirstOrDefault(r => r.Type == type && r.N == n && r.Method.EndsWith("2 threads", StringComparison.Ordinal));
                return one is null || two is null ? "" : $"{one.Nanoseconds / two.Nanoseconds:0.00}x";
            }
        }

        return text.ToString();
    }

    private static string Power(int n) => n switch { 1_000 => "10^3", 100_000 => "10^5", 10_000_000 => "10^7", _ => n.ToString(CultureInfo.InvariantCulture) };

    private static string Format(double gigabytesPerSecond) => gigabytesPerSecond.ToString("0.0", CultureInfo.InvariantCulture) + " GB/s";
}
