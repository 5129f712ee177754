using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using RmsProp.Functional;

namespace RmsProp.Benchmarks;

/// <summary>
/// What the library's step is measured against: loops with the step's memory traffic and almost no arithmetic (the
/// roofline), the rule as one would port it from the NumPy lesson, and the rule as one call per operation of
/// <see cref="TensorPrimitives"/>.
/// </summary>
public static class Baselines
{
    /// <summary>
    /// Reads three arrays and writes two, as plain RMSProp in place does (reads w, g, s; writes w, s), with one
    /// add and one fused multiply-add per element: as close to pure memory traffic as a loop gets.
    /// </summary>
    /// <remarks>
    /// Split across threads by the kernel's own helper threads (<see cref="KernelWorkers"/>), so the roofline pays
    /// the same hand-off as the step and allocates nothing; like the kernel, it steps to a 64-byte boundary first.
    /// </remarks>
    public static void Roofline3Read2Write<T>(T[] w, T[] g, T[] s, int threads)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        RooflineJob<T>.Run(w, g, s, [], [], threads, withRoot: false);

    /// <summary>
    /// The 3-read-2-write roofline plus the step's two long operations per coordinate, a square root and a division
    /// (<c>w += g / (sqrt(s) + eps)</c>): what the hardware's divider allows when the data is in cache. Both must be
    /// the correctly rounded IEEE operations for the step to equal PyTorch bit for bit.
    /// </summary>
    public static void SameTrafficWithRootAndDivide<T>(T[] w, T[] g, T[] s, int threads)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        RooflineJob<T>.Run(w, g, s, [], [], threads, withRoot: true);

    /// <summary>
    /// The in-place step's traffic and structure without its arithmetic: every chunk of <paramref name="g"/> read
    /// (an or of its bits, as the check's test), then, once all are read, the 3-read-2-write loop over the chunks, in
    /// one job of two phases like <c>StepInPlace</c>'s. Six arrays of traffic for the minimum five: what a step that must
    /// check the whole gradient before it writes can reach when the gradient is not cache-resident.
    /// </summary>
    public static void ReadGradientThenRoofline<T>(T[] w, T[] g, T[] s, int threads)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        RooflineJob<T>.Run(w, g, s, [], [], threads, withRoot: false, readGradientFirst: true);

    /// <summary>Reads five arrays and writes four, as centered RMSProp with momentum in place does.</summary>
    public static void Roofline5Read4Write<T>(T[] w, T[] g, T[] s, T[] m, T[] b, int threads)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        RooflineJob<T>.Run(w, g, s, m, b, threads, withRoot: false);

    /// <summary>Coordinates to step one at a time from <paramref name="start"/> until <paramref name="w"/> is on a 64-byte boundary, as the kernel does.</summary>
    private static unsafe int AlignedHead<T>(T[] w, int start, int end)
        where T : unmanaged
    {
        if (end - start < 4_096)
        {
            return 0;
        }

        nuint address = (nuint)Unsafe.AsPointer(ref w[start]);
        return (int)(((64 - (address & 63)) & 63) / (nuint)sizeof(T));
    }

    private static void Roofline3Read2WriteRange<T>(T[] w, T[] g, T[] s, int start, int end)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T rw = ref w[0], rg = ref g[0], rs = ref s[0];
        var half = Vector512.Create(T.CreateChecked(0.5));
        int i = start;
        for (int head = start + AlignedHead(w, start, end); i < head; i++)
        {
            s[i] = T.FusedMultiplyAdd(s[i], T.CreateChecked(0.5), g[i]);
            w[i] += s[i];
        }

        for (; i <= end - Vector512<T>.Count; i += Vector512<T>.Count)
        {
            Vector512<T> gi = Vector512.LoadUnsafe(ref rg, (nuint)i);
            Vector512<T> si = Vector512.LoadUnsafe(ref rs, (nuint)i) * half + gi;
            si.StoreUnsafe(ref rs, (nuint)i);
            (Vector512.LoadUnsafe(ref rw, (nuint)i) + si).StoreUnsafe(ref rw, (nuint)i);
        }

