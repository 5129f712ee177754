using System;
using System.Globalization;
using System.Numerics;

namespace RmsProp.Functional;

/// <summary>The kernel's entry points: the checks of the gradient, the split across threads, and the loops.</summary>
internal static partial class RmsPropKernel
{
    /// <summary>
    /// Coordinates per chunk of work handed to <see cref="KernelWorkers"/>: about 10 us of one thread's work on the
    /// project's 2-core machine (benchmarks/README.md, "Where two threads start to pay": 16,384 floats take ~10 us,
    /// 4,096 doubles ~9 us, the double step being bound by its divide and square root). A step of fewer than two
    /// chunks runs on the calling thread: with a helper that is already polling, two threads first win at ~8,000
    /// floats and ~2,000 doubles (the hand-off is ~1 us), and a chunk of this size keeps the claims and the wait for
    /// the last chunk small beside the work.
    /// </summary>
    internal static int ChunkLength<T>()
        where T : unmanaged => typeof(T) == typeof(float) ? 16_384 : 4_096;

    /// <summary>
    /// The chunk length for a step of <paramref name="length"/> coordinates: <see cref="ChunkLength{T}"/>, or a 64th
    /// of the step per thread when that is longer. Long steps in short chunks lost 5-10 % at 10^7 coordinates to the
    /// claims and the scalar heads of the chunks (measured against the same step in halves); 64 chunks per thread
    /// still let a thread that joins late take its share, and leave the last chunk's wait short.
    /// </summary>
    internal static int ChunkLengthFor<T>(long length)
        where T : unmanaged => (int)Math.Min(int.MaxValue & ~63, Math.Max(ChunkLength<T>(), ((length / (64 * KernelWorkers.MaxParts)) + 63) & ~63L));

    /// <summary>The most coordinates a step of any type runs on the calling thread alone (two float chunks, less one).</summary>
    internal const int ParallelThreshold = 2 * 16_384;

    /// <summary>The addresses of one step's arrays, for the helper threads (spans cannot cross threads).</summary>
    internal unsafe struct Pointers<T>
        where T : unmanaged
    {
        public T* Gradient;
        public T* Parameters;
        public T* SquareIn;
        public T* SquareOut;
        public T* AverageIn;
        public T* AverageOut;
        public T* MomentumIn;
        public T* MomentumOut;
        public T* Output;
    }

    /// <summary>
    /// Runs the step without checking the gradient: vector loops on as many threads as the length pays for, finishing
    /// with the scalar loop, on at most <paramref name="maxParts"/> threads (1: the calling thread only). Gives
    /// bitwise the values of <see cref="Reference"/>.
    /// </summary>
    /// <remarks><paramref name="streamFromBytes"/>: see <see cref="StreamFromBytes"/> (the tests lower it to reach the streaming stores at short lengths).</remarks>
    internal static void Run<T>(in Coefficients<T> c, scoped Buffers<T> b, int maxParts = int.MaxValue, long streamFromBytes = StreamFromBytes)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Execute(c, b, Pass.Update, Math.Min(maxParts, KernelWorkers.MaxParts), streamFromBytes: streamFromBytes);

    /// <summary>The step without the check, on exactly <paramref name="parts"/> threads in equal chunks whatever its length: for the benchmarks that place <see cref="ChunkLength{T}"/>.</summary>
    internal static void RunParts<T>(in Coefficients<T> c, scoped Buffers<T> b, int parts)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Execute(c, b, Pass.Update, parts, forceParts: true);

