using System;
using System.Numerics;
using System.Runtime.CompilerServices;
#if NET9_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace RmsProp.Functional;

/// <summary>
/// What one piece computes at one position (a vector of <c>TLanes.Count</c> coordinates, or one coordinate), written
/// once against <see cref="ILanes{TVector, T}"/> from the stages of <see cref="Stages{T, TVector, TLanes}"/>.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
internal interface IElementwise<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    void Apply<TVector, TLanes>(nuint k)
        where TVector : struct
        where TLanes : struct, ILanes<TVector, T>;
}

/// <summary>
/// Runs an <see cref="IElementwise{T}"/> over a span the way the fused kernel runs its step: the widest hardware
/// vector first, then the tail through <see cref="ScalarLanes{T}"/>, so every coordinate of a piece goes through
/// the same stage code as the same coordinate of <c>RmsPropOptimizer</c>.
/// </summary>
internal static class SpanStages
{
    internal static void Run<T, TOp>(ref TOp op, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IElementwise<T>
    {
        int i = 0;
#if NET9_0_OR_GREATER
        if (Simd<T>.IsAccelerated)
        {
            i = Vector512.IsHardwareAccelerated ? Vectors<T, Vector512<T>, Lanes512<T>, TOp>(ref op, length)
                : Vector256.IsHardwareAccelerated ? Vectors<T, Vector256<T>, Lanes256<T>, TOp>(ref op, length)
                : Vectors<T, Vector128<T>, Lanes128<T>, TOp>(ref op, length);
        }
#endif
        for (; i < length; i++)
        {
            op.Apply<T, ScalarLanes<T>>((nuint)i);
        }
    }

    private static int Vectors<T, TVector, TLanes, TOp>(ref TOp op, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TLanes : struct, ILanes<TVector, T>
        where TOp : struct, IElementwise<T>
    {
        int i = 0;
        for (; i <= length - TLanes.Count; i += TLanes.Count)
        {
            op.Apply<TVector, TLanes>((nuint)i);
        }

        return i;
    }
}

/// <summary>
/// The positions of the span loops' operands. Spans cannot be fields of the structs the loops are generic over
/// (net8.0 has no <c>allows ref struct</c>), so the pieces pin their spans and hand over the addresses.
/// </summary>
internal static unsafe class At
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ref T Ref<T>(T* pointer)
        where T : unmanaged => ref Unsafe.AsRef<T>(pointer);
}

/// <summary>Optax's <c>scale_by_rms</c> and, with <see cref="Mean"/>, <c>scale_by_stddev</c>, one position.</summary>
internal unsafe struct ScaleByRmsStage<T> : IElementwise<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public T* Updates;
    public T* NuIn;
    public T* NuOut;
    public T* MuIn;
    public T* MuOut;
    public T* Output;
    public T Decay;
    public T OneMinusDecay;
    public T Epsilon;
    public T Divisor;
    public bool Mean;
    public bool EpsilonInside;
    public bool BiasCorrection;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Apply<TVector, TLanes>(nuint k)
        where TVector : struct
        where TLanes : struct, ILanes<TVector, T>
    {
        TVector decay = TLanes.Splat(Decay), oneMinusDecay = TLanes.Splat(OneMinusDecay), divisor = TLanes.Splat(Divisor);
        TVector g = TLanes.Load(ref At.Ref(Updates), k);
        TVector nu = Stages<T, TVector, TLanes>.SquareAverage(g, TLanes.Load(ref At.Ref(NuIn), k), decay, oneMinusDecay);
        TLanes.Store(nu, ref At.Ref(NuOut), k);
        TVector variance = BiasCorrection ? Stages<T, TVector, TLanes>.BiasCorrection(nu, divisor) : nu;
        if (Mean)
        {
            TVector mu = Stages<T, TVector, TLanes>.GradientAverage(g, TLanes.Load(ref At.Ref(MuIn), k), decay, oneMinusDecay);
            TLanes.Store(mu, ref At.Ref(MuOut), k);
            variance = Stages<T, TVector, TLanes>.CenteredVariance(variance, BiasCorrection ? Stages<T, TVector, TLanes>.BiasCorrection(mu, divisor) : mu);
        }

        TVector scaling = Stages<T, TVector, TLanes>.RmsScaling(variance, TLanes.Splat(Epsilon), EpsilonInside);
        TLanes.Store(Stages<T, TVector, TLanes>.ApplyScaling(g, scaling), ref At.Ref(Output), k);
    }
}

/// <summary>Optax's <c>scale</c> (and <c>scale_by_learning_rate</c>, <c>scale_by_schedule</c>), one position.</summary>
internal unsafe struct ScaleStage<T> : IElementwise<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public T* Updates;
    public T* Output;
    public T Factor;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Apply<TVector, TLanes>(nuint k)
        where TVector : struct
        where TLanes : struct, ILanes<TVector, T> =>
        TLanes.Store(Stages<T, TVector, TLanes>.Scale(TLanes.Splat(Factor), TLanes.Load(ref At.Ref(Updates), k)), ref At.Ref(Output), k);
}

