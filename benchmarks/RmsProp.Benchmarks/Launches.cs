using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace RmsProp.Benchmarks;

/// <summary>One benchmark's result in one launch: the median time of a call and the bytes allocated per call on all threads.</summary>
internal sealed record BenchmarkRow(string Class, string Type, string Method, int N, double Nanoseconds, long? Allocated);

/// <summary>The rows and PyTorch times of one process.</summary>
internal sealed record Launch(string Name, List<BenchmarkRow> Rows, List<TorchTime> Torch);

/// <summary>
/// The one command's run (<c>--table</c>): the benchmarks in several processes (launches), because a result moves
/// between processes by more than within one (benchmarks/README.md, "The one command"), then the tables.
/// </summary>
/// <remarks>
/// <para>Launch 1 runs every benchmark selected by <c>--filter</c>; launches 2 to 5 run only the rows the targets of
/// issue 12 read (<see cref="TargetCase"/>), so the whole command stays within ~20 minutes on the 2-core machine; a
/// last launch runs <see cref="FreshOutputBenchmarks{T}"/> with <c>DOTNET_GCRetainVM=1</c>, a setting of the whole
/// process. Each launch is this program started again (<c>--launch-rows</c>) running BenchmarkDotNet in process: one
/// process per launch rather than BenchmarkDotNet's own out-of-process jobs, which build a project and start a
/// process for every benchmark (minutes of build on a busy 2-core machine, and a launch count per job instead of
/// per run). PyTorch runs after each launch's benchmarks, so each launch's ratios compare two measurements of the
/// same minute.</para>
/// </remarks>
internal static class Launches
{
    private const string RowsOption = "--launch-rows";
    private const string TargetsOption = "--targets";

    /// <summary>The sizes the targets read.</summary>
    private static readonly int[] TargetSizes = [100_000, 10_000_000];

    /// <summary>The rows of <see cref="StepBenchmarks{T}"/> the targets and their limits read.</summary>
    private static readonly string[] TargetSteps =
    [
        nameof(StepBenchmarks<double>.Roofline1), nameof(StepBenchmarks<double>.Roofline2), nameof(StepBenchmarks<double>.WithRoot),
        nameof(StepBenchmarks<double>.StepInPlace), nameof(StepBenchmarks<double>.KernelUnchecked), nameof(StepBenchmarks<double>.PureStep),
        nameof(StepBenchmarks<double>.ReadGradientThenRoofline),
    ];

    internal static bool IsLaunch(string[] args) => args.Contains(RowsOption);

    /// <summary>The parent: starts the launches, reads their rows, prints the tables.</summary>
    internal static int Run(string[] args)
    {
        int count = args.SkipWhile(a => a != "--launches").Skip(1).Select(int.Parse).FirstOrDefault(5);
        string[] filters = args.Where(a => a is not ("--table" or "--launches") && !int.TryParse(a, out _)).ToArray();
        var launches = new List<Launch>();
        var watch = Stopwatch.StartNew();
        for (int launch = 1; launch <= count; launch++)
        {
            string[] what = launch == 1 ? filters : [TargetsOption];
            List<BenchmarkRow> rows = Start($"launch {launch}", what, environment: null);
            List<TorchTime> torch = launch == 1 ? PyTorch.Run() : PyTorch.Run(tunedOnly: true, "--sizes", "100000", "10000000");
            launches.Add(new Launch($"launch {launch}", rows, torch));
            Console.Error.WriteLine($"launch {launch} done at {watch.Elapsed.TotalMinutes:0.0} min");
        }

        var retain = new Launch(
            "DOTNET_GCRetainVM=1",
            Start("launch with DOTNET_GCRetainVM=1", ["--filter", "*FreshOutput*"], ("DOTNET_GCRetainVM", "1")),
            []);
        Console.Error.WriteLine($"all launches done at {watch.Elapsed.TotalMinutes:0.0} min");
        Console.WriteLine(Table.Build(launches, retain));
        return 0;
    }

