using System.Numerics;
using System.Runtime.CompilerServices;
#if NET9_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace RmsProp.Functional;

/// <summary>Whether the vector paths apply to <typeparamref name="T"/> on this machine.</summary>
/// <remarks>
/// The kernel's vectors have hardware support only for float and double; <see cref="System.Half"/> and other IEEE
/// types take the scalar reference loop, which computes the same values. The kernel needs a vector fused
/// multiply-add, which <see cref="Vector"/> has from .NET 9; the net8.0 build runs the scalar loop.
/// </remarks>
internal static class Simd<T>
    where T : unmanaged
{
#if NET9_0_OR_GREATER
    internal static readonly bool IsAccelerated =
        (typeof(T) == typeof(float) || typeof(T) == typeof(double)) &&
        (Vector512.IsHardwareAccelerated || Vector256.IsHardwareAccelerated || Vector128.IsHardwareAccelerated);

    /// <summary>Lanes of the widest vector the hardware has: the kernel's step.</summary>
    internal static readonly int Width =
        Vector512.IsHardwareAccelerated ? Vector512<T>.Count
        : Vector256.IsHardwareAccelerated ? Vector256<T>.Count
        : Vector128<T>.Count;
#else
    internal static readonly bool IsAccelerated = false;
    internal static readonly int Width = 1;
#endif
}

/// <summary>
/// The operations the kernel needs, for one vector width. The kernel's loop is written once against this
/// interface; the JIT compiles it once per width with every call inlined (the implementations are structs, so the
/// static abstract calls are resolved at compile time). .NET's own <c>ISimdVector</c> is not public, hence this.
/// </summary>
/// <typeparam name="TVector">The vector type.</typeparam>
/// <typeparam name="T">float or double.</typeparam>
internal interface ILanes<TVector, T>
    where TVector : struct
    where T : unmanaged
{
    static abstract int Count { get; }

    static abstract TVector Splat(T value);

    static abstract TVector Load(ref T source, nuint index);

    static abstract void Store(TVector value, ref T destination, nuint index);

    /// <summary>
    /// Stores past the caches (a non-temporal store), to a <paramref name="destination"/> element aligned to the
    /// vector's size: written lines are not read first, and do not push the arrays still being read out of cache.
    /// Weakly ordered: the writer must fence before another thread may read them (<c>Streaming</c>).
    /// </summary>
    static abstract void StoreNonTemporal(TVector value, ref T destination, nuint index);

    static abstract TVector Add(TVector a, TVector b);

    static abstract TVector Subtract(TVector a, TVector b);

    static abstract TVector Multiply(TVector a, TVector b);

    static abstract TVector Divide(TVector a, TVector b);

    static abstract TVector Negate(TVector a);

    /// <summary><c>a*b + c</c> rounded once.</summary>
    static abstract TVector FusedMultiplyAdd(TVector a, TVector b, TVector c);

    static abstract TVector Sqrt(TVector a);

    /// <summary>Lanes below zero become +0; others (including -0 and NaN) are kept, as the scalar <c>if (v &lt; 0) v = 0</c>.</summary>
    static abstract TVector ZeroIfNegative(TVector a);

    /// <summary>All-ones in each lane whose magnitude is above <paramref name="bound"/> or NaN, zero elsewhere.</summary>
    static abstract TVector OutOfBound(TVector a, TVector bound);

    static abstract TVector Or(TVector a, TVector b);

    static abstract bool AnyBitSet(TVector a);
}

