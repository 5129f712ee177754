using System;
using System.Collections.Immutable;
using System.Numerics;
using System.Text;

namespace RmsProp.Functional;

/// <summary>
/// What RMSProp remembers between steps, without the parameters: the state of the Optax-shaped pair
/// <see cref="RmsPropOptimizer.InitMoments{T}"/> / <see cref="RmsPropOptimizer.Update{T}"/>, for callers who keep
/// their parameters themselves. Immutable: no buffer a caller holds can change it.
/// </summary>
/// <typeparam name="T">The number type, <see cref="float"/> or <see cref="double"/> (any IEEE binary type works).</typeparam>
public sealed record RmsPropMoments<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    internal RmsPropMoments(
        RmsPropOptions options,
        ImmutableArray<T> squareAverage,
        ImmutableArray<T> gradientAverage,
        ImmutableArray<T> momentumBuffer,
        long stepCount)
    {
        Options = options;
        SquareAverage = squareAverage;
        GradientAverage = gradientAverage;
        MomentumBuffer = momentumBuffer;
        StepCount = stepCount;
    }

    /// <summary>The hyperparameters the next step uses.</summary>
    public RmsPropOptions Options { get; }

    /// <summary>The running average <c>s</c> of squared gradients, one entry per coordinate.</summary>
    public ImmutableArray<T> SquareAverage { get; }

    /// <summary>The running average <c>m</c> of gradients when <see cref="RmsPropOptions.Centered"/>; empty otherwise.</summary>
    public ImmutableArray<T> GradientAverage { get; }

    /// <summary>The momentum buffer <c>b</c> when <see cref="RmsPropOptions.Momentum"/> is not 0; empty otherwise.</summary>
    public ImmutableArray<T> MomentumBuffer { get; }

    /// <summary>How many steps have been taken.</summary>
    public long StepCount { get; }

    /// <summary>The number of coordinates.</summary>
    public int Length => SquareAverage.Length;

    /// <summary>
    /// Rebuilds moments from their parts (a checkpoint, another library's state). The arrays are copied.
    /// </summary>
    /// <param name="options">The hyperparameters; they decide which buffers must be present.</param>
    /// <param name="squareAverage">The squared-gradient average; every entry finite and at least 0.</param>
    /// <param name="gradientAverage">The gradient average: one entry per coordinate if centered, else empty.</param>
    /// <param name="momentumBuffer">The momentum buffer: one entry per coordinate if momentum is on, else empty.</param>
    /// <param name="stepCount">Steps taken so far; at least 0.</param>
    /// <returns>The moments.</returns>
    /// <exception cref="ArgumentException">A buffer has the wrong length or holds a value it cannot hold.</exception>
    public static RmsPropMoments<T> Restore(
        RmsPropOptions options,
        ReadOnlySpan<T> squareAverage,
        ReadOnlySpan<T> gradientAverage,
        ReadOnlySpan<T> momentumBuffer,
        long stepCount)
    {
        Guard.NotNull(options, nameof(options));
        Values.CheckMoments(options, squareAverage, gradientAverage, momentumBuffer, nameof(squareAverage), nameof(gradientAverage), nameof(momentumBuffer));
        Guard.AllFinite(squareAverage, nameof(squareAverage));
        for (int i = 0; i < squareAverage.Length; i++)
        {
            if (squareAverage[i] < T.Zero)
            {
                throw new ArgumentException($"{nameof(squareAverage)}[{i}] is {squareAverage[i]}; an average of squares is never negative.", nameof(squareAverage));
            }
        }

        Guard.AllFinite(gradientAverage, nameof(gradientAverage));
        Guard.AllFinite(momentumBuffer, nameof(momentumBuffer));
        if (stepCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(stepCount), stepCount, $"{nameof(stepCount)} must be at least 0, but was {stepCount}.");
        }

        return new RmsPropMoments<T>(
            options,
            ImmutableArray.Create(squareAverage),
            ImmutableArray.Create(gradientAverage),
            ImmutableArray.Create(momentumBuffer),
            stepCount);
    }

    /// <summary>
    /// The same moments with other hyperparameters, for schedules (a new learning rate, decay or epsilon per step).
    /// </summary>
    /// <param name="options">The new hyperparameters. <see cref="RmsPropOptions.Centered"/> and whether momentum is
    /// on must not change: the buffers they need are created by Init.</param>
    /// <returns>The moments with <paramref name="options"/>.</returns>
    /// <exception cref="ArgumentException">The new options need buffers these moments do not have, or the reverse.</exception>
    public RmsPropMoments<T> WithOptions(RmsPropOptions options)
    {
        Guard.NotNull(options, nameof(options));
        if (options.Centered != Options.Centered)
        {
            throw new ArgumentException(
                $"Centered is {Options.Centered} in these moments and {options.Centered} in the new options; it is fixed at Init because it decides whether a gradient average is kept.",
                nameof(options));
        }

        if ((options.Momentum != 0) != (Options.Momentum != 0))
        {
            throw new ArgumentException(
                $"Momentum is {Options.Momentum} in these moments and {options.Momentum} in the new options; turning momentum on or off is fixed at Init because it decides whether a momentum buffer is kept.",
                nameof(options));
        }

        return new RmsPropMoments<T>(options, SquareAverage, GradientAverage, MomentumBuffer, StepCount);
    }

    /// <summary>Value equality: same options, same step count, and element-wise equal buffers.</summary>
    /// <param name="other">The moments to compare with.</param>
    /// <returns>Whether both hold the same values.</returns>
    public bool Equals(RmsPropMoments<T>? other) =>
        other is not null
        && Options == other.Options
        && StepCount == other.StepCount
        && Values.SequenceEqual(SquareAverage, other.SquareAverage)
        && Values.SequenceEqual(GradientAverage, other.GradientAverage)
        && Values.SequenceEqual(MomentumBuffer, other.MomentumBuffer);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Options, StepCount, Values.Hash(SquareAverage), Values.Hash(GradientAverage), Values.Hash(MomentumBuffer));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("StepCount = ").Append(StepCount)
            .Append(", SquareAverage = ").Append(Values.Format(SquareAverage));
        if (Options.Centered)
        {
            builder.Append(", GradientAverage = ").Append(Values.Format(GradientAverage));
        }

        if (Options.Momentum != 0)
        {
            builder.Append(", MomentumBuffer = ").Append(Values.Format(MomentumBuffer));
        }

        builder.Append(", Options = ").Append(Options);
        return true;
    }
}