    /// <summary>A child: runs BenchmarkDotNet in this process and writes its rows, one JSON object per line.</summary>
    internal static int RunLaunch(string[] args)
    {
        string file = args.SkipWhile(a => a != RowsOption).Skip(1).First();
        IConfig config = Config();
        Summary[] summaries = args.Contains(TargetsOption)
            ? BenchmarkRunner.Run(TargetInfos(config))
            : BenchmarkSwitcher.FromAssembly(typeof(Launches).Assembly).Run(args.Where(a => a != RowsOption && a != file).ToArray(), config).ToArray();
        using var writer = new StreamWriter(file);
        foreach (BenchmarkRow row in Rows(summaries))
        {
            writer.WriteLine(JsonSerializer.Serialize(row));
        }

        return 0;
    }

    /// <summary>
    /// Short iterations, many of them: 2 types x 3 sizes x ~20 cases must fit in minutes on 2 cores. In process:
    /// see the class remarks.
    /// </summary>
    internal static IConfig Config() =>
        DefaultConfig.Instance
            .AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15).WithIterationTime(TimeInterval.FromMilliseconds(120))
                .WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.JoinSummary);

    /// <summary>Whether the targets read this case (it then runs in every launch).</summary>
    internal static bool TargetCase(BenchmarkCase benchmark)
    {
        string method = benchmark.Descriptor.WorkloadMethod.Name;
        Type open = benchmark.Descriptor.Type.GetGenericTypeDefinition();
        int n = benchmark.Parameters.Items.FirstOrDefault(p => p.Name == "N")?.Value is int value ? value : 0;
        return open == typeof(StepBenchmarks<>) ? TargetSteps.Contains(method) && TargetSizes.Contains(n)
            : open == typeof(MultiTensorBenchmarks<>) && method is nameof(MultiTensorBenchmarks<double>.Model) or nameof(MultiTensorBenchmarks<double>.ModelListed) or nameof(MultiTensorBenchmarks<double>.OneTensor) or nameof(MultiTensorBenchmarks<double>.KernelAlone);
    }

    private static BenchmarkRunInfo[] TargetInfos(IConfig config) =>
        // The multi-tensor rows first, in a fresh process: after the 10^7 steps (their pure steps allocate 80-160 MB a
        // call) the same rows measured 20-30 points lower (`-- --interleaved`); launch 1 runs them after other classes.
        [.. new[] { typeof(MultiTensorBenchmarks<float>), typeof(MultiTensorBenchmarks<double>), typeof(StepBenchmarks<float>), typeof(StepBenchmarks<double>) }
            .Select(type => BenchmarkConverter.TypeToBenchmarks(type, config))
            .Select(info => new BenchmarkRunInfo([.. info.BenchmarksCases.Where(TargetCase)], info.Type, info.Config))];

    private static IEnumerable<BenchmarkRow> Rows(IEnumerable<Summary> summaries)
    {
        foreach (BenchmarkReport report in summaries.SelectMany(s => s.Reports))
        {
            if (report.ResultStatistics is null)
            {
                continue;
            }

            Type type = report.BenchmarkCase.Descriptor.Type;
            yield return new BenchmarkRow(
                type.Name[..type.Name.IndexOf('`')],
                type.GetGenericArguments()[0].Name,
                report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\''),
                report.BenchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "N")?.Value is int value ? value : 1_000_000,
                report.ResultStatistics.Median,
                report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase));
        }
    }

    /// <summary>Starts this program again as one launch and reads the rows it wrote.</summary>
    private static List<BenchmarkRow> Start(string name, string[] what, (string Name, string Value)? environment)
    {
        string file = Path.GetTempFileName();
        try
        {
            // Under `dotnet run` the process is the apphost; under `dotnet RmsProp.Benchmarks.dll`, dotnet itself.
            string host = Environment.ProcessPath!;
            var start = new ProcessStartInfo(host) { UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            {
                start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
            }

            foreach (string argument in what.Concat([RowsOption, file]))
            {
                start.ArgumentList.Add(argument);
            }

            if (environment is { } variable)
            {
                start.Environment[variable.Name] = variable.Value;
            }

            Console.Error.WriteLine($"== {name}: {string.Join(' ', start.ArgumentList)}");
            using Process process = Process.Start(start)!;
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Console.Error.WriteLine($"{name} exited with {process.ExitCode}");
            }

            return [.. File.ReadLines(file).Select(line => JsonSerializer.Deserialize<BenchmarkRow>(line)!)];
        }
        finally
        {
            File.Delete(file);
        }
    }
}