/// <summary>
/// One lane: the scalar form of every operation, each the correctly rounded IEEE operation its vector forms perform
/// lane by lane, so a loop written against <see cref="ILanes{TVector, T}"/> gives the same bits on its scalar tail
/// (and on net8.0, and for types without vectors) as on its vectors.
/// </summary>
internal readonly struct ScalarLanes<T> : ILanes<T, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => 1;

    public static T Splat(T value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Load(ref T source, nuint index) => Unsafe.Add(ref source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(T value, ref T destination, nuint index) => Unsafe.Add(ref destination, index) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreNonTemporal(T value, ref T destination, nuint index) => Unsafe.Add(ref destination, index) = value;

    public static T Add(T a, T b) => a + b;

    public static T Subtract(T a, T b) => a - b;

    public static T Multiply(T a, T b) => a * b;

    public static T Divide(T a, T b) => a / b;

    public static T Negate(T a) => -a;

    public static T FusedMultiplyAdd(T a, T b, T c) => T.FusedMultiplyAdd(a, b, c);

    public static T Sqrt(T a) => T.Sqrt(a);

    public static T ZeroIfNegative(T a) => a < T.Zero ? T.Zero : a;

    /// <summary>1 (a set bit) when out of bound or NaN, 0 otherwise: the scalar form of the vector's mask.</summary>
    public static T OutOfBound(T a, T bound) => T.Abs(a) <= bound ? T.Zero : T.One;

    public static T Or(T a, T b) => a != T.Zero || b != T.Zero ? T.One : T.Zero;

    public static bool AnyBitSet(T a) => a != T.Zero;
}

#if NET9_0_OR_GREATER
/// <summary>512-bit lanes (AVX-512).</summary>
internal readonly struct Lanes512<T> : ILanes<Vector512<T>, T>
    where T : unmanaged
{
    public static int Count => Vector512<T>.Count;

    public static Vector512<T> Splat(T value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(ref T source, nuint index) => Vector512.LoadUnsafe(ref source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> value, ref T destination, nuint index) => value.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void StoreNonTemporal(Vector512<T> value, ref T destination, nuint index) =>
        value.StoreAlignedNonTemporal((T*)Unsafe.AsPointer(ref Unsafe.Add(ref destination, index)));

    public static Vector512<T> Add(Vector512<T> a, Vector512<T> b) => a + b;

    public static Vector512<T> Subtract(Vector512<T> a, Vector512<T> b) => a - b;

    public static Vector512<T> Multiply(Vector512<T> a, Vector512<T> b) => a * b;

    public static Vector512<T> Divide(Vector512<T> a, Vector512<T> b) => a / b;

    public static Vector512<T> Negate(Vector512<T> a) => -a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> FusedMultiplyAdd(Vector512<T> a, Vector512<T> b, Vector512<T> c) =>
        typeof(T) == typeof(double)
            ? Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>()
            : Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();

    public static Vector512<T> Sqrt(Vector512<T> a) => Vector512.Sqrt(a);

    public static Vector512<T> ZeroIfNegative(Vector512<T> a) =>
        Vector512.ConditionalSelect(Vector512.LessThan(a, Vector512<T>.Zero), Vector512<T>.Zero, a);

    public static Vector512<T> OutOfBound(Vector512<T> a, Vector512<T> bound) =>
        ~Vector512.LessThanOrEqual(Vector512.Abs(a), bound);

    public static Vector512<T> Or(Vector512<T> a, Vector512<T> b) => a | b;

    public static bool AnyBitSet(Vector512<T> a) => a != Vector512<T>.Zero;
}

/// <summary>
/// <typeparamref name="TLanes"/> with every store non-temporal: for outputs that are fresh arrays too large to stay in
/// cache (the pure step at millions of coordinates), whose lines would otherwise be read from memory before being
/// overwritten. The values are the same; only the store instruction differs. The caller aligns the outputs and
/// fences (<c>sfence</c>) before the stored values are read by another thread.
/// </summary>
internal readonly struct Streaming<TVector, T, TLanes> : ILanes<TVector, T>
    where TVector : struct
    where T : unmanaged
    where TLanes : struct, ILanes<TVector, T>
{
    public static int Count => TLanes.Count;

    public static TVector Splat(T value) => TLanes.Splat(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Load(ref T source, nuint index) => TLanes.Load(ref source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(TVector value, ref T destination, nuint index) => TLanes.StoreNonTemporal(value, ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreNonTemporal(TVector value, ref T destination, nuint index) => TLanes.StoreNonTemporal(value, ref destination, index);

    public static TVector Add(TVector a, TVector b) => TLanes.Add(a, b);

    public static TVector Subtract(TVector a, TVector b) => TLanes.Subtract(a, b);

    public static TVector Multiply(TVector a, TVector b) => TLanes.Multiply(a, b);

    public static TVector Divide(TVector a, TVector b) => TLanes.Divide(a, b);

    public static TVector Negate(TVector a) => TLanes.Negate(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector FusedMultiplyAdd(TVector a, TVector b, TVector c) => TLanes.FusedMultiplyAdd(a, b, c);

    public static TVector Sqrt(TVector a) => TLanes.Sqrt(a);

    public static TVector ZeroIfNegative(TVector a) => TLanes.ZeroIfNegative(a);

    public static TVector OutOfBound(TVector a, TVector bound) => TLanes.OutOfBound(a, bound);

    public static TVector Or(TVector a, TVector b) => TLanes.Or(a, b);

    public static bool AnyBitSet(TVector a) => TLanes.AnyBitSet(a);
}

/// <summary>256-bit lanes (AVX2).</summary>
internal readonly struct Lanes256<T> : ILanes<Vector256<T>, T>
    where T : unmanaged
{
    public static int Count => Vector256<T>.Count;

    public static Vector256<T> Splat(T value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(ref T source, nuint index) => Vector256.LoadUnsafe(ref source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<T> value, ref T destination, nuint index) => value.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void StoreNonTemporal(Vector256<T> value, ref T destination, nuint index) =>
        value.StoreAlignedNonTemporal((T*)Unsafe.AsPointer(ref Unsafe.Add(ref destination, index)));

    public static Vector256<T> Add(Vector256<T> a, Vector256<T> b) => a + b;

    public static Vector256<T> Subtract(Vector256<T> a, Vector256<T> b) => a - b;

    public static Vector256<T> Multiply(Vector256<T> a, Vector256<T> b) => a * b;

    public static Vector256<T> Divide(Vector256<T> a, Vector256<T> b) => a / b;

    public static Vector256<T> Negate(Vector256<T> a) => -a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> FusedMultiplyAdd(Vector256<T> a, Vector256<T> b, Vector256<T> c) =>
        typeof(T) == typeof(double)
            ? Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>()
            : Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();

    public static Vector256<T> Sqrt(Vector256<T> a) => Vector256.Sqrt(a);

    public static Vector256<T> ZeroIfNegative(Vector256<T> a) =>
        Vector256.ConditionalSelect(Vector256.LessThan(a, Vector256<T>.Zero), Vector256<T>.Zero, a);

    public static Vector256<T> OutOfBound(Vector256<T> a, Vector256<T> bound) =>
        ~Vector256.LessThanOrEqual(Vector256.Abs(a), bound);

    public static Vector256<T> Or(Vector256<T> a, Vector256<T> b) => a | b;

    public static bool AnyBitSet(Vector256<T> a) => a != Vector256<T>.Zero;
}

/// <summary>128-bit lanes (SSE, Arm64 AdvSimd).</summary>
internal readonly struct Lanes128<T> : ILanes<Vector128<T>, T>
    where T : unmanaged
{
    public static int Count => Vector128<T>.Count;

    public static Vector128<T> Splat(T value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Load(ref T source, nuint index) => Vector128.LoadUnsafe(ref source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<T> value, ref T destination, nuint index) => value.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void StoreNonTemporal(Vector128<T> value, ref T destination, nuint index) =>
        value.StoreAlignedNonTemporal((T*)Unsafe.AsPointer(ref Unsafe.Add(ref destination, index)));

    public static Vector128<T> Add(Vector128<T> a, Vector128<T> b) => a + b;

    public static Vector128<T> Subtract(Vector128<T> a, Vector128<T> b) => a - b;

    public static Vector128<T> Multiply(Vector128<T> a, Vector128<T> b) => a * b;

    public static Vector128<T> Divide(Vector128<T> a, Vector128<T> b) => a / b;

    public static Vector128<T> Negate(Vector128<T> a) => -a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> FusedMultiplyAdd(Vector128<T> a, Vector128<T> b, Vector128<T> c) =>
        typeof(T) == typeof(double)
            ? Vector128.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>()
            : Vector128.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();

    public static Vector128<T> Sqrt(Vector128<T> a) => Vector128.Sqrt(a);

    public static Vector128<T> ZeroIfNegative(Vector128<T> a) =>
        Vector128.ConditionalSelect(Vector128.LessThan(a, Vector128<T>.Zero), Vector128<T>.Zero, a);

    public static Vector128<T> OutOfBound(Vector128<T> a, Vector128<T> bound) =>
        ~Vector128.LessThanOrEqual(Vector128.Abs(a), bound);

    public static Vector128<T> Or(Vector128<T> a, Vector128<T> b) => a | b;

    public static bool AnyBitSet(Vector128<T> a) => a != Vector128<T>.Zero;
}
#endif