        for (; i < end; i++)
        {
            s[i] = T.FusedMultiplyAdd(s[i], T.CreateChecked(0.5), g[i]);
            w[i] += s[i];
        }
    }

    /// <summary>An or of the bits of <paramref name="g"/>[<paramref name="start"/>..<paramref name="end"/>): one read of each element, in whole vectors.</summary>
    private static int ReadRange<T>(T[] g, int start, int end)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T rg = ref g[0];
        Vector512<T> bits = Vector512<T>.Zero;
        int i = start;
        for (; i <= end - Vector512<T>.Count; i += Vector512<T>.Count)
        {
            bits |= Vector512.LoadUnsafe(ref rg, (nuint)i);
        }

        int tail = 0;
        for (; i < end; i++)
        {
            tail |= g[i] == T.Zero ? 0 : 1;
        }

        return (bits == Vector512<T>.Zero ? 0 : 1) | tail;
    }

    private static void WithRootRange<T>(T[] w, T[] g, T[] s, int start, int end)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T rw = ref w[0], rg = ref g[0], rs = ref s[0];
        var half = Vector512.Create(T.CreateChecked(0.5));
        var epsilon = Vector512.Create(T.CreateChecked(1e-8));
        int i = start;
        for (int head = start + AlignedHead(w, start, end); i < head; i++)
        {
            s[i] = T.FusedMultiplyAdd(s[i], T.CreateChecked(0.5), g[i]);
            w[i] += g[i] / (T.Sqrt(s[i]) + T.CreateChecked(1e-8));
        }

        for (; i <= end - Vector512<T>.Count; i += Vector512<T>.Count)
        {
            Vector512<T> gi = Vector512.LoadUnsafe(ref rg, (nuint)i);
            Vector512<T> si = (Vector512.LoadUnsafe(ref rs, (nuint)i) * half) + (gi * gi);
            si.StoreUnsafe(ref rs, (nuint)i);
            (Vector512.LoadUnsafe(ref rw, (nuint)i) + (gi / (Vector512.Sqrt(si) + epsilon))).StoreUnsafe(ref rw, (nuint)i);
        }

        for (; i < end; i++)
        {
            s[i] = T.FusedMultiplyAdd(s[i], T.CreateChecked(0.5), g[i] * g[i]);
            w[i] += g[i] / (T.Sqrt(s[i]) + T.CreateChecked(1e-8));
        }
    }

    private static void Roofline5Read4WriteRange<T>(T[] w, T[] g, T[] s, T[] m, T[] b, int start, int end)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T rw = ref w[0], rg = ref g[0], rs = ref s[0], rm = ref m[0], rb = ref b[0];
        var half = Vector512.Create(T.CreateChecked(0.5));
        int i = start;
        for (int head = start + AlignedHead(w, start, end); i < head; i++)
        {
            s[i] = T.FusedMultiplyAdd(s[i], T.CreateChecked(0.5), g[i]);
            m[i] = T.FusedMultiplyAdd(m[i], T.CreateChecked(0.5), g[i]);
            b[i] = T.FusedMultiplyAdd(b[i], T.CreateChecked(0.5), s[i] - m[i]);
            w[i] += b[i];
        }

        for (; i <= end - Vector512<T>.Count; i += Vector512<T>.Count)
        {
            Vector512<T> gi = Vector512.LoadUnsafe(ref rg, (nuint)i);
            Vector512<T> si = Vector512.LoadUnsafe(ref rs, (nuint)i) * half + gi;
            Vector512<T> mi = Vector512.LoadUnsafe(ref rm, (nuint)i) * half + gi;
            Vector512<T> bi = Vector512.LoadUnsafe(ref rb, (nuint)i) * half + (si - mi);
            si.StoreUnsafe(ref rs, (nuint)i);
            mi.StoreUnsafe(ref rm, (nuint)i);
            bi.StoreUnsafe(ref rb, (nuint)i);
            (Vector512.LoadUnsafe(ref rw, (nuint)i) + bi).StoreUnsafe(ref rw, (nuint)i);
        }

        for (; i < end; i++)
        {
            s[i] = T.FusedMultiplyAdd(s[i], T.CreateChecked(0.5), g[i]);
            m[i] = T.FusedMultiplyAdd(m[i], T.CreateChecked(0.5), g[i]);
            b[i] = T.FusedMultiplyAdd(b[i], T.CreateChecked(0.5), s[i] - m[i]);
            w[i] += b[i];
        }
    }

    /// <summary>
    /// The lesson's NumPy step (<c>s = rho*s + (1-rho)*g**2; w -= lr*g/(sqrt(s)+eps)</c>) ported to a plain loop,
    /// as most hand-written C# RMSProp looks.
    /// </summary>
    public static void NaiveScalar<T>(T[] w, T[] g, T[] s, T lr, T rho, T eps)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < w.Length; i++)
        {
            s[i] = rho * s[i] + (T.One - rho) * g[i] * g[i];
            w[i] -= lr * g[i] / (T.Sqrt(s[i]) + eps);
        }
    }

    /// <summary>
    /// The same rule as one <see cref="TensorPrimitives"/> call per operation, the well-kept-library way: every call
    /// is vectorised, but each is a pass over memory, and the temporaries are two more arrays.
    /// </summary>
    public static void Composed<T>(T[] w, T[] g, T[] s, T[] scratch1, T[] scratch2, T lr, T rho, T eps)
        where T : unmanaged, IFloatingPointIeee754<T>, IRootFunctions<T>
    {
        TensorPrimitives.Multiply<T>(g, g, scratch1);                          // g^2
        TensorPrimitives.Multiply<T>(s, rho, s);                               // rho*s
        TensorPrimitives.MultiplyAdd<T>(scratch1, T.One - rho, s, s);          // + (1-rho)*g^2
        TensorPrimitives.Sqrt<T>(s, scratch1);                                 // sqrt(s)
        TensorPrimitives.Add<T>(scratch1, eps, scratch1);                      // + eps
        TensorPrimitives.Divide<T>(g, scratch1, scratch2);                     // g / (...)
        TensorPrimitives.MultiplyAdd<T>(scratch2, -lr, w, w);                  // w - lr*(...)
    }

    /// <summary>
    /// The roofline loops cut in chunks as the kernel cuts a step (<see cref="RmsPropKernel.ChunkLength{T}"/>, or
    /// halves when shorter), run by the kernel's helper threads.
    /// </summary>
    private sealed class RooflineJob<T> : KernelWorkers.Job
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [ThreadStatic]
        private static RooflineJob<T>? _forThisThread;

        private T[] _w = [], _g = [], _s = [], _m = [], _b = [];
        private int _chunkLength;
        private bool _withRoot;
        private bool _readGradientFirst;
        private int _bits;

        internal override int Phases => _readGradientFirst ? 2 : 1;

        internal override int Chunks => (_w.Length + _chunkLength - 1) / _chunkLength;

        internal static void Run(T[] w, T[] g, T[] s, T[] m, T[] b, int threads, bool withRoot, bool readGradientFirst = false)
        {
            RooflineJob<T> job = _forThisThread ??= new RooflineJob<T>();
            int halves = ((((w.Length + threads - 1) / threads) + 63) & ~63) | 64;
            (job._w, job._g, job._s, job._m, job._b, job._withRoot, job._readGradientFirst) = (w, g, s, m, b, withRoot, readGradientFirst);
            job._chunkLength = threads <= 1 ? Math.Max(1, w.Length) : Math.Min(RmsPropKernel.ChunkLength<T>(), halves);
            KernelWorkers.Run(job, threads);
        }

        internal override void Run(int phase, int chunk)
        {
            int start = chunk * _chunkLength;
            int end = Math.Min(_w.Length, start + _chunkLength);
            if (_readGradientFirst && phase == 0)
            {
                // Kept in a field, so the reads are not dropped as dead code.
                _bits |= ReadRange(_g, start, end);
            }
            else if (_withRoot)
            {
                WithRootRange(_w, _g, _s, start, end);
            }
            else if (_m.Length == 0)
            {
                Roofline3Read2WriteRange(_w, _g, _s, start, end);
            }
            else
            {
                Roofline5Read4WriteRange(_w, _g, _s, _m, _b, start, end);
            }
        }
    }
}