    /// <summary>
    /// The in-place step: checks the whole gradient first (it must be finite, and must not make the square average
    /// overflow), then updates. Nothing is written when the check fails, so the caller's buffers stay as they were.
    /// </summary>
    /// <remarks>
    /// <para>Every gradient entry must be read before the first write, or a bad entry late in the gradient would be
    /// found after earlier coordinates were overwritten; so the gradient is read twice, once by the check and once by
    /// the update. A check block by block, each block updated while it is still in cache, cannot keep that promise,
    /// and the only way to undo a written block would be a copy of it, which costs more than the second read. Only the
    /// pure path, whose outputs are fresh arrays, checks and updates in one pass (<see cref="StepInto"/>).</para>
    /// <para>What is done instead: one hand-off for both passes (each thread checks its part, all wait for each other,
    /// then each updates the part it checked, whose gradient is then in its own cache when the part fits there: up to
    /// ~2 MB of gradient per core on the project's machine, 10^5 doubles), and the check reads only the gradient (and
    /// the parameters with coupled decay). At lengths whose gradient is not cache-resident the second read is one more
    /// array of traffic: 6 for the minimum 5 of plain RMSProp, at most 5/6 = 83 % of the roofline; benchmarks/README.md
    /// shows it beside the kernel without the check.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">The gradient has a NaN or infinite entry, or one that makes <c>s</c> overflow.</exception>
    internal static void StepInPlace<T>(in Coefficients<T> c, scoped Buffers<T> b, string gradientLabel, string gradientName, int maxParts = int.MaxValue)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int parts = Math.Min(maxParts, KernelWorkers.MaxParts);
        if (!Execute(c, b, Pass.CheckThenUpdate, parts))
        {
            // Out of bounds is not yet wrong: the bound is conservative. Throw for the entry that really is; if none
            // is, nothing was written yet, so update now.
            ThrowOnFirstProblem(c, b, gradientLabel, gradientName);
            Execute(c, b, Pass.Update, parts);
        }
    }

    /// <summary>
    /// <see cref="StepInPlace"/> as it was before the two passes shared one hand-off: a whole check on all threads,
    /// then the update on all threads. Kept for the benchmark that measures what the shared hand-off buys.
    /// </summary>
    internal static void StepInPlaceTwoHandOffs<T>(in Coefficients<T> c, scoped Buffers<T> b, string gradientLabel, string gradientName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Execute(c, b, Pass.Check, KernelWorkers.MaxParts))
        {
            ThrowOnFirstProblem(c, b, gradientLabel, gradientName);
        }

        Execute(c, b, Pass.Update, KernelWorkers.MaxParts);
    }

    /// <summary>
    /// The pure step into fresh outputs: checks and updates in one pass (the check of a vector happens in registers,
    /// beside its update). If any entry is out of bounds, the outputs are dropped by the caller and the inputs were
    /// never written.
    /// </summary>
    /// <exception cref="ArgumentException">The gradient has a NaN or infinite entry, or one that makes <c>s</c> overflow.</exception>
    /// <remarks>Outputs of <see cref="StreamFromBytes"/> or more per array are stored past the caches (<paramref name="streamFromBytes"/>: the benchmarks raise it to measure the same step through the caches).</remarks>
    internal static void StepInto<T>(in Coefficients<T> c, scoped Buffers<T> b, string gradientLabel, string gradientName, int maxParts = int.MaxValue, long streamFromBytes = StreamFromBytes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Execute(c, b, Pass.Update, Math.Min(maxParts, KernelWorkers.MaxParts), streamFromBytes: streamFromBytes))
        {
            // Out of bounds is not yet wrong: the bound is conservative. Find the entry that really is, if any.
            ThrowOnFirstProblem(c, b, gradientLabel, gradientName);
        }
    }

    /// <summary>
    /// The largest effective gradient magnitude whose square cannot make <c>s</c> overflow, whatever finite
    /// <c>s</c> it meets: with <c>|g| &lt;= sqrt(max)/2</c>, <c>(1-rho)*g^2 + rho*s</c> stays below the largest
    /// finite value by a margin wider than the roundings. Larger gradients are not wrong, only checked exactly.
    /// </summary>
    internal static T SafeGradient<T>()
        where T : unmanaged, IFloatingPointIeee754<T> => Bound<T>.SafeGradient;

    private static bool EffectiveGradientIsSafe<T>(in Coefficients<T> c, T g, T w)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (c.CoupledDecay)
        {
            g = c.OptaxOrder ? g + (c.WeightDecay * w) : T.FusedMultiplyAdd(c.WeightDecay, w, g);
        }

        return T.Abs(g) <= SafeGradient<T>();
    }

    /// <summary>The exact check, one coordinate at a time, in order: throws for the first entry that is wrong.</summary>
    private static void ThrowOnFirstProblem<T>(in Coefficients<T> c, scoped Buffers<T> b, string gradientLabel, string gradientName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool readsParameters = c.CoupledDecay || c.DecoupledDecay;
        for (int i = 0; i < b.Gradient.Length; i++)
        {
            T g = b.Gradient[i];
            if (!T.IsFinite(g))
            {
                throw new ArgumentException($"{gradientLabel}[{i}] is {g}; every entry must be finite.", gradientName);
            }

            T s = b.SquareAverageIn[i];
            T m = c.Centered ? b.GradientAverageIn[i] : T.Zero;
            T buffer = c.HasMomentum ? b.MomentumIn[i] : T.Zero;
            Coordinate(c, g, readsParameters ? b.Parameters[i] : T.Zero, addParameters: false, ref s, ref m, ref buffer);
            if (!T.IsFinite(s))
            {
                string weightDecay = c.CoupledDecay ? " (with weight decay)" : string.Empty;
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"{gradientLabel}[{i}] is {g}: its square{weightDecay} makes the square average overflow to {s} at this step. Scale the loss down or clip the gradient."),
                    gradientName);
            }
        }
    }

    /// <summary>What <see cref="Execute"/> does over the coordinates.</summary>
    private enum Pass
    {
        /// <summary>Update, checking the effective gradient in the same pass (the values are written either way).</summary>
        Update,

        /// <summary>Only check the effective gradient; write nothing.</summary>
        Check,

        /// <summary>Check every coordinate, then update only if all were within bounds.</summary>
        CheckThenUpdate,
    }

    /// <summary>
    /// Cuts [0, length) into chunks (<see cref="ChunkLength{T}"/>) when there are at least two, runs the vector loop,
    /// the check, or both in turn on them, on up to <paramref name="maxParts"/> threads; returns whether every effective gradient was within <see cref="SafeGradient{T}"/>.
    /// </summary>
    private static unsafe bool Execute<T>(in Coefficients<T> c, scoped Buffers<T> b, Pass pass, int maxParts, bool forceParts = false, long streamFromBytes = StreamFromBytes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int length = b.Gradient.Length;
#if NET9_0_OR_GREATER
        if (Simd<T>.IsAccelerated && length >= Simd<T>.Width)
        {
            fixed (T* gradient = b.Gradient, parameters = b.Parameters, squareIn = b.SquareAverageIn, squareOut = b.SquareAverageOut,
                   averageIn = b.GradientAverageIn, averageOut = b.GradientAverageOut, momentumIn = b.MomentumIn, momentumOut = b.MomentumOut,
                   output = b.Output)
            {
                var pointers = new Pointers<T>
                {
                    Gradient = gradient,
                    Parameters = parameters,
                    SquareIn = squareIn,
                    SquareOut = squareOut,
                    AverageIn = averageIn,
                    AverageOut = averageOut,
                    MomentumIn = momentumIn,
                    MomentumOut = momentumOut,
                    Output = output,
                };
                bool streaming = pass == Pass.Update && Streams(pointers, length, streamFromBytes);
                int chunkLength = forceParts ? (((length + maxParts - 1) / maxParts) + 63) & ~63 : ChunkLengthFor<T>(length);
                if (maxParts == 1 || length <= chunkLength || (!forceParts && length < 2 * chunkLength))
                {
                    return pass switch
                    {
                        Pass.Update => VectorUpdate(c, pointers, b.AddParameters, streaming, 0, length),
                        Pass.Check => VectorScan(c, pointers, 0, length),
                        _ => VectorScan(c, pointers, 0, length) && VectorUpdate(c, pointers, b.AddParameters, streaming, 0, length),
                    };
                }

                RangeJob<T> job = RangeJob<T>.ForThisThread;
                job.Set(c, pointers, b.AddParameters, streaming, pass, length, chunkLength);
                KernelWorkers.Run(job, maxParts);
                return job.AllSafe;
            }
        }
#endif
        bool safe = true;
        for (int i = 0; i < length; i++)
        {
            safe &= EffectiveGradientIsSafe(c, b.Gradient[i], c.CoupledDecay ? b.Parameters[i] : T.Zero);
        }

        if (pass == Pass.Update || (pass == Pass.CheckThenUpdate && safe))
        {
            ReferenceRange(c, b, 0, length);
        }

        return safe;
    }

    /// <summary>
    /// From this many bytes per output array, an update into fresh outputs stores them past the caches
    /// (<c>StreamingRange</c>, net9.0 on). Measured with <c>-- --interleaved steps N</c> (benchmarks/README.md): the pure
    /// step's kernel into arrays made once runs the same either way up to 8 MB per array (2 x 10^6 floats or 10^6
    /// doubles), ~20 % faster at 32 MB (4 x 10^6 doubles) and at 40-80 MB (10^7); below that the outputs still fit in
    /// the machine's caches, and reading them back from cache next step is worth more than the lines not read first.
    /// Never for an update in place, whose written lines were just read (streaming them made the in-place step ~15 %
    /// slower).
    /// </summary>
    internal const long StreamFromBytes = 24L << 20;

    private static unsafe bool Streams<T>(in Pointers<T> p, int length, long streamFromBytes)
        where T : unmanaged =>
        (long)length * sizeof(T) >= streamFromBytes
        && Fresh(p.Output, p.Parameters) && Fresh(p.SquareOut, p.SquareIn) && Fresh(p.AverageOut, p.AverageIn) && Fresh(p.MomentumOut, p.MomentumIn);

    /// <summary>Whether an output is not also an input (an empty one, null, is neither).</summary>
    private static unsafe bool Fresh<T>(T* output, T* input)
        where T : unmanaged => output == null || output != input;

    private static class Bound<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        internal static readonly T SafeGradient = T.Sqrt(T.BitDecrement(T.PositiveInfinity)) / T.CreateChecked(2);
    }

