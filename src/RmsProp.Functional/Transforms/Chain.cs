using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Numerics;

namespace RmsProp.Functional.Transforms;

/// <summary>
/// Runs pieces in sequence, each on what the previous one returned: Optax's <c>chain</c>
/// (optax/_src/combine.py), with any number of pieces and a flat state, one entry per piece
/// (<see cref="ChainState"/>), as Optax keeps a tuple of the pieces' states.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
public sealed class Chain<T> : IGradientTransformation<T, ChainState>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the chain.</summary>
    /// <param name="pieces">The pieces, first applied first; none is the identity.</param>
    public Chain(params IGradientTransformation<T>[] pieces)
    {
        Guard.NotNull(pieces, nameof(pieces));
        for (int i = 0; i < pieces.Length; i++)
        {
            if (pieces[i] is null)
            {
                throw new ArgumentNullException(nameof(pieces), $"{nameof(pieces)}[{i}] is null.");
            }
        }

        Pieces = [.. pieces];
    }

    /// <summary>The pieces, in the order they run.</summary>
    public ImmutableArray<IGradientTransformation<T>> Pieces { get; }

    /// <inheritdoc/>
    public ChainState Init(ReadOnlySpan<T> parameters)
    {
        var states = new object[Pieces.Length];
        for (int i = 0; i < states.Length; i++)
        {
            states[i] = Pieces[i].InitState(parameters);
        }

        return new ChainState(Values.Freeze(states));
    }

    /// <inheritdoc/>
    public Transformed<T, ChainState> Update(ReadOnlySpan<T> updates, ChainState state, ReadOnlySpan<T> parameters)
    {
        Guard.NotNull(state, nameof(state));
        if (state.Count != Pieces.Length)
        {
            throw new ArgumentException($"state has {state.Count} entries but the chain has {Pieces.Length} pieces; pass the state this chain made.", nameof(state));
        }

        if (Pieces.IsEmpty)
        {
            return new(Values.Freeze(updates.ToArray()), state);
        }

        var states = new object[Pieces.Length];
        ImmutableArray<T> current = default;
        for (int i = 0; i < states.Length; i++)
        {
            Transformed<T, object> step = Pieces[i].UpdateState(i == 0 ? updates : current.AsSpan(), state[i], parameters);
            current = step.Updates;
            states[i] = step.State;
        }

        return new(current, new ChainState(Values.Freeze(states)));
    }
}

/// <summary>The state of a <see cref="Chain{T}"/>: the pieces' states, in the pieces' order (Optax's tuple).</summary>
public sealed class ChainState : IReadOnlyList<object>
{
    /// <summary>
    /// A chain's state from its pieces' states, in the pieces' order: to restore a checkpoint, or to start a chain
    /// elsewhere than <see cref="Chain{T}.Init"/>. Each piece checks at its next update that its entry is its type.
    /// </summary>
    /// <param name="states">One state per piece.</param>
    public ChainState(params object[] states)
        : this(ImmutableArray.Create(Guard.NotNull(states, nameof(states))))
    {
        for (int i = 0; i < states.Length; i++)
        {
            if (states[i] is null)
            {
                throw new ArgumentNullException(nameof(states), $"{nameof(states)}[{i}] is null.");
            }
        }
    }

    internal ChainState(ImmutableArray<object> states)
    {
        States = states;
    }

    /// <summary>The pieces' states.</summary>
    public ImmutableArray<object> States { get; }

    /// <inheritdoc/>
    public int Count => States.Length;

    /// <inheritdoc/>
    public object this[int index] => States[index];

    /// <summary>The state of piece <paramref name="index"/>, as its type.</summary>
    /// <typeparam name="TState">The piece's state type, e.g. <see cref="ScaleByRmsState{T}"/>.</typeparam>
    /// <param name="index">The piece's position in the chain.</param>
    /// <returns>The state.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No piece at <paramref name="index"/>.</exception>
    /// <exception cref="ArgumentException">That piece's state is not a <typeparamref name="TState"/>.</exception>
    public TState Of<TState>(int index)
    {
        if (index < 0 || index >= States.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"{nameof(index)} must be in [0, {States.Length}), but was {index}.");
        }

        return States[index] is TState state
            ? state
            : throw new ArgumentException($"piece {index} keeps a {States[index].GetType().Name}, not a {typeof(TState).Name}.", nameof(TState));
    }

    /// <inheritdoc/>
    public IEnumerator<object> GetEnumerator() => ((IEnumerable<object>)States).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
