#if NET9_0_OR_GREATER
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RmsProp.Functional;

/// <summary>
/// The vector loop: <see cref="RmsPropKernel.Coordinate"/> a vector at a time, specialised per option set.
/// </summary>
/// <remarks>
/// Every option is a type argument (<see cref="IVariant"/>), so the JIT compiles one straight loop per combination
/// that is used, with no test of an option inside the loop; the vector width is a type argument too
/// (<see cref="ILanes{TVector, T}"/>), so one source serves 512-, 256- and 128-bit hardware.
/// </remarks>
internal static partial class RmsPropKernel
{
    /// <summary>
    /// Runs <see cref="Coordinate"/> over [<paramref name="start"/>, <paramref name="end"/>), vectors first, then a
    /// scalar tail through the same stages (<see cref="FusedStep{T, TVector, TLanes, TVariant}"/>). Returns false if
    /// any effective gradient (after maximize and coupled decay) is NaN, infinite or above
    /// <see cref="SafeGradient{T}"/> in magnitude; the values are computed and written either way.
    /// </summary>
    private static bool VectorRange<T, TVector, TLanes, TVariant>(in Coefficients<T> c, in Pointers<T> p, int start, int end)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : struct, ILanes<TVector, T>
        where TVariant : struct, IVariant
    {
        // The tests of empty ranges skip calls that would do nothing: a model's small tensors pay every call per
        // tensor and pass, and each sets up its vectors of coefficients.
        int vectorEnd = start + ((end - start) / TLanes.Count * TLanes.Count);
        bool ok = vectorEnd == start || FusedStep<T, TVector, TLanes, TVariant>.Range(c, p, start, vectorEnd);
        return (vectorEnd == end || FusedStep<T, T, ScalarLanes<T>, TVariant>.Range(c, p, vectorEnd, end)) && ok;
    }

    /// <summary>
    /// Checks the effective gradient of [<paramref name="start"/>, <paramref name="end"/>) against
    /// <see cref="SafeGradient{T}"/> without writing anything: the in-place path's scan before it writes.
    /// </summary>
    private static unsafe bool ScanRange<T, TVector, TLanes, TVariant>(in Coefficients<T> c, in Pointers<T> p, int start, int end)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : struct, ILanes<TVector, T>
        where TVariant : struct, IVariant
    {
        TVector weightDecay = TLanes.Splat(c.WeightDecay), bound = TLanes.Splat(SafeGradient<T>());
        TVector bad = default;
        ref T gradient = ref Unsafe.AsRef<T>(p.Gradient);
        ref T parameters = ref Unsafe.AsRef<T>(p.Parameters);
        int i = start;
        for (; i <= end - TLanes.Count; i += TLanes.Count)
        {
            TVector g = TLanes.Load(ref gradient, (nuint)i);
            if (TVariant.CoupledDecay)
            {
                // Maximize only flips the sign, which the bound does not see.
                TVector w = TLanes.Load(ref parameters, (nuint)i);
                g = TVariant.OptaxOrder
                    ? Stages<T, TVector, TLanes>.AddDecayedWeights(g, weightDecay, w)
                    : Stages<T, TVector, TLanes>.AddDecayedWeightsFused(g, weightDecay, w);
            }

            bad = TLanes.Or(bad, TLanes.OutOfBound(g, bound));
        }

        bool ok = !TLanes.AnyBitSet(bad);
        for (; i < end; i++)
        {
            ok &= EffectiveGradientIsSafe(c, p.Gradient[i], TVariant.CoupledDecay ? p.Parameters[i] : T.Zero);
        }

        return ok;
    }

    /// <summary>The vector width this machine runs, in lanes of <typeparamref name="T"/>.</summary>
    internal static int VectorWidth<T>()
        where T : unmanaged => Simd<T>.IsAccelerated ? Simd<T>.Width : 1;
}
#endif
