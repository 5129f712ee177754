using System;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace RmsProp.Functional;

/// <summary>
/// The kernel's helper threads: one per extra core, started on first use. A job is cut into one part per thread
/// (the calling thread runs part 0) and may have several phases with every part waiting for the others between
/// them, so the in-place step's check and update take one hand-off instead of two.
/// </summary>
/// <remarks>
/// <para>Hand-written instead of <c>Parallel.For</c> because that allocates (a closure and its bookkeeping) on every
/// call, and the in-place step promises to allocate nothing; and because its hand-off goes through the thread pool,
/// which costs more than a short step. Only one job uses the helpers at a time; a job that finds them busy (another
/// thread is stepping) runs its parts itself, phase by phase, which gives the same values.</para>
/// <para>The hand-off: after a job a helper keeps polling for the next one for <see cref="IdleSpin"/> before it
/// blocks. A step that follows within that time (a benchmark loop, a model's tensors stepped one by one) reaches a
/// running helper in well under a microsecond; one that finds it asleep pays the operating system's wake-up (tens of
/// microseconds on this VM, see benchmarks/README.md). Waits for the other parts spin, then yield the core, never
/// sleep a fixed time.</para>
/// </remarks>
internal static class KernelWorkers
{
    /// <summary>Work cut into parts and phases; <see cref="Run"/> is called once per part and phase, on different threads.</summary>
    internal abstract class Job
    {
        /// <summary>How many phases; every part finishes a phase before any part starts the next.</summary>
        internal virtual int Phases => 1;

        /// <summary>Runs one part of one phase.</summary>
        internal abstract void Run(int phase, int part);

        /// <summary>
        /// Whether to run the phase after <paramref name="phase"/>, once every part has finished it. Every thread asks
        /// and must get the same answer, so it may read only what the finished phase wrote.
        /// </summary>
        internal virtual bool ContinueAfter(int phase) => true;
    }

    /// <summary>How long a helper polls for the next job before it blocks.</summary>
    internal static readonly TimeSpan IdleSpin = TimeSpan.FromMicroseconds(50);

    private static readonly long IdleSpinTicks = Math.Max(1, (long)(IdleSpin.TotalSeconds * Stopwatch.Frequency));
    private static readonly object Gate = new();
    private static readonly int HelperCount = Math.Max(0, Math.Min(Environment.ProcessorCount, 16) - 1);
    private static Helper[]? _helpers;
    private static Job? _job;
    private static int _parts;
    private static int _arrived;
    private static int _finished;
    private static volatile bool _failed;
    private static Exception? _failure;

    private static long _allocatedByHelpers;

    /// <summary>Bytes the helper threads allocated while running jobs, ever: the tests hold it at 0.</summary>
    internal static long AllocatedByHelpers => Interlocked.Read(ref _allocatedByHelpers);

    /// <summary>How many parts a job may be cut into: the cores of this machine (at most 16).</summary>
    internal static int MaxParts => HelperCount + 1;

    /// <summary>
    /// Runs parts 0 to <paramref name="parts"/> - 1 of every phase of <paramref name="job"/>, in parallel when the
    /// helpers are free; <paramref name="parts"/> is at most <see cref="MaxParts"/>.
    /// </summary>
    internal static void Run(Job job, int parts)
    {
        if (parts <= 1 || parts > MaxParts || !Monitor.TryEnter(Gate))
        {
            RunAlone(job, parts);
            return;
        }

        try
        {
            Helper[] helpers = _helpers ??= StartHelpers();
            _job = job;
            _parts = parts;
            _failed = false;
            _failure = null;
            Volatile.Write(ref _arrived, 0);
            Volatile.Write(ref _finished, 0);
            for (int h = 0; h < parts - 1; h++)
            {
                helpers[h].Post();
            }

            RunPhases(job, part: 0, parts);

            // The helpers may still be asking ContinueAfter; the job is the caller's again only when they are done.
            Await(ref _finished, parts - 1);
            _job = null;
            if (_failure is { } failure)
            {
                ExceptionDispatchInfo.Throw(failure);
            }
        }
        finally
        {
            Monitor.Exit(Gate);
        }
    }

