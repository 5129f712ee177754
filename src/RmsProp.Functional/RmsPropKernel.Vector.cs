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
    /// scalar tail. Returns false if any effective gradient (after maximize and coupled decay) is NaN, infinite or
    /// above <see cref="SafeGradient{T}"/> in magnitude; the values are computed and written either way.
    /// </summary>
    private static unsafe bool VectorRange<T, TVector, TLanes, TVariant>(in Coefficients<T> c, in Pointers<T> p, int start, int end)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : struct, ILanes<TVector, T>
        where TVariant : struct, IVariant
    {
        TVector rho = TLanes.Splat(c.Rho), oneMinusRho = TLanes.Splat(c.OneMinusRho), epsilon = TLanes.Splat(c.Epsilon);
        TVector learningRate = TLanes.Splat(c.LearningRate), negativeLearningRate = TLanes.Splat(c.NegativeLearningRate);
        TVector momentum = TLanes.Splat(c.Momentum), weightDecay = TLanes.Splat(c.WeightDecay);
        TVector decoupled = TLanes.Splat(c.DecoupledWeightDecay), keep = TLanes.Splat(c.DecoupledKeep);
        TVector decoupledStep = TLanes.Splat(c.NegativeDecoupledStep), divisor = TLanes.Splat(c.BiasCorrectionDivisor);
        TVector one = TLanes.Splat(T.One), bound = TLanes.Splat(SafeGradient<T>()), zero = default;
        TVector bad = zero;

        ref T gradient = ref Unsafe.AsRef<T>(p.Gradient);
        ref T parameters = ref Unsafe.AsRef<T>(p.Parameters);
        ref T squareIn = ref Unsafe.AsRef<T>(p.SquareIn);
        ref T squareOut = ref Unsafe.AsRef<T>(p.SquareOut);
        ref T averageIn = ref Unsafe.AsRef<T>(p.AverageIn);
        ref T averageOut = ref Unsafe.AsRef<T>(p.AverageOut);
        ref T momentumIn = ref Unsafe.AsRef<T>(p.MomentumIn);
        ref T momentumOut = ref Unsafe.AsRef<T>(p.MomentumOut);
        ref T output = ref Unsafe.AsRef<T>(p.Output);

        int i = start;
        for (; i <= end - TLanes.Count; i += TLanes.Count)
        {
            nuint k = (nuint)i;
            TVector g = TLanes.Load(ref gradient, k);
            TVector w = TVariant.ReadsParameters ? TLanes.Load(ref parameters, k) : zero;
            if (TVariant.Maximize)
            {
                g = TLanes.Negate(g);
            }

            if (TVariant.CoupledDecay)
            {
                g = TVariant.OptaxOrder ? TLanes.Add(g, TLanes.Multiply(weightDecay, w)) : TLanes.FusedMultiplyAdd(weightDecay, w, g);
            }

            bad = TLanes.Or(bad, TLanes.OutOfBound(g, bound));

            TVector s = TLanes.Load(ref squareIn, k);
            s = TVariant.OptaxOrder
                ? TLanes.Add(TLanes.Multiply(oneMinusRho, TLanes.Multiply(g, g)), TLanes.Multiply(rho, s))
                : TLanes.FusedMultiplyAdd(TLanes.Multiply(oneMinusRho, g), g, TLanes.Multiply(s, rho));
            TLanes.Store(s, ref squareOut, k);
            TVector variance = TVariant.BiasCorrection ? TLanes.Divide(s, divisor) : s;
            if (TVariant.Centered)
            {
                TVector m = TLanes.Load(ref averageIn, k);
                m = TVariant.OptaxOrder
                    ? TLanes.Add(TLanes.Multiply(oneMinusRho, g), TLanes.Multiply(rho, m))
                    : TLanes.FusedMultiplyAdd(oneMinusRho, g, TLanes.Multiply(m, rho));
                TLanes.Store(m, ref averageOut, k);
                TVector mean = TVariant.BiasCorrection ? TLanes.Divide(m, divisor) : m;
                variance = TVariant.OptaxOrder
                    ? TLanes.Subtract(variance, TLanes.Multiply(mean, mean))
                    : TLanes.FusedMultiplyAdd(TLanes.Negate(mean), mean, variance);
                variance = TLanes.ZeroIfNegative(variance);
            }

            TVector result;
            if (!TVariant.OptaxOrder)
            {
                TVector denominator = TVariant.EpsilonInside
                    ? TLanes.Sqrt(TLanes.Add(variance, epsilon))
                    : TLanes.Add(TLanes.Sqrt(variance), epsilon);
                TVector decayed = TVariant.DecoupledDecay ? TLanes.Multiply(w, keep) : w;
                if (!TVariant.HasMomentum)
                {
                    TVector update = TLanes.Divide(TLanes.Multiply(negativeLearningRate, g), denominator);
                    result = TVariant.AddParameters ? TLanes.Add(decayed, update)
                        : TVariant.DecoupledDecay ? TLanes.FusedMultiplyAdd(decoupledStep, w, update) : update;
                }
                else
                {
                    TVector x = TVariant.LearningRateInsideBuffer
                        ? TLanes.Divide(TLanes.Multiply(learningRate, g), denominator)
                        : TLanes.Divide(g, denominator);
                    TVector b = TLanes.Add(TLanes.Multiply(TLanes.Load(ref momentumIn, k), momentum), x);
                    TLanes.Store(b, ref momentumOut, k);
                    TVector step = TVariant.Nesterov ? TLanes.Add(x, TLanes.Multiply(b, momentum)) : b;
                    if (TVariant.AddParameters)
                    {
                        result = TVariant.LearningRateInsideBuffer
                            ? TLanes.Subtract(decayed, step)
                            : TLanes.FusedMultiplyAdd(negativeLearningRate, step, decayed);
                    }
                    else
                    {
                        TVector update = TVariant.LearningRateInsideBuffer ? TLanes.Negate(step) : TLanes.Multiply(negativeLearningRate, step);
                        result = TVariant.DecoupledDecay ? TLanes.FusedMultiplyAdd(decoupledStep, w, update) : update;
                    }
                }
            }
            else
            {
                TVector scale = TVariant.EpsilonInside
                    ? TLanes.Divide(one, TLanes.Sqrt(TLanes.Add(variance, epsilon)))
                    : TLanes.Divide(one, TLanes.Add(TLanes.Sqrt(variance), epsilon));
                TVector x = TLanes.Multiply(g, scale);
                if (TVariant.DecoupledDecay)
                {
                    x = TLanes.Add(x, TLanes.Multiply(decoupled, w));
                }

                TVector update;
                if (!TVariant.HasMomentum)
                {
                    update = TLanes.Multiply(negativeLearningRate, x);
                }
                else if (TVariant.LearningRateInsideBuffer)
                {
                    TVector y = TLanes.Multiply(negativeLearningRate, x);
                    TVector b = TLanes.Add(y, TLanes.Multiply(momentum, TLanes.Load(ref momentumIn, k)));
                    TLanes.Store(b, ref momentumOut, k);
                    update = TVariant.Nesterov ? TLanes.Add(y, TLanes.Multiply(momentum, b)) : b;
                }
                else
                {
                    TVector b = TLanes.Add(x, TLanes.Multiply(momentum, TLanes.Load(ref momentumIn, k)));
                    TLanes.Store(b, ref momentumOut, k);
                    update = TLanes.Multiply(negativeLearningRate, TVariant.Nesterov ? TLanes.Add(x, TLanes.Multiply(momentum, b)) : b);
                }

                result = TVariant.AddParameters ? TLanes.Add(w, update) : update;
            }

            TLanes.Store(result, ref output, k);
        }

        bool ok = !TLanes.AnyBitSet(bad);
        for (; i < end; i++)
        {
            ok &= ScalarCoordinate<T, TVariant>(c, p, i);
        }

        return ok;
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
                g = TVariant.OptaxOrder ? TLanes.Add(g, TLanes.Multiply(weightDecay, w)) : TLanes.FusedMultiplyAdd(weightDecay, w, g);
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

    private static unsafe bool ScalarCoordinate<T, TVariant>(in Coefficients<T> c, in Pointers<T> p, int i)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVariant : struct, IVariant
    {
        T w = TVariant.ReadsParameters ? p.Parameters[i] : T.Zero;
        T s = p.SquareIn[i];
        T m = TVariant.Centered ? p.AverageIn[i] : T.Zero;
        T b = TVariant.HasMomentum ? p.MomentumIn[i] : T.Zero;
        bool ok = EffectiveGradientIsSafe(c, p.Gradient[i], w);
        T result = Coordinate(c, p.Gradient[i], w, TVariant.AddParameters, ref s, ref m, ref b);
        p.SquareOut[i] = s;
        if (TVariant.Centered)
        {
            p.AverageOut[i] = m;
        }

        if (TVariant.HasMomentum)
        {
            p.MomentumOut[i] = b;
        }

        p.Output[i] = result;
        return ok;
    }

    /// <summary>The vector width this machine runs, in lanes of <typeparamref name="T"/>.</summary>
    internal static int VectorWidth<T>()
        where T : unmanaged => Simd<T>.IsAccelerated ? Simd<T>.Width : 1;

    /// <summary>Picks the widest hardware vector and runs <paramref name="action"/> with it.</summary>
    private static bool WithLanes<T, TVariant, TAction>(ref TAction action)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVariant : struct, IVariant
        where TAction : struct, ILanesAction<T>
    {
        if (Vector512.IsHardwareAccelerated)
        {
            return action.Invoke<Vector512<T>, Lanes512<T>, TVariant>();
        }

        return Vector256.IsHardwareAccelerated
            ? action.Invoke<Vector256<T>, Lanes256<T>, TVariant>()
            : action.Invoke<Vector128<T>, Lanes128<T>, TVariant>();
    }

    /// <summary>Something to run with a vector width and a variant chosen: the loop over one range, or the scan.</summary>
    internal interface ILanesAction<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool Invoke<TVector, TLanes, TVariant>()
            where TVector : struct
            where TLanes : struct, ILanes<TVector, T>
            where TVariant : struct, IVariant;
    }

    /// <summary>Runs the vector loop over one range.</summary>
    private struct UpdateAction<T> : ILanesAction<T>, IVariantAction
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public Coefficients<T> Coefficients;
        public Pointers<T> Pointers;
        public int Start;
        public int End;
        public bool Result;

        public bool Invoke<TVector, TLanes, TVariant>()
            where TVector : struct
            where TLanes : struct, ILanes<TVector, T>
            where TVariant : struct, IVariant =>
            VectorRange<T, TVector, TLanes, TVariant>(Coefficients, Pointers, Start, End);

        public void Invoke<TVariant>()
            where TVariant : struct, IVariant => Result = WithLanes<T, TVariant, UpdateAction<T>>(ref this);
    }

    /// <summary>Runs the scan over one range.</summary>
    private struct ScanAction<T> : ILanesAction<T>, IVariantAction
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public Coefficients<T> Coefficients;
        public Pointers<T> Pointers;
        public int Start;
        public int End;
        public bool Result;

        public bool Invoke<TVector, TLanes, TVariant>()
            where TVector : struct
            where TLanes : struct, ILanes<TVector, T>
            where TVariant : struct, IVariant =>
            ScanRange<T, TVector, TLanes, TVariant>(Coefficients, Pointers, Start, End);

        public void Invoke<TVariant>()
            where TVariant : struct, IVariant => Result = WithLanes<T, TVariant, ScanAction<T>>(ref this);
    }

    private static bool VectorUpdate<T>(in Coefficients<T> c, in Pointers<T> p, bool addParameters, int start, int end)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var action = new UpdateAction<T> { Coefficients = c, Pointers = p, Start = start, End = end };
        Variants.Dispatch(ref action, Flags(c, addParameters));
        return action.Result;
    }

    private static bool VectorScan<T>(in Coefficients<T> c, in Pointers<T> p, int start, int end)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The scan reads only the gradient and, for coupled decay, the parameters: the other options would compile
        // the same loop again under another name.
        var action = new ScanAction<T> { Coefficients = c, Pointers = p, Start = start, End = end };
        Variants.Dispatch(ref action, new VariantFlags(c.OptaxOrder, false, c.CoupledDecay, false, false, false, false, false, false, false, false));
        return action.Result;
    }

    private static VariantFlags Flags<T>(in Coefficients<T> c, bool addParameters)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new(c.OptaxOrder, c.Maximize, c.CoupledDecay, c.DecoupledDecay, c.Centered, c.EpsilonInside, c.BiasCorrection,
            c.HasMomentum, c.LearningRateInsideBuffer, c.Nesterov, addParameters);
}
#endif
