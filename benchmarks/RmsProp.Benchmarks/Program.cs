using BenchmarkDotNet.Running;

// `dotnet run -c Release --project benchmarks/RmsProp.Benchmarks -- --filter '*'` runs them all;
// add `--job short` for a quick look on a small machine.
BenchmarkSwitcher.FromAssembly(typeof(RmsProp.Benchmarks.StepBenchmarks).Assembly).Run(args);
