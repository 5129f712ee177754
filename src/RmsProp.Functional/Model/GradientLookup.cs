using System.Collections.Generic;
using System.Numerics;

namespace RmsProp.Functional;

/// <summary>
/// Finds a step's gradients by tensor name on the kernel's threads: one instance per
/// <see cref="RmsPropModelBuffers{T}"/>, reused every step.
/// </summary>
/// <remarks>
/// Right after a step has streamed megabytes through the caches, a thousand dictionary lookups miss the cache about
/// twice each (the bucket, then the entry): ~40 us on one thread, a tenth of a step of 1,000 tensors of 10^3 floats.
/// Shared out among the threads, the misses overlap. Only a <see cref="Dictionary{TKey, TValue}"/> is read this way,
/// because concurrent reads of it are safe; any other dictionary, and every error, goes through the single-threaded
/// check, which names the first bad gradient.
/// </remarks>
/// <typeparam name="T">The number type.</typeparam>
internal sealed class GradientLookup<T> : KernelWorkers.Job
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Below this many tensors the lookups stay on the calling thread: the hand-off would cost more than they do.</summary>
    internal const int ParallelFrom = 256;

    private const int TensorsPerChunk = 64;

    private readonly IReadOnlyList<string> _names;
    private Dictionary<string, T[]>? _gradients;
    private T[][] _found = [];
    private volatile bool _missing;

    internal GradientLookup(IReadOnlyList<string> names) => _names = names;

    internal override int Chunks => (_names.Count + TensorsPerChunk - 1) / TensorsPerChunk;

    /// <summary>
    /// Puts the gradient of tensor <c>i</c> into <paramref name="found"/>[i] for every tensor; returns false if one is
    /// missing or null (the caller's check then names it).
    /// </summary>
    internal bool TryFind(Dictionary<string, T[]> gradients, T[][] found)
    {
        _gradients = gradients;
        _found = found;
        _missing = false;
        try
        {
            KernelWorkers.Run(this, KernelWorkers.MaxParts);
        }
        finally
        {
            _gradients = null;
            _found = [];
        }

        return !_missing;
    }

    internal override void Run(int phase, int chunk)
    {
        int end = System.Math.Min(_names.Count, (chunk + 1) * TensorsPerChunk);
        for (int i = chunk * TensorsPerChunk; i < end; i++)
        {
            if (_gradients!.TryGetValue(_names[i], out T[]? gradient) && gradient is not null)
            {
                _found[i] = gradient;
            }
            else
            {
                _missing = true;
            }
        }
    }
}
