using System;
using System.Diagnostics;
using System.Numerics;

namespace RmsProp.Functional;

/// <summary>The multi-tensor ("foreach") step: many tensors in one call, split across threads by coordinates.</summary>
internal static partial class RmsPropKernel
{
    /// <summary>
    /// One tensor of a multi-tensor step, without its gradient (a step brings new gradients, the rest stays): which
    /// coefficients it uses (an index into the step's list, one per parameter group) and its arrays. A model makes
    /// its list once and passes the gradients of each step beside it.
    /// </summary>
    internal readonly record struct TensorStep<T>(int Coefficients, T[] Parameters, T[] SquareAverage, T[] GradientAverage, T[] MomentumBuffer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Coordinates [<paramref name="start"/>, <paramref name="end"/>) of this tensor, stepped in place along <paramref name="gradient"/>.</summary>
        internal Buffers<T> InPlace(T[] gradient, int start, int end) => new()
        {
            Gradient = gradient.AsSpan(start, end - start),
            Parameters = Parameters.AsSpan(start, end - start),
            SquareAverageIn = SquareAverage.AsSpan(start, end - start),
            SquareAverageOut = SquareAverage.AsSpan(start, end - start),
            GradientAverageIn = Part(GradientAverage, start, end),
            GradientAverageOut = Part(GradientAverage, start, end),
            MomentumIn = Part(MomentumBuffer, start, end),
            MomentumOut = Part(MomentumBuffer, start, end),
            Output = Parameters.AsSpan(start, end - start),
            AddParameters = true,
        };

        private static Span<T> Part(T[] buffer, int start, int end) => buffer.Length == 0 ? [] : buffer.AsSpan(start, end - start);
    }

    /// <summary>
    /// Steps the first <paramref name="count"/> tensors of <paramref name="tensors"/> in place along
    /// <paramref name="gradients"/>, as <see cref="StepInPlace"/> steps one: all gradients are checked before any
    /// tensor is written, so a bad entry in the last tensor leaves the first one as it was.
    /// </summary>
    /// <remarks>
    /// The tensors are laid end to end and the coordinates cut into chunks (<see cref="ChunkLengthFor{T}"/>), so a
    /// thousand tensors of a thousand are 62 (float) or 128 (double) chunks of work shared out among the threads, not
    /// a thousand hand-offs, and a large tensor is split like a single step. Both passes (check, then update) run in
    /// one job. The loops compiled for each group's options are looked up once per step, not per tensor, and a chunk
    /// calls them directly on each tensor's pinned arrays: a tensor of 10^3 floats is ~0.1 us of arithmetic, so
    /// anything done per tensor and pass beyond the call shows in the multi-tensor benchmark.
    /// </remarks>
    /// <param name="tensors">The tensors; only the first <paramref name="count"/> are read.</param>
    /// <param name="gradients">The gradient of tensor <c>i</c> at index <c>i</c>, of the tensor's length (the caller checked).</param>
    /// <param name="count">How many tensors.</param>
    /// <param name="coefficients">The coefficients the tensors' <see cref="TensorStep{T}.Coefficients"/> index.</param>
    /// <param name="gradientLabel">The label of tensor <c>i</c> in messages, made only when a gradient is refused.</param>
    /// <param name="gradientsName">The parameter name the exception carries.</param>
    /// <exception cref="ArgumentException">A gradient entry is NaN, infinite, or overflows its square average; nothing was written.</exception>
    internal static void StepManyInPlace<T>(TensorStep<T>[] tensors, T[][] gradients, int count, Coefficients<T>[] coefficients, Func<int, string> gradientLabel, string gradientsName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ManyJob<T> job = ManyJob<T>.ForThisThread;
        job.Set(tensors, gradients, count, coefficients);
        try
        {
            if (job.Run(Pass.CheckThenUpdate))
            {
                return;
            }

            // Out of bounds somewhere. Throw for the first entry that really is wrong; if none is (the bound is
            // conservative), nothing was written yet, so update now.
            for (int t = 0; t < count; t++)
            {
                ThrowOnFirstProblem(coefficients[tensors[t].Coefficients], tensors[t].InPlace(gradients[t], 0, gradients[t].Length), gradientLabel(t), gradientsName);
            }

            job.Run(Pass.Update);
        }
        finally
        {
            job.Clear();
        }
    }

    /// <summary>
    /// The tensors of one multi-tensor step, laid end to end and cut into chunks of equal coordinates; one instance
    /// per calling thread, reused.
    /// </summary>
    private sealed class ManyJob<T> : KernelWorkers.Job
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [ThreadStatic]
        private static ManyJob<T>? _forThisThread;

        private TensorStep<T>[] _tensors = [];
        private T[][] _gradients = [];
        private Coefficients<T>[] _coefficients = [];
        private nint[] _updates = [];
        private nint[] _scans = [];
        private long[] _starts = [];
        private int _count;
        private long _total;
        private int _chunkLength;
        private Pass _pass;
        private volatile bool _unsafe;

