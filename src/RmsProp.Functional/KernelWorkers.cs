using System;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace RmsProp.Functional;

/// <summary>
/// The kernel's helper threads: one per extra core, started on first use. A job is cut into chunks and phases; the
/// calling thread starts on the chunks at once, and each helper joins as soon as it is running, taking chunks the
/// calling thread has not reached. Every chunk of a phase finishes before any chunk of the next starts.
/// </summary>
/// <remarks>
/// <para>Hand-written instead of <c>Parallel.For</c> because that allocates (a closure and its bookkeeping) on every
/// call, and the in-place step promises to allocate nothing; and because a fixed split waits for the slowest thread.
/// Waking a blocked thread takes ~40 us on the project's 2-core VM (<c>--handoff</c> in benchmarks/RmsProp.Benchmarks,
/// recorded in benchmarks/README.md), as long as ~60 us of single-threaded kernel work on 10^5 floats. With a fixed
/// split in halves the calling thread would wait that long for the helper's half; here it simply does more chunks,
/// so a step is never much slower than on one thread, whether the helper is polling (a step right after another: it
/// joins in ~1 us) or asleep (a training loop, with the forward and backward passes between steps).</para>
/// <para>The calling thread takes chunks from the front and the helpers from the back, so when the check and the update
/// of the in-place step are two phases, each thread tends to update the chunks it checked, whose gradient is in its
/// own cache. Only one job uses the helpers at a time; a job that finds them busy (another thread is stepping) runs
/// alone, which gives the same values.</para>
/// </remarks>
internal static class KernelWorkers
{
    /// <summary>Work cut into chunks and phases; <see cref="Run"/> is called once per chunk and phase, on any thread.</summary>
    internal abstract class Job
    {
        /// <summary>How many phases; every chunk of a phase finishes before any chunk of the next starts.</summary>
        internal virtual int Phases => 1;

        /// <summary>How many chunks each phase has; at most 2^20.</summary>
        internal abstract int Chunks { get; }

        /// <summary>Runs one chunk of one phase.</summary>
        internal abstract void Run(int phase, int chunk);

        /// <summary>Whether to run the phase after <paramref name="phase"/>, asked once, when every chunk of it has finished.</summary>
        internal virtual bool ContinueAfter(int phase) => true;
    }

    /// <summary>How long a helper polls for the next job before it blocks.</summary>
    internal static readonly TimeSpan IdleSpin = TimeSpan.FromMicroseconds(50);

    private const int ChunkBits = 21;
    private const long ChunkMask = (1L << ChunkBits) - 1;

    private static readonly long IdleSpinTicks = Math.Max(1, (long)(IdleSpin.TotalSeconds * Stopwatch.Frequency));
    private static readonly object Gate = new();
    private static readonly int HelperCount = Math.Max(0, Math.Min(Environment.ProcessorCount, 16) - 1);
    private static Helper[]? _helpers;

    // The running job. _claims packs (phase, next chunk from the front, end of the chunks left from the back), so a
    // claim is one compare-exchange that fails if the phase moved on. _finished counts finished chunks of the phase.
    private static Job? _job;
    private static int _chunks;
    private static long _claims;
    private static int _finished;
    private static volatile bool _done;
    private static volatile bool _closed;
    private static int _inside;
    private static volatile bool _failed;
    private static Exception? _failure;

    /// <summary>
    /// Bytes the helper threads have allocated, ever, on every path (waiting, waking, running jobs), as each published
    /// it after its last job: the tests hold it, with the calling thread's count, at 0 across steps. (A count of the
    /// whole process would also count the test host's own threads, which allocate while a test runs.)
    /// </summary>
    internal static long AllocatedByHelpers
    {
        get
        {
            long sum = 0;
            foreach (Helper helper in _helpers ?? [])
            {
                sum += Volatile.Read(ref helper.Allocated);
            }

            return sum;
        }
    }

    /// <summary>How many threads a job may run on: the cores of this machine (at most 16).</summary>
    internal static int MaxParts => HelperCount + 1;

