using System;
using System.Collections.Generic;
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
    /// The tensors of a multi-tensor step laid end to end, made once per model (their arrays and lengths do not
    /// change between steps): where each starts among all the coordinates, and which are empty.
    /// </summary>
    internal sealed class TensorList<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        internal TensorList(TensorStep<T>[] tensors)
        {
            Tensors = tensors;
            Starts = new long[tensors.Length + 1];
            var empty = new List<int>();
            for (int t = 0; t < tensors.Length; t++)
            {
                Starts[t + 1] = Starts[t] + tensors[t].Parameters.Length;
                if (tensors[t].Parameters.Length == 0)
                {
                    empty.Add(t);
                }
            }

            Empty = [.. empty];
        }

        internal TensorStep<T>[] Tensors { get; }

        /// <summary>Where tensor <c>t</c> starts among all the coordinates; the last entry is their total.</summary>
        internal long[] Starts { get; }

        /// <summary>The empty tensors, whose gradients no chunk sees.</summary>
        internal int[] Empty { get; }

        internal int Count => Tensors.Length;

        internal long Total => Starts[^1];

        /// <summary>Tensor <paramref name="t"/>'s number of coordinates.</summary>
        internal int Length(int t) => (int)(Starts[t + 1] - Starts[t]);
    }

    /// <summary>
    /// Steps every tensor of <paramref name="list"/> in place along <paramref name="gradients"/>, as
    /// <see cref="StepInPlace"/> steps one: all gradients are checked before any tensor is written, so a bad entry in
    /// the last tensor leaves the first one as it was.
    /// </summary>
    /// <remarks>
    /// <para>The tensors are laid end to end and the coordinates cut into chunks (<see cref="ChunkLengthFor{T}"/>), so
    /// a thousand tensors of a thousand are 62 (float) or 128 (double) chunks of work shared out among the threads, not
    /// a thousand hand-offs, and a large tensor is split like a single step. Both passes (check, then update) run in
    /// one job. The loops compiled for each group's options are looked up once per step, not per tensor, and a chunk
    /// calls them directly on each tensor's pinned arrays: a tensor of 10^3 floats is ~0.1 us of arithmetic, so
    /// anything done per tensor and pass beyond the call shows in the multi-tensor benchmark.</para>
    /// <para>The gradients' lengths are checked here, in the check pass, rather than by the caller: the length sits
    /// beside the first entries the check reads, whereas a loop over a thousand gradients before the step misses the
    /// cache once per gradient (the step before has streamed megabytes through it): ~40 us of a ~450 us step.</para>
    /// </remarks>
    /// <param name="list">The tensors.</param>
    /// <param name="gradients">The gradient of tensor <c>t</c> at index <c>t</c>, not null.</param>
    /// <param name="coefficients">The coefficients the tensors' <see cref="TensorStep{T}.Coefficients"/> index.</param>
    /// <param name="gradientLabel">The label of tensor <c>t</c> in messages, made only when a gradient is refused.</param>
    /// <param name="gradientsName">The parameter name the exception carries.</param>
    /// <returns>False, having written nothing, when a gradient's length is not its tensor's (the caller names it).</returns>
    /// <exception cref="ArgumentException">A gradient entry is NaN, infinite, or overflows its square average; nothing was written.</exception>
    internal static bool StepManyInPlace<T>(TensorList<T> list, T[][] gradients, Coefficients<T>[] coefficients, Func<int, string> gradientLabel, string gradientsName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (int t in list.Empty)
        {
            if (gradients[t].Length != 0)
            {
                return false;
            }
        }

        ManyJob<T> job = ManyJob<T>.ForThisThread;
        job.Set(list, gradients, coefficients);
        try
        {
            if (job.Run(Pass.CheckThenUpdate))
            {
                return true;
            }

            if (job.WrongLength)
            {
                return false;
            }

            // Out of bounds somewhere. Throw for the first entry that really is wrong; if none is (the bound is
            // conservative), nothing was written yet, so update now.
            for (int t = 0; t < list.Count; t++)
            {
                ThrowOnFirstProblem(coefficients[list.Tensors[t].Coefficients], list.Tensors[t].InPlace(gradients[t], 0, gradients[t].Length), gradientLabel(t), gradientsName);
            }

            job.Run(Pass.Update);
            return true;
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
        private volatile bool _wrongLength;

        internal static ManyJob<T> ForThisThread => _forThisThread ??= new ManyJob<T>();

        internal override int Phases => _pass == Pass.CheckThenUpdate ? 2 : 1;

        internal override int Chunks => (int)((_total + _chunkLength - 1) / _chunkLength);

        /// <summary>Whether the last run found a gradient whose length is not its tensor's (and so wrote nothing).</summary>
        internal bool WrongLength => _wrongLength;

        internal void Set(TensorList<T> list, T[][] gradients, Coefficients<T>[] coefficients)
        {
            _tensors = list.Tensors;
            _starts = list.Starts;
            _count = list.Count;
            _total = list.Total;
            _gradients = gradients;
            _coefficients = coefficients;
            _chunkLength = ChunkLengthFor<T>(_total);

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
            _starts = [];
            _gradients = [];
            _coefficients = [];
        }

        /// <summary>Runs the pass over every tensor; returns whether every effective gradient was within bounds.</summary>
        internal bool Run(Pass pass)
        {
            _pass = pass;
            _unsafe = false;
            _wrongLength = false;
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
            if (gradient.Length != _starts[t + 1] - _starts[t])
            {
                // Checked in every pass and chunk before the arrays are read: a short gradient is never read past its end.
                _wrongLength = true;
                return false;
            }
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