/// <summary>Optax's <c>trace</c>, with or without Nesterov's look-ahead, one position.</summary>
internal unsafe struct TraceStage<T> : IElementwise<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public T* Updates;
    public T* TraceIn;
    public T* TraceOut;
    public T* Output;
    public T Decay;
    public bool Nesterov;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Apply<TVector, TLanes>(nuint k)
        where TVector : struct
        where TLanes : struct, ILanes<TVector, T>
    {
        TVector decay = TLanes.Splat(Decay);
        TVector g = TLanes.Load(ref At.Ref(Updates), k);
        TVector trace = Stages<T, TVector, TLanes>.Trace(g, decay, TLanes.Load(ref At.Ref(TraceIn), k));
        TLanes.Store(trace, ref At.Ref(TraceOut), k);
        if (Nesterov)
        {
            TLanes.Store(Stages<T, TVector, TLanes>.Trace(g, decay, trace), ref At.Ref(Output), k);
        }
    }
}

/// <summary>Optax's <c>add_decayed_weights</c>, one position.</summary>
internal unsafe struct AddDecayedWeightsStage<T> : IElementwise<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public T* Updates;
    public T* Parameters;
    public T* Output;
    public T WeightDecay;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Apply<TVector, TLanes>(nuint k)
        where TVector : struct
        where TLanes : struct, ILanes<TVector, T> =>
        TLanes.Store(
            Stages<T, TVector, TLanes>.AddDecayedWeights(TLanes.Load(ref At.Ref(Updates), k), TLanes.Splat(WeightDecay), TLanes.Load(ref At.Ref(Parameters), k)),
            ref At.Ref(Output),
            k);
}

/// <summary>Optax's <c>clip_by_global_norm</c> past its trigger, <c>(t / norm) * max_norm</c>, one position.</summary>
internal unsafe struct ClipStage<T> : IElementwise<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public T* Updates;
    public T* Output;
    public T Norm;
    public T MaxNorm;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Apply<TVector, TLanes>(nuint k)
        where TVector : struct
        where TLanes : struct, ILanes<TVector, T> =>
        TLanes.Store(
            Stages<T, TVector, TLanes>.ClipToNorm(TLanes.Load(ref At.Ref(Updates), k), TLanes.Splat(Norm), TLanes.Splat(MaxNorm)),
            ref At.Ref(Output),
            k);
}

/// <summary>Optax's <c>scale_by_adam</c>, one position.</summary>
internal unsafe struct ScaleByAdamStage<T> : IElementwise<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public T* Updates;
    public T* MuIn;
    public T* MuOut;
    public T* NuIn;
    public T* NuOut;
    public T* Output;
    public T Beta1;
    public T OneMinusBeta1;
    public T Beta2;
    public T OneMinusBeta2;
    public T Divisor1;
    public T Divisor2;
    public T Epsilon;
    public T EpsilonRoot;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Apply<TVector, TLanes>(nuint k)
        where TVector : struct
        where TLanes : struct, ILanes<TVector, T>
    {
        TVector g = TLanes.Load(ref At.Ref(Updates), k);
        TVector mu = Stages<T, TVector, TLanes>.GradientAverage(g, TLanes.Load(ref At.Ref(MuIn), k), TLanes.Splat(Beta1), TLanes.Splat(OneMinusBeta1));
        TVector nu = Stages<T, TVector, TLanes>.SquareAverage(g, TLanes.Load(ref At.Ref(NuIn), k), TLanes.Splat(Beta2), TLanes.Splat(OneMinusBeta2));
        TLanes.Store(mu, ref At.Ref(MuOut), k);
        TLanes.Store(nu, ref At.Ref(NuOut), k);
        TVector muHat = Stages<T, TVector, TLanes>.BiasCorrection(mu, TLanes.Splat(Divisor1));
        TVector nuHat = Stages<T, TVector, TLanes>.BiasCorrection(nu, TLanes.Splat(Divisor2));
        TLanes.Store(Stages<T, TVector, TLanes>.AdamDirection(muHat, nuHat, TLanes.Splat(Epsilon), TLanes.Splat(EpsilonRoot)), ref At.Ref(Output), k);
    }
}

/// <summary>Optax's <c>apply_updates</c>, one position.</summary>
internal unsafe struct ApplyUpdatesStage<T> : IElementwise<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public T* Parameters;
    public T* Updates;
    public T* Output;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Apply<TVector, TLanes>(nuint k)
        where TVector : struct
        where TLanes : struct, ILanes<TVector, T> =>
        TLanes.Store(
            Stages<T, TVector, TLanes>.ApplyUpdates(TLanes.Load(ref At.Ref(Parameters), k), TLanes.Load(ref At.Ref(Updates), k)),
            ref At.Ref(Output),
            k);
}