    /// <summary>
    /// Runs every chunk of every phase of <paramref name="job"/>, on the calling thread and up to
    /// <paramref name="threads"/> - 1 helpers when they are free.
    /// </summary>
    internal static void Run(Job job, int threads)
    {
        int chunks = job.Chunks;
        int helping = Math.Min(Math.Min(threads, chunks) - 1, HelperCount);
        if (helping <= 0 || !Monitor.TryEnter(Gate))
        {
            RunAlone(job);
            return;
        }

        try
        {
            Helper[] helpers = _helpers ??= StartHelpers();
            _job = job;
            _chunks = chunks;
            _failure = null;
            _failed = false;
            _done = false;
            _closed = false;
            Volatile.Write(ref _finished, 0);
            Volatile.Write(ref _claims, Pack(0, 0, chunks));
            for (int h = 0; h < helping; h++)
            {
                helpers[h].Post();
            }

            Work(fromFront: true);

            // Late helpers must not start on a finished job, and the job is the caller's again only when the helpers
            // that did join have left it.
            _closed = true;
            Interlocked.MemoryBarrier();
            Await(ref _inside, 0);
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

    private static void RunAlone(Job job)
    {
        for (int phase = 0; phase < job.Phases; phase++)
        {
            for (int chunk = 0; chunk < job.Chunks; chunk++)
            {
                job.Run(phase, chunk);
            }

            if (phase + 1 < job.Phases && !job.ContinueAfter(phase))
            {
                return;
            }
        }
    }

    private static long Pack(int phase, int front, int back) => ((long)phase << (2 * ChunkBits)) | ((long)front << ChunkBits) | (uint)back;

    /// <summary>Takes and runs chunks until the job is done: from the front (the calling thread) or from the back (helpers).</summary>
    private static void Work(bool fromFront)
    {
        Job job = _job!;
        var spinner = default(SpinWait);
        while (!_done)
        {
            long claims = Volatile.Read(ref _claims);
            int phase = (int)(claims >> (2 * ChunkBits));
            int front = (int)((claims >> ChunkBits) & ChunkMask);
            int back = (int)(claims & ChunkMask);
            if (front >= back)
            {
                // Nothing left to take in this phase: wait for the chunks others are running, or the next phase.
                spinner.SpinOnce(sleep1Threshold: -1);
                continue;
            }

            int chunk = fromFront ? front : back - 1;
            long next = fromFront ? Pack(phase, front + 1, back) : Pack(phase, front, back - 1);
            if (Interlocked.CompareExchange(ref _claims, next, claims) != claims)
            {
                continue;
            }

            spinner = default;
            if (!_failed)
            {
                try
                {
                    job.Run(phase, chunk);
                }
                catch (Exception e)
                {
                    // Recorded, not thrown here: the phase must still finish. The calling thread rethrows it.
                    Interlocked.CompareExchange(ref _failure, e, null);
                    _failed = true;
                }
            }

            if (Interlocked.Increment(ref _finished) == _chunks)
            {
                // The last chunk of the phase: this thread alone decides what comes next.
                if (_failed || phase + 1 == job.Phases || !job.ContinueAfter(phase))
                {
                    _done = true;
                }
                else
                {
                    Volatile.Write(ref _finished, 0);
                    Volatile.Write(ref _claims, Pack(phase + 1, 0, _chunks));
                }
            }
        }
    }

    /// <summary>Waits until <paramref name="counter"/> is <paramref name="target"/>: spins, then yields the core (never a fixed sleep).</summary>
    private static void Await(ref int counter, int target)
    {
        var spinner = default(SpinWait);
        while (Volatile.Read(ref counter) != target)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
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
        // A plain monitor rather than a ManualResetEventSlim: that one makes its lock object on its first blocking wait,
        // so a helper's first sleep allocated 88 bytes in whatever step was running (counted across all threads).
        private readonly object _wake = new();
        private long _posted;
        private int _sleeping;

        /// <summary>This helper thread's allocated bytes, published after each job.</summary>
        internal long Allocated;

        internal Helper(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"RmsProp kernel {index}" };
            thread.Start();
        }

        /// <summary>Tells this helper a job is running: wakes it only if it has stopped polling.</summary>
        internal void Post()
        {
            // Interlocked on both sides (here and in WaitForWork): either the helper sees the post before it blocks,
            // or this sees it blocked and wakes it.
            Interlocked.Increment(ref _posted);
            if (Volatile.Read(ref _sleeping) == 1)
            {
                // The helper holds the lock from before it reads _posted until it waits, so this pulse cannot fall
                // between its read and its wait.
                lock (_wake)
                {
                    Monitor.Pulse(_wake);
                }
            }
        }

        private void Loop()
        {
            long seen = 0;
            while (true)
            {
                seen = WaitForWork(seen);
                Interlocked.Increment(ref _inside);
                if (!_closed)
                {
                    Work(fromFront: false);
                }

                Interlocked.Decrement(ref _inside);
                Volatile.Write(ref Allocated, GC.GetAllocatedBytesForCurrentThread());
            }
        }

        private long WaitForWork(long seen)
        {
            long deadline = Stopwatch.GetTimestamp() + IdleSpinTicks;
            while (true)
            {
                long posted = Volatile.Read(ref _posted);
                if (posted != seen)
                {
                    return posted;
                }

                if (Stopwatch.GetTimestamp() < deadline)
                {
                    // One pause per poll: twenty made the hand-off itself cost ~1 us.
                    Thread.SpinWait(1);
                    continue;
                }

                lock (_wake)
                {
                    Interlocked.Exchange(ref _sleeping, 1);
                    if (Volatile.Read(ref _posted) == seen)
                    {
                        Monitor.Wait(_wake);
                    }

                    Interlocked.Exchange(ref _sleeping, 0);
                }
                deadline = Stopwatch.GetTimestamp() + IdleSpinTicks;
            }
        }
    }
}
