using System;
using System.Collections.Immutable;
using System.Numerics;

namespace RmsProp.Functional.Transforms;

/// <summary>
/// Divides each update by the root of a running average of its squares: Optax's <c>scale_by_rms</c>, the heart of
/// RMSProp without the learning rate. State: the average <c>nu</c>.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
public sealed record ScaleByRms<T> : IGradientTransformation<T, ImmutableArray<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the piece.</summary>
    /// <param name="decay">rho, in [0, 1).</param>
    /// <param name="epsilon">Finite and at least 0.</param>
    /// <param name="placement">Inside the root is Optax's default.</param>
    public ScaleByRms(double decay, double epsilon, EpsilonPlacement placement)
    {
        Decay = Guard.UnitInterval(decay, nameof(decay));
        Epsilon = Guard.NonNegativeFinite(epsilon, nameof(epsilon));
        Placement = Guard.Defined(placement, nameof(placement));
    }

    /// <summary>rho.</summary>
    public double Decay { get; }

    /// <summary>eps.</summary>
    public double Epsilon { get; }

    /// <summary>Where eps goes.</summary>
    public EpsilonPlacement Placement { get; }

    /// <inheritdoc/>
    public ImmutableArray<T> Init(ReadOnlySpan<T> parameters) => Values.Filled(parameters.Length, T.Zero);

    /// <inheritdoc/>
    public Transformed<T, ImmutableArray<T>> Update(ReadOnlySpan<T> updates, ImmutableArray<T> state, ReadOnlySpan<T> parameters)
    {
        Pieces.Check(updates, state.Length);
        T decay = T.CreateChecked(Decay), keep = T.CreateChecked(1.0 - Decay), epsilon = T.CreateChecked(Epsilon);
        bool inside = Placement == EpsilonPlacement.InsideRoot;
        var nu = new T[updates.Length];
        var scaled = new T[updates.Length];
        for (int i = 0; i < updates.Length; i++)
        {
            T g = updates[i];
            nu[i] = keep * g * g + decay * state[i];
            scaled[i] = g / (inside ? T.Sqrt(nu[i] + epsilon) : T.Sqrt(nu[i]) + epsilon);
        }

        return new(Values.Freeze(scaled), Values.Freeze(nu));
    }
}

/// <summary>Multiplies every update by a constant: Optax's <c>scale</c> (<c>-lr</c> turns a direction into a step).</summary>
/// <typeparam name="T">The number type.</typeparam>
public sealed record Scale<T> : IGradientTransformation<T, NoState>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the piece.</summary>
    /// <param name="factor">The finite factor.</param>
    public Scale(double factor)
    {
        Factor = double.IsFinite(factor) ? factor : throw new ArgumentOutOfRangeException(nameof(factor), factor, $"{nameof(factor)} must be finite, but was {factor}.");
    }

    /// <summary>The factor.</summary>
    public double Factor { get; }

    /// <inheritdoc/>
    public NoState Init(ReadOnlySpan<T> parameters) => NoState.Instance;

    /// <inheritdoc/>
    public Transformed<T, NoState> Update(ReadOnlySpan<T> updates, NoState state, ReadOnlySpan<T> parameters)
    {
        T factor = T.CreateChecked(Factor);
        var scaled = new T[updates.Length];
        for (int i = 0; i < updates.Length; i++)
        {
            scaled[i] = factor * updates[i];
        }

        return new(Values.Freeze(scaled), state);
    }
}

