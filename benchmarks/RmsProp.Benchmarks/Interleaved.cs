using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Numerics;
using RmsProp.Functional;

namespace RmsProp.Benchmarks;

/// <summary>
/// The targets' cases measured in rounds, every case once per round (<c>-- --interleaved</c>): a load that comes and
/// goes falls on every case alike, so the ratios within one process hold on a busy machine where BenchmarkDotNet's
/// one-case-after-another medians do not; run it several times to compare processes. At 10^7: the roofline, the
/// check-before-write structure without arithmetic, StepInPlace, the kernel without the check, the divider's row. At
/// 10^6: one tensor against the model's and the kernel's multi-tensor calls, and the model's lookup of the gradients
/// by name timed right after a step. A diagnostic with a stopwatch, not a benchmark.
/// </summary>
internal static class Interleaved
{
    private const int Rounds = 30;
    private const int WarmUpRounds = 10;

    internal static int Run(string[] args)
    {
        if (args.Contains("sizes"))
        {
            Sizes();
            return 0;
        }

        if (args.Contains("steps"))
        {
            int n = int.Parse(args.SkipWhile(a => a != "steps").Skip(1).FirstOrDefault() ?? "10000000", System.Globalization.CultureInfo.InvariantCulture);
            Steps<float>(n);
            Steps<double>(n);
            return 0;
        }

        // The multi-tensor cases first in a fresh process, and again after the 10^7 steps: the process's history
        // changes them (benchmarks/README.md, "How stable one run is").
        Many<float>("first in the process");
        Many<double>("first in the process");
        Steps<float>(10_000_000);
        Steps<double>(10_000_000);
        Many<float>("after the 10^7 steps");
        Many<double>("after the 10^7 steps");
        return 0;
    }

    private static void Steps<T>(int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = new Data<T>(n, centeredMomentum: false);
        RmsPropOptions options = RmsPropOptions.PyTorch;
        var coefficients = new RmsPropKernel.Coefficients<T>(options);
        RmsPropState<T> state = RmsPropOptimizer.Init<T>(options, data.Parameters);
        T[] parameters = new T[n], square = new T[n];
        Report($"{typeof(T).Name} {n:N0}, share of the 2-thread roofline", 4, [
            ("roofline", () => Baselines.Roofline3Read2Write(data.Parameters, data.Gradient, data.Square, threads: 2)),
            ("read g, then the same traffic", () => Baselines.ReadGradientThenRoofline(data.Parameters, data.Gradient, data.Square, threads: 2)),
            ("StepInPlace", () => RmsPropOptimizer.StepInPlace<T>(options, data.Parameters, data.Gradient, data.Square, [], [])),
            ("kernel alone", () => RmsPropKernel.Run(coefficients, data.InPlace())),
            ("sqrt and divide", () => Baselines.SameTrafficWithRootAndDivide(data.Parameters, data.Gradient, data.Square, threads: 2)),
            ("pure Step", () => RmsPropOptimizer.Step<T>(state, data.Gradient)),
            ("pure Step's kernel into arrays made once", () => FreshOutputBenchmarks<T>.KernelInto(coefficients, state, data.Gradient, parameters, square)),
            ("the same, outputs streamed past the caches at any length", () => FreshOutputBenchmarks<T>.KernelInto(coefficients, state, data.Gradient, parameters, square, streamFromBytes: 0)),
            ("the same, outputs stored through the caches", () => FreshOutputBenchmarks<T>.KernelInto(coefficients, state, data.Gradient, parameters, square, streamFromBytes: long.MaxValue)),
        ]);
    }

    /// <summary>
    /// The 2-thread roofline loop (5 float arrays) at working sets from 20 MB to 800 MB, each size called back to back
    /// (as BenchmarkDotNet does) and the sweep run up and down twice: where the byte rate steps down is where the
    /// arrays stop staying in the last-level cache from one call to the next.
    /// </summary>
    private static void Sizes()
    {
        int[] lengths = [1_000_000, 2_500_000, 5_000_000, 10_000_000, 20_000_000, 40_000_000];
        Data<float>[] data = [.. lengths.Select(n => new Data<float>(n, centeredMomentum: false))];
        var rates = lengths.Select(_ => new List<double>()).ToArray();
        int[] order = [.. Enumerable.Range(0, lengths.Length), .. Enumerable.Range(0, lengths.Length).Reverse()];
        for (int sweep = 0; sweep < 2; sweep++)
        {
            foreach (int i in order)
            {
                var times = new List<double>();
                for (int call = 0; call < 25; call++)
                {
                    long start = Stopwatch.GetTimestamp();
                    Baselines.Roofline3Read2Write(data[i].Parameters, data[i].Gradient, data[i].Square, threads: 2);
                    times.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
                }

                rates[i].Add(5.0 * sizeof(float) * lengths[i] / Median(times.Skip(5).ToList()) / 1e9);
            }
        }

        Console.WriteLine("Roofline, 2 threads, float, by working set (GB/s, median of 20 back-to-back calls; each of 4 passes over the sizes):");
        for (int i = 0; i < lengths.Length; i++)
        {
            Console.WriteLine($"  {5.0 * sizeof(float) * lengths[i] / 1e6:0} MB: {string.Join(", ", rates[i].Select(r => r.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)))}");
        }
    }

