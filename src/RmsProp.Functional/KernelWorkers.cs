using System;
using System.Threading;

namespace RmsProp.Functional;

/// <summary>
/// The kernel's helper threads: one per extra core, started on first use, waiting between steps. A step long enough
/// to pay for the hand-off is cut into one part per thread; the calling thread runs part 0.
/// </summary>
/// <remarks>
/// Hand-written instead of <c>Parallel.For</c> because that allocates (a closure and its bookkeeping) on every call, and
/// the in-place step promises to allocate nothing. Only one step uses the helpers at a time; a step that finds them
/// busy (another thread is stepping) runs its parts itself, which gives the same values.
/// </remarks>
internal static class KernelWorkers
{
    /// <summary>Work cut into parts; <see cref="Run"/> is called once per part, on different threads.</summary>
    internal abstract class Job
    {
        internal abstract void Run(int part);
    }

    private static readonly object Gate = new();
    private static readonly int HelperCount = Math.Max(0, Math.Min(Environment.ProcessorCount, 16) - 1);
    private static Helper[]? _helpers;
    private static Job? _job;
    private static int _pending;
    private static Exception? _failure;
    private static readonly ManualResetEventSlim Finished = new(false, spinCount: 1_000);

    private static long _allocatedByHelpers;

    /// <summary>Bytes the helper threads allocated while running jobs, ever: the tests hold it at 0.</summary>
    internal static long AllocatedByHelpers => Interlocked.Read(ref _allocatedByHelpers);

    /// <summary>How many parts a step may be cut into: the cores of this machine (at most 16).</summary>
    internal static int MaxParts => HelperCount + 1;

    /// <summary>Runs parts 0 to <paramref name="parts"/> - 1 of <paramref name="job"/>, in parallel when the helpers are free.</summary>
    internal static void Run(Job job, int parts)
    {
        if (parts <= 1 || HelperCount == 0 || !Monitor.TryEnter(Gate))
        {
            for (int part = 0; part < parts; part++)
            {
                job.Run(part);
            }

            return;
        }

        try
        {
            Helper[] helpers = _helpers ??= StartHelpers();
            int helping = Math.Min(parts - 1, helpers.Length);
            _job = job;
            _failure = null;
            Finished.Reset();
            Volatile.Write(ref _pending, helping);
            for (int h = 0; h < helping; h++)
            {
                helpers[h].Start(part: h + 1);
            }

            job.Run(0);
            for (int part = helping + 1; part < parts; part++)
            {
                job.Run(part);
            }

            Finished.Wait();
            _job = null;
            if (_failure is { } failure)
            {
                throw new InvalidOperationException("A kernel helper thread failed.", failure);
            }
        }
        finally
        {
            Monitor.Exit(Gate);
        }
    }

    private static Helper[] StartHelpers()
    {
        var helpers = new Helper[HelperCount];
        for (int h = 0; h < helpers.Length; h++)
        {
            helpers[h] = new Helper(h + 1);
        }

        return helpers;
    }

    private sealed class Helper
    {
        private readonly ManualResetEventSlim _go = new(false, spinCount: 1_000);
        private int _part;

        internal Helper(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"RmsProp kernel {index}" };
            thread.Start();
        }

        internal void Start(int part)
        {
            _part = part;
            _go.Set();
        }

        private void Loop()
        {
            while (true)
            {
                _go.Wait();
                _go.Reset();
                long before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    _job!.Run(_part);
                }
                catch (Exception e)
                {
                    _failure = e;
                }

                Interlocked.Add(ref _allocatedByHelpers, GC.GetAllocatedBytesForCurrentThread() - before);
                if (Interlocked.Decrement(ref _pending) == 0)
                {
                    Finished.Set();
                }
            }
        }
    }
}
