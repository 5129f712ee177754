using System;
using System.Linq;
using BenchmarkDotNet.Running;
using RmsProp.Benchmarks;

// dotnet run -c Release --project benchmarks/RmsProp.Benchmarks -- --table --filter '*'   the whole comparison
//     (BenchmarkDotNet, then PyTorch, in 5 launches of this program and one with DOTNET_GCRetainVM=1: Launches.cs),
//     printed as the tables of benchmarks/README.md; --launches N for another number of launches
// dotnet run -c Release --project benchmarks/RmsProp.Benchmarks -- --smoke   every benchmark body once at N = 1000 (seconds)
// dotnet run -c Release --project benchmarks/RmsProp.Benchmarks -- --quick --filter '*Threshold*'   the table's job for a
//     few benchmarks, without the table or PyTorch: same-run ratios while looking for something
// dotnet run -c Release --project benchmarks/RmsProp.Benchmarks -- --interleaved   the targets' cases in interleaved rounds in
//     one process: same-process ratios that hold on a busy machine (run it several times to compare processes);
//     -- --interleaved steps N: only the single-tensor cases, at N coordinates; -- --interleaved sizes: the roofline's
//     byte rate from 20 MB to 800 MB of arrays (where they stop staying in the last-level cache)
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

if (args.Contains("--interleaved"))
{
    return Interleaved.Run(args);
}

if (args.Contains("--faults"))
{
    return Faults.Run();
}

if (Launches.IsLaunch(args))
{
    return Launches.RunLaunch(args);
}

if (args.Contains("--table"))
{
    return Launches.Run(args);
}

if (args.Contains("--quick"))
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Where(a => a != "--quick").ToArray(), Launches.Config());
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
