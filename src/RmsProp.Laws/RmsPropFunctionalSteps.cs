using System;
using System.Numerics;
using RmsProp.Functional;

namespace RmsProp.Laws;

/// <summary>
/// RmsProp.Functional's three ways to take a step, as implementations the laws can check: the pure
/// <see cref="RmsPropOptimizer.Step{T}"/> (with JSON checkpoints), the Optax-shaped
/// <see cref="RmsPropOptimizer.UpdateWithParameters{T}"/> followed by <see cref="RmsPropOptimizer.ApplyUpdates{T}"/>,
/// and the allocation-free <see cref="RmsPropOptimizer.StepInPlace{T}"/>.
/// </summary>
/// <remarks>
/// Each declares <see cref="RmsPropSupport.Everything"/>. Also a worked example of an adapter: a few lines between
/// the laws' plain arrays and a library's own types.
/// </remarks>
public static class RmsPropFunctionalSteps
{
    /// <summary><see cref="RmsPropOptimizer.Step{T}"/>, checkpointed through <see cref="RmsPropCheckpoint"/>.</summary>
    public static RmsPropImplementation Step { get; } =
        new RmsPropImplementation("RmsProp.Functional Step", Pure<float>, Pure<double>)
            .WithCheckpoint(ThroughJson<float>, ThroughJson<double>)
            .Supporting(RmsPropSupport.Everything);

    /// <summary>
    /// <see cref="RmsPropOptimizer.UpdateWithParameters{T}"/> then <see cref="RmsPropOptimizer.ApplyUpdates{T}"/>,
    /// checkpointed as its callers would: the moments through <see cref="RmsPropCheckpoint.SaveMoments{T}"/>, the
    /// parameters kept aside.
    /// </summary>
    public static RmsPropImplementation Update { get; } =
        new RmsPropImplementation("RmsProp.Functional Update", Updates<float>, Updates<double>)
            .WithCheckpoint(MomentsThroughJson<float>, MomentsThroughJson<double>)
            .Supporting(RmsPropSupport.Everything);

    /// <summary><see cref="RmsPropOptimizer.StepInPlace{T}"/> on copies of the state's arrays.</summary>
    public static RmsPropImplementation StepInPlace { get; } =
        new RmsPropImplementation("RmsProp.Functional StepInPlace", InPlace<float>, InPlace<double>).Supporting(RmsPropSupport.Everything);

    private static RmsPropState<T> ToState<T>(RmsPropOptions options, RmsPropStepState<T> state)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        RmsPropState<T>.Restore(state.Parameters, ToMoments(options, state));

    private static RmsPropMoments<T> ToMoments<T>(RmsPropOptions options, RmsPropStepState<T> state)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        RmsPropMoments<T>.Restore(
            options,
            state.SquareAverage,
            options.Centered ? state.GradientAverage : [],
            options.Momentum != 0 ? state.MomentumBuffer : [],
            stepCount: 0);

    /// <summary>Back to arrays; the buffers the options leave out come back as they went in.</summary>
    private static RmsPropStepState<T> FromParts<T>(RmsPropOptions options, ReadOnlySpan<T> parameters, RmsPropMoments<T> moments, RmsPropStepState<T> before)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new(
            parameters.ToArray(),
            moments.SquareAverage.AsSpan().ToArray(),
            options.Centered ? moments.GradientAverage.AsSpan().ToArray() : (T[])before.GradientAverage.Clone(),
            options.Momentum != 0 ? moments.MomentumBuffer.AsSpan().ToArray() : (T[])before.MomentumBuffer.Clone(),
            (T[])before.Auxiliary.Clone());

    private static RmsPropStepState<T> Pure<T>(RmsPropOptions options, RmsPropStepState<T> state, T[] gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RmsPropState<T> next = RmsPropOptimizer.Step<T>(ToState(options, state), gradient);
        return FromParts(options, next.Parameters.AsSpan(), next.Moments, state);
    }

    private static RmsPropStepState<T> ThroughJson<T>(RmsPropOptions options, RmsPropStepState<T> state)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RmsPropState<T> loaded = RmsPropCheckpoint.Load<T>(RmsPropCheckpoint.Save(ToState(options, state)));
        if (loaded.Options != options)
        {
            throw new InvalidOperationException($"The checkpoint saved {options} and loaded {loaded.Options}.");
        }

        return FromParts(options, loaded.Parameters.AsSpan(), loaded.Moments, state);
    }

    private static RmsPropStepState<T> MomentsThroughJson<T>(RmsPropOptions options, RmsPropStepState<T> state)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RmsPropMoments<T> loaded = RmsPropCheckpoint.LoadMoments<T>(RmsPropCheckpoint.SaveMoments(ToMoments(options, state)));
        if (loaded.Options != options)
        {
            throw new InvalidOperationException($"The checkpoint saved {options} and loaded {loaded.Options}.");
        }

        return FromParts(options, state.Parameters, loaded, state);
    }

    private static RmsPropStepState<T> Updates<T>(RmsPropOptions options, RmsPropStepState<T> state, T[] gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (updates, moments) = RmsPropOptimizer.UpdateWithParameters<T>(ToMoments(options, state), gradient, state.Parameters);
        return FromParts(options, RmsPropOptimizer.ApplyUpdates<T>(state.Parameters, updates.AsSpan()).AsSpan(), moments, state);
    }

    private static RmsPropStepState<T> InPlace<T>(RmsPropOptions options, RmsPropStepState<T> state, T[] gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RmsPropStepState<T> next = state.Copy();
        RmsPropOptimizer.StepInPlace<T>(
            options,
            next.Parameters,
            gradient,
            next.SquareAverage,
            options.Centered ? next.GradientAverage : Span<T>.Empty,
            options.Momentum != 0 ? next.MomentumBuffer : Span<T>.Empty);
        return next;
    }
}