    private static void Many<T>(string when)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int Tensors = 1_000, Length = 1_000;
        var one = new Data<T>(Tensors * Length, centeredMomentum: false);
        Data<T>[] tensors = [.. Enumerable.Range(0, Tensors).Select(t => new Data<T>(Length, centeredMomentum: false, seed: t))];
        string[] names = [.. Enumerable.Range(0, Tensors).Select(t => $"t{t}")];
        RmsPropModelBuffers<T> model = RmsPropModel.CreateBuffers<T>(
            [new RmsPropGroup("all", RmsPropOptions.PyTorch, names)], names.Select((name, t) => (name, tensors[t].Parameters)).ToDictionary(p => p.name, p => p.Parameters));
        Dictionary<string, T[]> gradients = names.Select((name, t) => (name, tensors[t].Gradient)).ToDictionary(p => p.name, p => p.Gradient);
        T[][] found = [.. tensors.Select(t => t.Gradient)];
        T[][] listed = [.. model.Names.Select(name => gradients[name])];
        RmsPropKernel.Coefficients<T>[] coefficients = [new RmsPropKernel.Coefficients<T>(RmsPropOptions.PyTorch)];
        Report($"{typeof(T).Name} 10^6 coordinates, {when}, share of one tensor", 10, [
            ("one tensor", () => RmsPropOptimizer.StepInPlace<T>(RmsPropOptions.PyTorch, one.Parameters, one.Gradient, one.Square, [], [])),
            ("model, 1,000 x 10^3", () => RmsPropModel.StepInPlace(model, gradients)),
            ("model, gradients listed in tensor order", () => RmsPropModel.StepInPlace(model, listed)),
            ("kernel's multi-tensor call alone", () => RmsPropKernel.StepManyInPlace(model.Tensors, found, coefficients, _ => "gradients", "gradients")),
        ]);

        var lookups = new List<double>();
        T[][] slots = new T[Tensors][];
        for (int round = 0; round < Rounds; round++)
        {
            RmsPropKernel.StepManyInPlace(model.Tensors, found, coefficients, _ => "gradients", "gradients");
            long start = Stopwatch.GetTimestamp();
            model.Lookup.TryFind(gradients, slots);
            lookups.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }

        Console.WriteLine($"  the model's lookup of {Tensors} gradients by name right after a step: median {Median(lookups):0.0} us");
    }

    private static void Report(string title, int callsPerRound, (string Name, Action Call)[] cases)
    {
        // Warm-up: at least WarmUpRounds rounds and a second, so that every case's code has left the JIT's first tier
        // (promotion waits for 30 calls and then ~100 ms) before anything is timed; short cases need the second.
        var warmUp = Stopwatch.StartNew();
        for (int round = 0; round < WarmUpRounds || warmUp.ElapsedMilliseconds < 1_000; round++)
        {
            foreach ((string _, Action call) in cases)
            {
                call();
            }
        }

        var times = cases.Select(_ => new List<double>()).ToArray();
        for (int round = 0; round < Rounds; round++)
        {
            for (int c = 0; c < cases.Length; c++)
            {
                long start = Stopwatch.GetTimestamp();
                for (int call = 0; call < callsPerRound; call++)
                {
                    cases[c].Call();
                }

                times[c].Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds / callsPerRound);
            }
        }

        double first = Median(times[0]);
        Console.WriteLine($"{title} (median of {Rounds} interleaved rounds):");
        for (int c = 0; c < cases.Length; c++)
        {
            Console.WriteLine($"  {cases[c].Name}: {Median(times[c]):0} us ({first / Median(times[c]):P0})");
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
