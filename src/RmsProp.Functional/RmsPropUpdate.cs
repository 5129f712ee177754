using System;
using System.Collections.Immutable;
using System.Numerics;

namespace RmsProp.Functional;

/// <summary>
/// The result of <see cref="RmsPropOptimizer.Update{T}"/>: the updates to add to the parameters and the new moments.
/// Deconstructs as <c>var (updates, moments) = ...</c>.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="Updates">What to add to each parameter: <c>w_new = w + update</c> (already scaled by <c>-lr</c>).</param>
/// <param name="Moments">The moments after this step.</param>
public sealed record RmsPropUpdate<T>(ImmutableArray<T> Updates, RmsPropMoments<T> Moments)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Value equality: element-wise equal updates and equal moments.</summary>
    /// <param name="other">The result to compare with.</param>
    /// <returns>Whether both hold the same values.</returns>
    public bool Equals(RmsPropUpdate<T>? other) =>
        other is not null && Values.SequenceEqual(Updates, other.Updates) && Moments.Equals(other.Moments);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Values.Hash(Updates), Moments);
}
