using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using RmsProp.Functional;

namespace RmsProp.Benchmarks;

/// <summary>
/// What a step pays to reach the helper thread when the helper has stopped polling (a training loop, where the
/// forward and backward passes run between steps): an empty job cut in two, after a pause longer than
/// <see cref="KernelWorkers.IdleSpin"/>. BenchmarkDotNet cannot time this (its invocations follow each other, so the
/// helper is always still polling); this is a diagnostic with a plain stopwatch, not a benchmark.
/// </summary>
internal static class HandOff
{
    private sealed class Nothing : KernelWorkers.Job
    {
        internal override int Chunks => 2;

        internal override void Run(int phase, int part)
        {
        }
    }

    internal static int Run()
    {
        var job = new Nothing();
        KernelWorkers.Run(job, 2);
        double Median(int pauseMilliseconds)
        {
            var times = new double[201];
            for (int round = 0; round < times.Length; round++)
            {
                if (pauseMilliseconds > 0)
                {
                    Thread.Sleep(pauseMilliseconds);
                }

                long start = Stopwatch.GetTimestamp();
                KernelWorkers.Run(job, 2);
                times[round] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }

            return times.Order().ElementAt(times.Length / 2);
        }

        Console.WriteLine($"hand-off of an empty job in two parts, median of 201: helper polling {Median(0):0.00} us; helper asleep (2 ms pause before each) {Median(2):0.00} us");
        return 0;
    }
}
