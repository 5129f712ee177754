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

    /// <summary>
    /// The tables of benchmarks/README.md: every row from the first launch (the one that ran every benchmark), the
    /// pure step's rows under <c>DOTNET_GCRetainVM=1</c> from <paramref name="retain"/>, and the ratios the targets
    /// read in every launch, each from that launch's own rows.
    /// </summary>
    internal static string Build(List<Launch> launches, Launch retain)
    {
        List<Row> rows = RowsOf(launches[0]);
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

        const string Retained = ", in a process with DOTNET_GCRetainVM=1";
        var fresh = rows.Where(r => r.Class == nameof(FreshOutputBenchmarks<double>))
            .Concat(RowsOf(retain).Where(r => r.Class == nameof(FreshOutputBenchmarks<double>)).Select(r => r with { Method = r.Method + Retained }))
            .ToList();
        if (fresh.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("What the pure step's fresh outputs cost at 10^7 (GB/s, share of the 2-thread roofline of the same class and process, allocated per call):");
            text.AppendLine();
            text.AppendLine("| | float | double |");
            text.AppendLine("| --- | ---: | ---: |");
            foreach (string method in fresh.Select(r => r.Method).Distinct())
            {
                string Cell(string type)
                {
                    Row? row = fresh.FirstOrDefault(r => r.Method == method && r.Type == type);
                    Row? roofline = fresh.FirstOrDefault(r => r.Type == type && r.Method.StartsWith("Roofline", StringComparison.Ordinal)
                        && r.Method.EndsWith(Retained, StringComparison.Ordinal) == method.EndsWith(Retained, StringComparison.Ordinal));
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

        AppendTargets(text, launches);
        return text.ToString();
    }

    /// <summary>
    /// The ratios the targets of issue 12 read, and the rows that show what limits them, computed in each launch from
    /// that launch's own rows (its roofline, its PyTorch), then the median across launches and every launch's value.
    /// </summary>
    private static void AppendTargets(StringBuilder text, List<Launch> launches)
    {
        var perLaunch = launches.Select(RowsOf).ToList();
        double? Time(List<Row> rows, string @class, string method, string type, int n) =>
            rows.FirstOrDefault(r => r.Class == @class && r.Method == method && r.Type == type && r.N == n)?.Nanoseconds;
        double? Roofline(List<Row> rows, string type, int n) =>
            rows.Where(r => r.Class == nameof(StepBenchmarks<double>) && r.Type == type && r.N == n && r.Method.StartsWith("Roofline", StringComparison.Ordinal))
                .Select(r => (double?)r.Nanoseconds).Min();
        double? Torch(List<Row> rows, string type, int n) =>
            rows.FirstOrDefault(r => r.Method.StartsWith("PyTorch allocator tuned", StringComparison.Ordinal) && r.Type == type && r.N == n)?.Nanoseconds;
        Func<List<Row>, string, double?> Share(string method, int n) =>
            (rows, type) => Roofline(rows, type, n) / Time(rows, nameof(StepBenchmarks<double>), method, type, n);
        Func<List<Row>, string, double?> OverTorch(string method, int n) =>
            (rows, type) => Torch(rows, type, n) / Time(rows, nameof(StepBenchmarks<double>), method, type, n);
        const string Multi = nameof(MultiTensorBenchmarks<double>);
        const string RootAndDivide = "Same traffic with the step's sqrt and divide, 2 threads";
        const string Unchecked = "Kernel alone, no gradient check";
        const string ReadTwice = "Read g, then the same traffic (g read twice), 2 threads";
        var targets = new (string Name, bool Speedup, Func<List<Row>, string, double?> Value)[]
        {
            ("StepInPlace, 10^7, share of the roofline (target >= 90 %)", false, Share("StepInPlace", 10_000_000)),
            ("  limit: read g, then the same traffic (g read twice), 10^7", false, Share(ReadTwice, 10_000_000)),
            ("  limit: that read of g plus the kernel alone (roofline / (read-twice - roofline + kernel alone)), 10^7", false, (rows, type) =>
                Roofline(rows, type, 10_000_000) / (Time(rows, nameof(StepBenchmarks<double>), ReadTwice, type, 10_000_000) - Roofline(rows, type, 10_000_000)
                    + Time(rows, nameof(StepBenchmarks<double>), Unchecked, type, 10_000_000))),
            ("  limit: kernel alone, no gradient check, 10^7", false, Share(Unchecked, 10_000_000)),
            ("  limit: same traffic with sqrt and divide, 10^7", false, Share(RootAndDivide, 10_000_000)),
            ("StepInPlace, 10^5, share of the roofline (target >= 60 %)", false, Share("StepInPlace", 100_000)),
            ("  limit: kernel alone, no gradient check, 10^5", false, Share(Unchecked, 100_000)),
            ("  limit: same traffic with sqrt and divide, 10^5", false, Share(RootAndDivide, 100_000)),
            ("Step (pure), 10^7, share of the roofline (target >= 60 %)", false, Share("Step (pure)", 10_000_000)),
            ("StepInPlace over PyTorch allocator tuned, 10^7 (target >= 2.5x)", true, OverTorch("StepInPlace", 10_000_000)),
            ("  limit: the roofline over PyTorch, 10^7", true, (rows, type) => Torch(rows, type, 10_000_000) / Roofline(rows, type, 10_000_000)),
            ("  limit: read g, then the same traffic, over PyTorch, 10^7", true, OverTorch(ReadTwice, 10_000_000)),
            ("  limit: same traffic with sqrt and divide over PyTorch, 10^7", true, OverTorch(RootAndDivide, 10_000_000)),
            ("StepInPlace over PyTorch allocator tuned, 10^5 (target >= 2x)", true, OverTorch("StepInPlace", 100_000)),
            ("  limit: the roofline over PyTorch, 10^5", true, (rows, type) => Torch(rows, type, 100_000) / Roofline(rows, type, 100_000)),
            ("  limit: same traffic with sqrt and divide over PyTorch, 10^5", true, OverTorch(RootAndDivide, 100_000)),
            ("Multi-tensor 1,000 x 10^3, gradients listed in tensor order, share of one 10^6 tensor (target >= 80 %)", false, (rows, type) =>
                Time(rows, Multi, "One tensor of 10^6, StepInPlace", type, 1_000_000) / Time(rows, Multi, "1,000 x 10^3, RmsPropModel.StepInPlace, gradients listed in tensor order", type, 1_000_000)),
            ("  the same with the gradients by name (1,000 dictionary lookups a step)", false, (rows, type) =>
                Time(rows, Multi, "One tensor of 10^6, StepInPlace", type, 1_000_000) / Time(rows, Multi, "1,000 x 10^3, RmsPropModel.StepInPlace (one multi-tensor call)", type, 1_000_000)),
            ("  limit: the kernel's multi-tensor call alone (no lookup by name)", false, (rows, type) =>
                Time(rows, Multi, "One tensor of 10^6, StepInPlace", type, 1_000_000) / Time(rows, Multi, "1,000 x 10^3, the kernel's multi-tensor call alone (gradients found beforehand)", type, 1_000_000)),
        };

        text.AppendLine();
        text.AppendLine($"The targets, launch by launch ({launches.Count} processes; each ratio from its own launch's rows; the median, then each launch's value):");
        text.AppendLine();
        text.AppendLine("| | float | double |");
        text.AppendLine("| --- | ---: | ---: |");
        foreach (var target in targets)
        {
            string Cell(string type)
            {
                var values = perLaunch.Select(rows => target.Value(rows, type)).ToList();
                var known = values.Where(v => v is not null).Select(v => v!.Value).Order().ToList();
                if (known.Count == 0)
                {
                    return "";
                }

                string Format(double? value) => value is not double v ? "-" : target.Speedup ? $"{v:0.00}x" : $"{v * 100:0}%";
                double median = known.Count % 2 == 1 ? known[known.Count / 2] : (known[(known.Count / 2) - 1] + known[known.Count / 2]) / 2;
                return $"{Format(median)} ({string.Join(", ", values.Select(Format))})";
            }

            text.AppendLine($"| {target.Name.Replace("  limit: ", "&nbsp;&nbsp;limit: ", StringComparison.Ordinal)} | {Cell("Single")} | {Cell("Double")} |");
        }
    }

    /// <summary>One launch's benchmark rows and its best PyTorch configurations, as rows with their minimum traffic.</summary>
    private static List<Row> RowsOf(Launch launch)
    {
        var rows = launch.Rows
            .Select(r => new Row(r.Class, r.Type, r.Method, r.N, r.Nanoseconds, r.Allocated, r.Class == nameof(CenteredMomentumBenchmarks<double>) ? 9 : 5))
            .ToList();
        foreach (var best in launch.Torch.GroupBy(t => (t.Allocator, t.DType, t.N)))
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

        return rows;
    }

    private static string Power(int n) => n switch { 1_000 => "10^3", 100_000 => "10^5", 10_000_000 => "10^7", _ => n.ToString(CultureInfo.InvariantCulture) };

    private static string Format(double gigabytesPerSecond) => gigabytesPerSecond.ToString("0.0", CultureInfo.InvariantCulture) + " GB/s";
}