/// <summary>Momentum as a trace of past updates, <c>t = decay*t + u</c>: Optax's <c>trace</c>. State: the trace.</summary>
/// <typeparam name="T">The number type.</typeparam>
public sealed record Trace<T> : IGradientTransformation<T, ImmutableArray<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the piece.</summary>
    /// <param name="decay">The momentum coefficient, in [0, 1).</param>
    public Trace(double decay)
    {
        Decay = Guard.UnitInterval(decay, nameof(decay));
    }

    /// <summary>The momentum coefficient.</summary>
    public double Decay { get; }

    /// <inheritdoc/>
    public ImmutableArray<T> Init(ReadOnlySpan<T> parameters) => Values.Filled(parameters.Length, T.Zero);

    /// <inheritdoc/>
    public Transformed<T, ImmutableArray<T>> Update(ReadOnlySpan<T> updates, ImmutableArray<T> state, ReadOnlySpan<T> parameters)
    {
        Pieces.Check(updates, state.Length);
        T decay = T.CreateChecked(Decay);
        var trace = new T[updates.Length];
        for (int i = 0; i < updates.Length; i++)
        {
            trace[i] = decay * state[i] + updates[i];
        }

        ImmutableArray<T> frozen = Values.Freeze(trace);
        return new(frozen, frozen);
    }
}

/// <summary>Adds <c>wd*w</c> to every update: Optax's <c>add_decayed_weights</c> (coupled L2 when it comes first).</summary>
/// <typeparam name="T">The number type.</typeparam>
public sealed record AddDecayedWeights<T> : IGradientTransformation<T, NoState>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the piece.</summary>
    /// <param name="weightDecay">Finite and at least 0.</param>
    public AddDecayedWeights(double weightDecay)
    {
        WeightDecay = Guard.NonNegativeFinite(weightDecay, nameof(weightDecay));
    }

    /// <summary>wd.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc/>
    public NoState Init(ReadOnlySpan<T> parameters) => NoState.Instance;

    /// <inheritdoc/>
    public Transformed<T, NoState> Update(ReadOnlySpan<T> updates, NoState state, ReadOnlySpan<T> parameters)
    {
        Guard.SameLength(updates.Length, parameters.Length, nameof(parameters), nameof(updates));
        T weightDecay = T.CreateChecked(WeightDecay);
        var decayed = new T[updates.Length];
        for (int i = 0; i < updates.Length; i++)
        {
            decayed[i] = updates[i] + weightDecay * parameters[i];
        }

        return new(Values.Freeze(decayed), state);
    }
}

/// <summary>Runs one transformation, then another on its output: Optax's <c>chain</c> of two.</summary>
/// <typeparam name="T">The number type.</typeparam>
/// <typeparam name="TFirst">The first piece's state.</typeparam>
/// <typeparam name="TSecond">The second piece's state.</typeparam>
public sealed record Chain<T, TFirst, TSecond> : IGradientTransformation<T, (TFirst First, TSecond Second)>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the chain.</summary>
    /// <param name="first">Applied to the gradients.</param>
    /// <param name="second">Applied to what the first returns.</param>
    public Chain(IGradientTransformation<T, TFirst> first, IGradientTransformation<T, TSecond> second)
    {
        First = Guard.NotNull(first, nameof(first));
        Second = Guard.NotNull(second, nameof(second));
    }

    /// <summary>Applied to the gradients.</summary>
    public IGradientTransformation<T, TFirst> First { get; }

    /// <summary>Applied to what <see cref="First"/> returns.</summary>
    public IGradientTransformation<T, TSecond> Second { get; }

    /// <inheritdoc/>
    public (TFirst First, TSecond Second) Init(ReadOnlySpan<T> parameters) => (First.Init(parameters), Second.Init(parameters));

    /// <inheritdoc/>
    public Transformed<T, (TFirst First, TSecond Second)> Update(ReadOnlySpan<T> updates, (TFirst First, TSecond Second) state, ReadOnlySpan<T> parameters)
    {
        Transformed<T, TFirst> first = First.Update(updates, state.First, parameters);
        Transformed<T, TSecond> second = Second.Update(first.Updates.AsSpan(), state.Second, parameters);
        return new(second.Updates, (first.State, second.State));
    }
}

/// <summary>Checks shared by the pieces.</summary>
internal static class Pieces
{
    internal static void Check<T>(ReadOnlySpan<T> updates, int stateLength)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.SameLength(stateLength, updates.Length, nameof(updates), "state");
        Guard.AllFinite(updates, nameof(updates));
    }
}
