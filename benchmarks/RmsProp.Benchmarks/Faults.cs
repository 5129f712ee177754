using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Runtime;
using RmsProp.Functional;

namespace RmsProp.Benchmarks;

/// <summary>
/// Why the pure step at 10^7 is slower than the in-place one, in counts that a loaded machine does not stretch: the
/// page faults (minor: the OS mapping a fresh page in) and the processor time in the kernel (sys) and in the process
/// (user) per call, for the in-place step, the pure step, and the pure step's kernel into arrays made once; with the
/// collector as configured (environment variables such as <c>DOTNET_GCRetainVM=1</c> or <c>DOTNET_gcConcurrent=0</c>
/// apply to the whole process, so they are set around the command), then with <see cref="GCLatencyMode.Batch"/>.
/// A diagnostic with a plain stopwatch and /proc/self/stat (Linux), not a benchmark: BenchmarkDotNet counts neither.
/// </summary>
internal static class Faults
{
    private const int Length = 10_000_000;
    private const int Rounds = 12;
    private const int CallsPerRound = 4;

    internal static int Run()
    {
        Console.WriteLine($"DOTNET_GCRetainVM={Environment.GetEnvironmentVariable("DOTNET_GCRetainVM") ?? "(unset)"}, DOTNET_gcConcurrent={Environment.GetEnvironmentVariable("DOTNET_gcConcurrent") ?? "(unset)"}, server GC {GCSettings.IsServerGC}");
        foreach (GCLatencyMode mode in new[] { GCSettings.LatencyMode, GCLatencyMode.Batch })
        {
            GCLatencyMode previous = GCSettings.LatencyMode;
            GCSettings.LatencyMode = mode;
            try
            {
                Console.WriteLine($"GC latency mode {mode}:");
                Measure<float>();
                Measure<double>();
            }
            finally
            {
                GCSettings.LatencyMode = previous;
            }
        }

        return 0;
    }

    private static void Measure<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = new Data<T>(Length, centeredMomentum: false);
        RmsPropOptions options = RmsPropOptions.PyTorch;
        RmsPropState<T> state = RmsPropOptimizer.Init<T>(options, data.Parameters);
        T[] output = new T[Length], square = new T[Length];
        var coefficients = new RmsPropKernel.Coefficients<T>(options);
        var cases = new (string Name, Action Call)[]
        {
            ("StepInPlace", () => RmsPropOptimizer.StepInPlace<T>(options, data.Parameters, data.Gradient, data.Square, [], [])),
            ("Step (pure)", () => RmsPropOptimizer.Step<T>(state, data.Gradient)),
            ("Step (pure)'s kernel into arrays made once", () => FreshOutputBenchmarks<T>.KernelInto(coefficients, state, data.Gradient, output, square)),
        };

        // Interleaved rounds, so that a burst of load elsewhere falls on every case alike.
        var times = cases.Select(_ => new List<double>()).ToArray();
        var faults = new long[cases.Length];
        var system = new double[cases.Length];
        var user = new double[cases.Length];
        using var process = Process.GetCurrentProcess();
        for (int round = 0; round <= Rounds; round++)
        {
            for (int c = 0; c < cases.Length; c++)
            {
                cases[c].Call();
                process.Refresh();
                long faultsBefore = MinorFaults();
                TimeSpan systemBefore = process.PrivilegedProcessorTime, userBefore = process.UserProcessorTime;
                long start = Stopwatch.GetTimestamp();
                for (int call = 0; call < CallsPerRound; call++)
                {
                    cases[c].Call();
                }

                double milliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds / CallsPerRound;
                process.Refresh();
                if (round > 0)
                {
                    // Round 0 warms up (the helper threads, the compiled loops, the heap's first growth).
                    times[c].Add(milliseconds);
                    faults[c] += MinorFaults() - faultsBefore;
                    system[c] += (process.PrivilegedProcessorTime - systemBefore).TotalMilliseconds;
                    user[c] += (process.UserProcessorTime - userBefore).TotalMilliseconds;
                }
            }
        }

        const int Calls = Rounds * CallsPerRound;
        for (int c = 0; c < cases.Length; c++)
        {
            double median = times[c].Order().ElementAt(times[c].Count / 2);
            Console.WriteLine($"  {typeof(T).Name} 10^7, {cases[c].Name}: median {median:0.00} ms; per call {(double)faults[c] / Calls:0} minor page faults, {system[c] / Calls:0.0} ms sys and {user[c] / Calls:0.0} ms user processor time");
        }
    }

    /// <summary>The process's minor page faults so far: field 10 of /proc/self/stat.</summary>
    private static long MinorFaults()
    {
        string stat = File.ReadAllText("/proc/self/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], System.Globalization.CultureInfo.InvariantCulture);
    }
}
