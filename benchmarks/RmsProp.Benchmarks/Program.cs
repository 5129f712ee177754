using System;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;
using RmsProp.Benchmarks;

// dotnet run -c Release --project benchmarks/RmsProp.Benchmarks -- --table --filter '*'   the whole comparison
//     (BenchmarkDotNet, then PyTorch in the same command), printed as the table of benchmarks/README.md
// dotnet run -c Release --project benchmarks/RmsProp.Benchmarks -- --smoke   every benchmark body once at N = 1000 (seconds)
// dotnet run -c Release --project benchmarks/RmsProp.Benchmarks -- --quick --filter '*Threshold*'   the table's job for a
//     few benchmarks, without the table or PyTorch: same-run ratios while looking for something
// dotnet run -c Release --project benchmarks/RmsProp.Benchmarks -- --handoff   what reaching a sleeping helper thread costs
// dotnet run -c Release --project benchmarks/RmsProp.Benchmarks -- --faults   page faults and processor time of the pure step at 10^7
//     (set DOTNET_GCRetainVM=1, DOTNET_gcConcurrent=0, ... around it to see what a collector setting changes)
// dotnet run -c Release --project benchmarks/RmsProp.Benchmarks -- --filter '*Step*'   plain BenchmarkDotNet
if (args.Contains("--smoke"))
{
    return Smoke.Run();
}

if (args.Contains("--handoff"))
{
    return HandOff.Run();
}

if (args.Contains("--faults"))
{
    return Faults.Run();
}

if (args.Contains("--table") || args.Contains("--quick"))
{
    // Short iterations, many of them: 2 types x 3 sizes x ~20 cases must fit in minutes on 2 cores. In process:
    // building a project per benchmark takes minutes on a busy 2-core machine and can time out.
    IConfig config = DefaultConfig.Instance
        .AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15).WithIterationTime(TimeInterval.FromMilliseconds(120))
            .WithToolchain(InProcessEmitToolchain.Instance))
        .WithOptions(ConfigOptions.JoinSummary);
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Where(a => a is not ("--table" or "--quick")).ToArray(), config);
    if (args.Contains("--table"))
    {
        Console.WriteLine(Table.Build(summaries, PyTorch.Run()));
    }

    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