    private static void RunAlone(Job job, int parts)
    {
        for (int phase = 0; phase < job.Phases; phase++)
        {
            for (int part = 0; part < parts; part++)
            {
                job.Run(phase, part);
            }

            if (phase + 1 < job.Phases && !job.ContinueAfter(phase))
            {
                return;
            }
        }
    }

    /// <summary>One thread's part of every phase, with the barrier after each; an exception stops every part at the next barrier.</summary>
    private static void RunPhases(Job job, int part, int parts)
    {
        for (int phase = 0; phase < job.Phases; phase++)
        {
            if (!_failed)
            {
                try
                {
                    job.Run(phase, part);
                }
                catch (Exception e)
                {
                    // Recorded, not thrown here: the other parts must still get through the barriers. The calling
                    // thread rethrows it once every helper is done.
                    Interlocked.CompareExchange(ref _failure, e, null);
                    _failed = true;
                }
            }

            Interlocked.Increment(ref _arrived);
            if (phase + 1 == job.Phases)
            {
                return;
            }

            Await(ref _arrived, parts * (phase + 1));
            if (_failed || !job.ContinueAfter(phase))
            {
                return;
            }
        }
    }

    /// <summary>Waits until <paramref name="counter"/> reaches <paramref name="target"/>: spins, then yields the core (never a fixed sleep).</summary>
    private static void Await(ref int counter, int target)
    {
        var spinner = default(SpinWait);
        while (Volatile.Read(ref counter) < target)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    private static Helper[] StartHelpers()
    {
        var helpers = new Helper[HelperCount];
        for (int h = 0; h < helpers.Length; h++)
        {
            helpers[h] = new Helper(part: h + 1);
        }

        return helpers;
    }

    private sealed class Helper
    {
        private readonly ManualResetEventSlim _wake = new(false, spinCount: 0);
        private readonly int _part;
        private long _posted;
        private int _sleeping;

        internal Helper(int part)
        {
            _part = part;
            var thread = new Thread(Loop) { IsBackground = true, Name = $"RmsProp kernel {part}" };
            thread.Start();
        }

        /// <summary>Hands the current job to this helper: wakes it only if it has stopped polling.</summary>
        internal void Post()
        {
            // Interlocked on both sides (here and in WaitForWork): either the helper sees the new job before it
            // blocks, or this sees it blocked and wakes it.
            Interlocked.Increment(ref _posted);
            if (Volatile.Read(ref _sleeping) == 1)
            {
                _wake.Set();
            }
        }

        private void Loop()
        {
            long done = 0;
            while (true)
            {
                done = WaitForWork(done);
                long before = GC.GetAllocatedBytesForCurrentThread();
                RunPhases(_job!, _part, _parts);
                Interlocked.Add(ref _allocatedByHelpers, GC.GetAllocatedBytesForCurrentThread() - before);
                Interlocked.Increment(ref _finished);
            }
        }

        private long WaitForWork(long done)
        {
            long deadline = Stopwatch.GetTimestamp() + IdleSpinTicks;
            while (true)
            {
                long posted = Volatile.Read(ref _posted);
                if (posted != done)
                {
                    return posted;
                }

                if (Stopwatch.GetTimestamp() < deadline)
                {
                    Thread.SpinWait(20);
                    continue;
                }

                _wake.Reset();
                Interlocked.Exchange(ref _sleeping, 1);
                if (Volatile.Read(ref _posted) == done)
                {
                    _wake.Wait();
                }

                Interlocked.Exchange(ref _sleeping, 0);
                deadline = Stopwatch.GetTimestamp() + IdleSpinTicks;
            }
        }
    }
}
