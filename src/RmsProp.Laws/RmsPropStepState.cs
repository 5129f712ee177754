using System;
using System.Globalization;
using System.Linq;
using System.Numerics;
using RmsProp.Functional;

namespace RmsProp.Laws;

/// <summary>
/// Everything an RMSProp step reads and writes besides its hyperparameters and the gradient, as plain arrays with
/// one entry per coordinate: the common language the laws speak with any implementation.
/// </summary>
/// <remarks>
/// <para>
/// Every array always has one entry per coordinate, whatever the options say, so that an implementation never has
/// to guess what an empty buffer means: a buffer the options do not use is passed back as it came.
/// </para>
/// <para>
/// A step must treat the arrays it is given as read-only and return new ones (law 5 checks it). The laws build
/// their starting states with <see cref="Start"/>, and compare states bit for bit, never by reference.
/// </para>
/// </remarks>
/// <typeparam name="T">The number type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class RmsPropStepState<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Bundles the arrays; they are kept, not copied.</summary>
    /// <param name="parameters">The parameters <c>w</c>.</param>
    /// <param name="squareAverage">The running average <c>s</c> of squared gradients.</param>
    /// <param name="gradientAverage">The running average <c>m</c> of gradients (read only when centered).</param>
    /// <param name="momentumBuffer">The momentum buffer <c>b</c> (read only when momentum is on).</param>
    /// <param name="auxiliary">
    /// Memory an implementation keeps per coordinate beyond RMSProp's own (a running sum, a counter). The laws
    /// start it at 0, carry it, checkpoint it and compare it, but never interpret it.
    /// </param>
    /// <exception cref="ArgumentNullException">An array is null.</exception>
    /// <exception cref="ArgumentException">The arrays have different lengths.</exception>
    public RmsPropStepState(T[] parameters, T[] squareAverage, T[] gradientAverage, T[] momentumBuffer, T[] auxiliary)
    {
        Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        SquareAverage = squareAverage ?? throw new ArgumentNullException(nameof(squareAverage));
        GradientAverage = gradientAverage ?? throw new ArgumentNullException(nameof(gradientAverage));
        MomentumBuffer = momentumBuffer ?? throw new ArgumentNullException(nameof(momentumBuffer));
        Auxiliary = auxiliary ?? throw new ArgumentNullException(nameof(auxiliary));
        foreach ((T[] array, string name) in new[]
        {
            (squareAverage, nameof(squareAverage)),
            (gradientAverage, nameof(gradientAverage)),
            (momentumBuffer, nameof(momentumBuffer)),
            (auxiliary, nameof(auxiliary)),
        })
        {
            if (array.Length != parameters.Length)
            {
                throw new ArgumentException(
                    $"{name} has {array.Length} entries but parameters has {parameters.Length}; every array has one entry per coordinate.",
                    name);
            }
        }
    }

    /// <summary>The parameters <c>w</c>.</summary>
    public T[] Parameters { get; }

    /// <summary>The running average <c>s</c> of squared gradients.</summary>
    public T[] SquareAverage { get; }

    /// <summary>The running average <c>m</c> of gradients; meaningful when the options are centered.</summary>
    public T[] GradientAverage { get; }

    /// <summary>The momentum buffer <c>b</c>; meaningful when the options have momentum.</summary>
    public T[] MomentumBuffer { get; }

    /// <summary>Per-coordinate memory of the implementation's own; the laws never interpret it.</summary>
    public T[] Auxiliary { get; }

    /// <summary>The number of coordinates.</summary>
    public int Length => Parameters.Length;

    /// <summary>For a state an optimizer object produced, how it got there; copies do not keep it.</summary>
    internal ObjectTrail<T>? Trail { get; init; }

    /// <summary>
    /// The state every law starts from: the given parameters (copied), the square average at
    /// <see cref="RmsPropOptions.InitialSquareAverage"/>, and every other buffer at 0.
    /// </summary>
    /// <param name="options">The hyperparameters.</param>
    /// <param name="parameters">The starting parameters.</param>
    /// <returns>A fresh state.</returns>
    public static RmsPropStepState<T> Start(RmsPropOptions options, T[] parameters)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(parameters);
        int n = parameters.Length;
        var square = new T[n];
        Array.Fill(square, T.CreateChecked(options.InitialSquareAverage));
        return new RmsPropStepState<T>((T[])parameters.Clone(), square, new T[n], new T[n], new T[n]);
    }

    /// <summary>A state with the same buffers (copied) and other parameters (copied).</summary>
    /// <param name="parameters">The new parameters; one per coordinate.</param>
    /// <returns>The new state.</returns>
    public RmsPropStepState<T> WithParameters(T[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new RmsPropStepState<T>(
            (T[])parameters.Clone(),
            (T[])SquareAverage.Clone(),
            (T[])GradientAverage.Clone(),
            (T[])MomentumBuffer.Clone(),
            (T[])Auxiliary.Clone());
    }

    /// <summary>A deep copy: new arrays with the same bits.</summary>
    /// <returns>The copy.</returns>
    public RmsPropStepState<T> Copy() => WithParameters(Parameters);

    /// <inheritdoc/>
    public override string ToString() =>
        $"w = {Format(Parameters)}, s = {Format(SquareAverage)}, m = {Format(GradientAverage)}, b = {Format(MomentumBuffer)}, aux = {Format(Auxiliary)}";

    private static string Format(T[] values) =>
        "[" + string.Join(", ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]";
}

/// <summary>One RMSProp step: the state after following <paramref name="gradient"/> from <paramref name="state"/>.</summary>
/// <remarks>
/// Must be a function of its arguments alone: no argument may be changed, and equal arguments must give bitwise equal
/// results. Options may differ from one call to the next (the convergence law decays the learning rate).
/// </remarks>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="options">The hyperparameters for this step.</param>
/// <param name="state">The current state; read-only.</param>
/// <param name="gradient">The gradient at <c>state.Parameters</c>, one entry per coordinate; read-only.</param>
/// <returns>The next state, in new arrays.</returns>
public delegate RmsPropStepState<T> RmsPropStep<T>(RmsPropOptions options, RmsPropStepState<T> state, T[] gradient)
    where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>
/// Saves a state the way the implementation checkpoints it and loads it back (for example through JSON text).
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="options">The hyperparameters in force when the state is saved.</param>
/// <param name="state">The state to save; read-only.</param>
/// <returns>The state as loaded back.</returns>
public delegate RmsPropStepState<T> RmsPropCheckpointRoundTrip<T>(RmsPropOptions options, RmsPropStepState<T> state)
    where T : unmanaged, IFloatingPointIeee754<T>;
