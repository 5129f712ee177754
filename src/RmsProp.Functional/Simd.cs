using System.Numerics;

namespace RmsProp.Functional;

/// <summary>Whether the vector paths apply to <typeparamref name="T"/> on this machine.</summary>
/// <remarks>
/// <see cref="Vector{T}"/> has hardware support only for the primitive numeric types; <see cref="System.Half"/>
/// and other IEEE types take the scalar reference loop, which computes the same values. The kernel needs a vector
/// fused multiply-add, which <see cref="Vector"/> has from .NET 9; the net8.0 build runs the scalar loop.
/// </remarks>
internal static class Simd<T>
    where T : unmanaged
{
#if NET9_0_OR_GREATER
    internal static readonly bool IsAccelerated =
        Vector.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double));
#else
    internal static readonly bool IsAccelerated = false;
#endif
}