#if NET9_0_OR_GREATER
    /// <summary>
    /// One step cut into chunks for <see cref="KernelWorkers"/>; one instance per calling thread, reused. With
    /// <see cref="Pass.CheckThenUpdate"/> it has two phases: every chunk is checked, and only if all passed is any
    /// chunk updated.
    /// </summary>
    private sealed class RangeJob<T> : KernelWorkers.Job
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [ThreadStatic]
        private static RangeJob<T>? _forThisThread;

        private Coefficients<T> _coefficients;
        private Pointers<T> _pointers;
        private bool _addParameters;
        private bool _streaming;
        private Pass _pass;
        private int _length;
        private int _chunkLength;
        private volatile bool _unsafe;

        internal static RangeJob<T> ForThisThread => _forThisThread ??= new RangeJob<T>();

        internal override int Phases => _pass == Pass.CheckThenUpdate ? 2 : 1;

        internal override int Chunks => (_length + _chunkLength - 1) / _chunkLength;

        /// <summary>Whether every effective gradient was within bounds.</summary>
        internal bool AllSafe => !_unsafe;

        internal void Set(in Coefficients<T> c, in Pointers<T> p, bool addParameters, bool streaming, Pass pass, int length, int chunkLength)
        {
            _coefficients = c;
            _pointers = p;
            _addParameters = addParameters;
            _streaming = streaming;
            _pass = pass;
            _length = length;
            _chunkLength = chunkLength;
            _unsafe = false;
        }

        internal override bool ContinueAfter(int phase) => !_unsafe;

        internal override void Run(int phase, int chunk)
        {
            // Chunks are multiples of 64 coordinates long, so every chunk but the last runs whole vectors.
            int start = chunk * _chunkLength;
            int end = Math.Min(_length, start + _chunkLength);
            bool check = _pass == Pass.Check || (_pass == Pass.CheckThenUpdate && phase == 0);
            bool safe = check
                ? VectorScan(_coefficients, _pointers, start, end)
                : VectorUpdate(_coefficients, _pointers, _addParameters, _streaming, start, end);
            if (!safe)
            {
                _unsafe = true;
            }
        }
    }
#endif
}