        internal static ManyJob<T> ForThisThread => _forThisThread ??= new ManyJob<T>();

        internal override int Phases => _pass == Pass.CheckThenUpdate ? 2 : 1;

        internal override int Chunks => (int)((_total + _chunkLength - 1) / _chunkLength);

        internal void Set(TensorStep<T>[] tensors, T[][] gradients, int count, Coefficients<T>[] coefficients)
        {
            _tensors = tensors;
            _gradients = gradients;
            _coefficients = coefficients;
            _count = count;
            if (_starts.Length < count + 1)
            {
                _starts = new long[Math.Max(count + 1, 2 * _starts.Length)];
            }

            long total = 0;
            for (int t = 0; t < count; t++)
            {
                Debug.Assert(gradients[t].Length == tensors[t].Parameters.Length, "The caller checks the gradients' lengths.");
                _starts[t] = total;
                total += tensors[t].Parameters.Length;
            }

            _starts[count] = total;
            _total = total;
            _chunkLength = ChunkLengthFor<T>(total);

#if NET9_0_OR_GREATER
            if (_updates.Length < coefficients.Length)
            {
                _updates = new nint[coefficients.Length];
                _scans = new nint[coefficients.Length];
            }

            if (Simd<T>.IsAccelerated)
            {
                for (int g = 0; g < coefficients.Length; g++)
                {
                    _updates[g] = UpdateRoutine(coefficients[g], addParameters: true);
                    _scans[g] = ScanRoutine(coefficients[g]);
                }
            }
#endif
        }

        /// <summary>Drops the references to the caller's arrays.</summary>
        internal void Clear()
        {
            _tensors = [];
            _gradients = [];
            _coefficients = [];
        }

        /// <summary>Runs the pass over every tensor; returns whether every effective gradient was within bounds.</summary>
        internal bool Run(Pass pass)
        {
            _pass = pass;
            _unsafe = false;
            if (_total > 0)
            {
                KernelWorkers.Run(this, KernelWorkers.MaxParts);
            }

            return !_unsafe;
        }

        internal override bool ContinueAfter(int phase) => !_unsafe;

        internal override void Run(int phase, int chunk)
        {
            // A chunk is a stretch of the tensors laid end to end; it walks the tensors it overlaps.
            long start = (long)chunk * _chunkLength;
            long end = Math.Min(_total, start + _chunkLength);
            bool check = _pass == Pass.Check || (_pass == Pass.CheckThenUpdate && phase == 0);
            bool safe = true;
            for (int t = LastTensorStartingAtOrBefore(start); t < _count && _starts[t] < end; t++)
            {
                int from = (int)(Math.Max(start, _starts[t]) - _starts[t]);
                int to = (int)(Math.Min(end, _starts[t + 1]) - _starts[t]);
                if (from < to)
                {
                    safe &= RunTensor(t, from, to, check);
                }
            }

            if (!safe)
            {
                _unsafe = true;
            }
        }

        /// <summary>Checks or updates coordinates [<paramref name="from"/>, <paramref name="to"/>) of tensor <paramref name="t"/>.</summary>
        private unsafe bool RunTensor(int t, int from, int to, bool check)
        {
            ref readonly TensorStep<T> tensor = ref _tensors[t];
            T[] gradient = _gradients[t];
#if NET9_0_OR_GREATER
            if (Simd<T>.IsAccelerated)
            {
                // The loop for the tensor's group, called on its arrays: what Execute does for one thread, without
                // the spans, the length tests and the lookup of the loop.
                fixed (T* g = gradient, w = tensor.Parameters, s = tensor.SquareAverage, m = tensor.GradientAverage, b = tensor.MomentumBuffer)
                {
                    var pointers = new Pointers<T>
                    {
                        Gradient = g,
                        Parameters = w,
                        SquareIn = s,
                        SquareOut = s,
                        AverageIn = m,
                        AverageOut = m,
                        MomentumIn = b,
                        MomentumOut = b,
                        Output = w,
                    };
                    nint routine = check ? _scans[tensor.Coefficients] : _updates[tensor.Coefficients];
                    return ((delegate*<in Coefficients<T>, in Pointers<T>, int, int, bool>)routine)(in _coefficients[tensor.Coefficients], pointers, from, to);
                }
            }
#endif
            return Execute(_coefficients[tensor.Coefficients], tensor.InPlace(gradient, from, to), check ? Pass.Check : Pass.Update, maxParts: 1);
        }

        private int LastTensorStartingAtOrBefore(long coordinate)
        {
            // Binary search over the starts; empty tensors before the coordinate's tensor are skipped by the walk.
            int low = 0, high = _count - 1;
            while (low < high)
            {
                int middle = (low + high + 1) / 2;
                if (_starts[middle] <= coordinate)
                {
                    low = middle;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return low;
        }
    }
}
