using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Threading.Tasks;

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
    public static void Roofline3Read2Write<T>(T[] w, T[] g, T[] s, int threads)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Split(w.Length, threads, (start, end) => Roofline3Read2WriteRange(w, g, s, start, end));

    /// <summary>Reads five arrays and writes four, as centered RMSProp with momentum in place does.</summary>
    public static void Roofline5Read4Write<T>(T[] w, T[] g, T[] s, T[] m, T[] b, int threads)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Split(w.Length, threads, (start, end) => Roofline5Read4WriteRange(w, g, s, m, b, start, end));

    private static void Roofline3Read2WriteRange<T>(T[] w, T[] g, T[] s, int start, int end)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T rw = ref w[0], rg = ref g[0], rs = ref s[0];
        var half = Vector512.Create(T.CreateChecked(0.5));
        int i = start;
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

    private static void Roofline5Read4WriteRange<T>(T[] w, T[] g, T[] s, T[] m, T[] b, int start, int end)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T rw = ref w[0], rg = ref g[0], rs = ref s[0], rm = ref m[0], rb = ref b[0];
        var half = Vector512.Create(T.CreateChecked(0.5));
        int i = start;
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

    /// <summary>Runs <paramref name="body"/> over [0, length) on 1 thread, or split in equal vector-aligned halves on 2.</summary>
    private static void Split(int length, int threads, Action<int, int> body)
    {
        if (threads <= 1)
        {
            body(0, length);
            return;
        }

        int chunk = (length / threads + 63) & ~63;
        Parallel.For(0, threads, part => body(Math.Min(length, part * chunk), Math.Min(length, (part + 1) * chunk)));
    }
}
