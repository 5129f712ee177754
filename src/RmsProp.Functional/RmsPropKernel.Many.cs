using System;
using System.Numerics;

namespace RmsProp.Functional;

/// <summary>The multi-tensor ("foreach") step: many tensors in one call, split across threads by tensor.</summary>
internal static partial class RmsPropKernel
{
    /// <summary>One tensor of a multi-tensor step: its coefficients, its arrays, and its name for messages.</summary>
    internal sealed record TensorStep<T>(Coefficients<T> Coefficients, T[] Parameters, T[] Gradient, T[] SquareAverage, T[] GradientAverage, T[] MomentumBuffer, string GradientLabel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        internal Buffers<T> InPlace() => new()
        {
            Gradient = Gradient,
            Parameters = Parameters,
            SquareAverageIn = SquareAverage,
            SquareAverageOut = SquareAverage,
            GradientAverageIn = GradientAverage,
            GradientAverageOut = GradientAverage,
            MomentumIn = MomentumBuffer,
            MomentumOut = MomentumBuffer,
            Output = Parameters,
            AddParameters = true,
        };
    }

    /// <summary>
    /// Steps every tensor in place, as <see cref="StepInPlace"/> steps one: all gradients are checked before any
    /// tensor is written, so a bad entry in the last tensor leaves the first one as it was. Small tensors are shared
    /// out among the threads (each part about the same number of coordinates), so a model of a thousand small
    /// tensors runs about as fast as one tensor of the same total size; tensors large enough to split run one by one
    /// on all threads.
    /// </summary>
    /// <exception cref="ArgumentException">A gradient entry is NaN, infinite, or overflows its square average; nothing was written.</exception>
    internal static void StepManyInPlace<T>(TensorStep<T>[] tensors, string gradientsName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var job = new ManyJob<T>(tensors);
        job.RunAll(scan: true);
        for (int t = 0; t < tensors.Length; t++)
        {
            if (!job.Safe[t])
            {
                ThrowOnFirstProblem(tensors[t].Coefficients, tensors[t].InPlace(), tensors[t].GradientLabel, gradientsName);
            }
        }

        job.RunAll(scan: false);
    }

    /// <summary>The tensors of one multi-tensor step, cut into parts of about equal coordinates.</summary>
    private sealed class ManyJob<T> : KernelWorkers.Job
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>A tensor at least this long runs alone on all threads rather than in a part.</summary>
        private const int Alone = 4 * ParallelThreshold;

        private readonly TensorStep<T>[] _tensors;
        private readonly int[] _partStarts;
        private bool _scan;

        internal ManyJob(TensorStep<T>[] tensors)
        {
            _tensors = tensors;
            Safe = new bool[tensors.Length];
            long shared = 0;
            foreach (TensorStep<T> tensor in tensors)
            {
                shared += tensor.Gradient.Length < Alone ? tensor.Gradient.Length : 0;
            }

            int parts = (int)Math.Clamp(shared / ParallelThreshold, 1, KernelWorkers.MaxParts);
            _partStarts = new int[parts + 1];
            long done = 0;
            int part = 1;
            for (int t = 0; t < tensors.Length && part < parts; t++)
            {
                done += tensors[t].Gradient.Length < Alone ? tensors[t].Gradient.Length : 0;
                if (done * parts >= shared * part)
                {
                    _partStarts[part++] = t + 1;
                }
            }

            for (; part <= parts; part++)
            {
                _partStarts[part] = tensors.Length;
            }
        }

        internal bool[] Safe { get; }

        internal void RunAll(bool scan)
        {
            _scan = scan;
            KernelWorkers.Run(this, _partStarts.Length - 1);
            for (int t = 0; t < _tensors.Length; t++)
            {
                if (_tensors[t].Gradient.Length >= Alone)
                {
                    Safe[t] = Execute(_tensors[t].Coefficients, _tensors[t].InPlace(), scan, KernelWorkers.MaxParts);
                }
            }
        }

        internal override void Run(int part)
        {
            for (int t = _partStarts[part]; t < _partStarts[part + 1]; t++)
            {
                if (_tensors[t].Gradient.Length < Alone)
                {
                    Safe[t] = Execute(_tensors[t].Coefficients, _tensors[t].InPlace(), _scan, maxParts: 1);
                }
            }
        }
    }
}
