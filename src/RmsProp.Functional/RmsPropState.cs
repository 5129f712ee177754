using System;
using System.Collections.Immutable;
using System.Numerics;
using System.Text;

namespace RmsProp.Functional;

/// <summary>
/// A whole optimizer state: the parameters being optimized and the <see cref="RmsPropMoments{T}"/> that RMSProp
/// keeps for them. Immutable; <see cref="RmsPropOptimizer.Step{T}"/> returns a new state and leaves this one as it is.
/// </summary>
/// <typeparam name="T">The number type, <see cref="float"/> or <see cref="double"/> (any IEEE binary type works).</typeparam>
public sealed record RmsPropState<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    internal RmsPropState(ImmutableArray<T> parameters, RmsPropMoments<T> moments)
    {
        Parameters = parameters;
        Moments = moments;
    }

    /// <summary>The parameters <c>w</c>.</summary>
    public ImmutableArray<T> Parameters { get; }

    /// <summary>What RMSProp remembers about past gradients.</summary>
    public RmsPropMoments<T> Moments { get; }

    /// <summary>The hyperparameters the next step uses (those of <see cref="Moments"/>).</summary>
    public RmsPropOptions Options => Moments.Options;

    /// <summary>The running average of squared gradients (that of <see cref="Moments"/>).</summary>
    public ImmutableArray<T> SquareAverage => Moments.SquareAverage;

    /// <summary>How many steps have been taken.</summary>
    public long StepCount => Moments.StepCount;

    /// <summary>Rebuilds a state from parameters and moments (a checkpoint); the parameters are copied.</summary>
    /// <param name="parameters">The parameters; every entry finite, one per coordinate of <paramref name="moments"/>.</param>
    /// <param name="moments">The moments.</param>
    /// <returns>The state.</returns>
    /// <exception cref="ArgumentException">The lengths differ or a parameter is not finite.</exception>
    public static RmsPropState<T> Restore(ReadOnlySpan<T> parameters, RmsPropMoments<T> moments)
    {
        Guard.NotNull(moments, nameof(moments));
        Guard.SameLength(moments.Length, parameters.Length, nameof(parameters), nameof(moments));
        Guard.AllFinite(parameters, nameof(parameters));
        return new RmsPropState<T>(ImmutableArray.Create(parameters), moments);
    }

    /// <summary>The same state with other hyperparameters (see <see cref="RmsPropMoments{T}.WithOptions"/>).</summary>
    /// <param name="options">The new hyperparameters.</param>
    /// <returns>The state with <paramref name="options"/>.</returns>
    public RmsPropState<T> WithOptions(RmsPropOptions options) => new(Parameters, Moments.WithOptions(options));

    /// <summary>Value equality: element-wise equal parameters and equal moments.</summary>
    /// <param name="other">The state to compare with.</param>
    /// <returns>Whether both hold the same values.</returns>
    public bool Equals(RmsPropState<T>? other) =>
        other is not null && Values.SequenceEqual(Parameters, other.Parameters) && Moments.Equals(other.Moments);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Values.Hash(Parameters), Moments);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Parameters = ").Append(Values.Format(Parameters)).Append(", Moments = ").Append(Moments);
        return true;
    }
}
