using System;
using System.Collections.Immutable;
using System.Numerics;

namespace RmsProp.Functional.Transforms;

/// <summary>
/// A gradient transformation whose state is not named in its type: what <see cref="Chain{T}"/> holds, so that a
/// chain of any pieces is one type. Every <see cref="IGradientTransformation{T, TState}"/> is one.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
public interface IGradientTransformation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The state before the first step, boxed.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <returns>The initial state.</returns>
    object InitState(ReadOnlySpan<T> parameters);

    /// <summary>Transforms <paramref name="updates"/> with a boxed state.</summary>
    /// <param name="updates">The incoming updates; not changed.</param>
    /// <param name="state">A state this transformation made.</param>
    /// <param name="parameters">The current parameters, for transformations that read them; may be empty otherwise.</param>
    /// <returns>The outgoing updates and the next state, boxed.</returns>
    Transformed<T, object> UpdateState(ReadOnlySpan<T> updates, object state, ReadOnlySpan<T> parameters);
}

/// <summary>
/// A gradient transformation in Optax's sense (optax/_src/base.py <c>GradientTransformation</c>): a pair of pure
/// functions, <see cref="Init"/> and <see cref="Update"/>, that turn gradients into updates while threading a state
/// of their own. Small pieces (<see cref="ScaleByRms{T}"/>, <see cref="ScaleByLearningRate{T}"/>,
/// <see cref="Trace{T}"/>, ...) combine with <see cref="Chain{T}"/> into whole optimizers; see <see cref="Compose"/>.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
/// <typeparam name="TState">What the transformation remembers between steps; immutable.</typeparam>
public interface IGradientTransformation<T, TState> : IGradientTransformation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TState : notnull
{
    /// <summary>The state before the first step, for parameters shaped like <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The parameters (read for their length, and by transformations that need their values).</param>
    /// <returns>The initial state.</returns>
    TState Init(ReadOnlySpan<T> parameters);

    /// <summary>Transforms <paramref name="updates"/> (gradients, for the first piece of a chain).</summary>
    /// <param name="updates">The incoming updates; not changed.</param>
    /// <param name="state">The state; not changed.</param>
    /// <param name="parameters">The current parameters, for transformations that read them; may be empty otherwise.</param>
    /// <returns>The outgoing updates and the next state.</returns>
    Transformed<T, TState> Update(ReadOnlySpan<T> updates, TState state, ReadOnlySpan<T> parameters);

    /// <inheritdoc/>
    object IGradientTransformation<T>.InitState(ReadOnlySpan<T> parameters) => Init(parameters);

    /// <inheritdoc/>
    Transformed<T, object> IGradientTransformation<T>.UpdateState(ReadOnlySpan<T> updates, object state, ReadOnlySpan<T> parameters)
    {
        if (state is not TState typed)
        {
            throw new ArgumentException(
                $"state is a {state?.GetType().Name ?? "null"}, but {GetType().Name} keeps a {typeof(TState).Name}: pass the state this piece made.",
                nameof(state));
        }

        Transformed<T, TState> result = Update(updates, typed, parameters);
        return new(result.Updates, result.State);
    }
}

/// <summary>What <see cref="IGradientTransformation{T, TState}.Update"/> returns.</summary>
/// <typeparam name="T">The number type.</typeparam>
/// <typeparam name="TState">The transformation's state.</typeparam>
/// <param name="Updates">The transformed updates.</param>
/// <param name="State">The next state.</param>
public readonly record struct Transformed<T, TState>(ImmutableArray<T> Updates, TState State);

/// <summary>The state of a transformation that remembers nothing (Optax's <c>EmptyState</c>).</summary>
public sealed record NoState
{
    /// <summary>The one value.</summary>
    public static NoState Instance { get; } = new();

    private NoState()
    {
    }
}
