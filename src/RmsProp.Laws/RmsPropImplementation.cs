using System;
using System.Numerics;

namespace RmsProp.Laws;

/// <summary>
/// An implementation under test: a name, its step in <see cref="float"/> and in <see cref="double"/>, and how it
/// checkpoints a state. Immutable.
/// </summary>
/// <remarks>
/// Both number types are asked for because law 10 compares them; an implementation written once generically passes
/// the same method twice (<c>new RmsPropImplementation("mine", MyStep&lt;float&gt;, MyStep&lt;double&gt;)</c>).
/// Without <see cref="WithCheckpoint"/>, a checkpoint is a copy of the state's arrays, so law 12 then says that the
/// step depends on nothing but the state it is given.
/// </remarks>
public sealed class RmsPropImplementation
{
    /// <summary>An implementation whose checkpoint is a copy of the state's arrays.</summary>
    /// <param name="name">What reports call it.</param>
    /// <param name="single">The step in <see cref="float"/>.</param>
    /// <param name="double">The step in <see cref="double"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public RmsPropImplementation(string name, RmsPropStep<float> single, RmsPropStep<double> @double)
        : this(name, single, @double, CopyArrays<float>, CopyArrays<double>)
    {
    }

    private RmsPropImplementation(
        string name,
        RmsPropStep<float> single,
        RmsPropStep<double> @double,
        RmsPropCheckpointRoundTrip<float> checkpointSingle,
        RmsPropCheckpointRoundTrip<double> checkpointDouble)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Single = single ?? throw new ArgumentNullException(nameof(single));
        Double = @double ?? throw new ArgumentNullException(nameof(@double));
        CheckpointSingle = checkpointSingle ?? throw new ArgumentNullException(nameof(checkpointSingle));
        CheckpointDouble = checkpointDouble ?? throw new ArgumentNullException(nameof(checkpointDouble));
    }

    /// <summary>What reports call this implementation.</summary>
    public string Name { get; }

    /// <summary>The step in <see cref="float"/>.</summary>
    public RmsPropStep<float> Single { get; }

    /// <summary>The step in <see cref="double"/>.</summary>
    public RmsPropStep<double> Double { get; }

    /// <summary>Save-and-load of a <see cref="float"/> state.</summary>
    public RmsPropCheckpointRoundTrip<float> CheckpointSingle { get; }

    /// <summary>Save-and-load of a <see cref="double"/> state.</summary>
    public RmsPropCheckpointRoundTrip<double> CheckpointDouble { get; }

    /// <summary>This implementation with its own checkpoint format, which law 12 then exercises.</summary>
    /// <param name="single">Save-and-load of a <see cref="float"/> state.</param>
    /// <param name="double">Save-and-load of a <see cref="double"/> state.</param>
    /// <returns>A new implementation.</returns>
    public RmsPropImplementation WithCheckpoint(RmsPropCheckpointRoundTrip<float> single, RmsPropCheckpointRoundTrip<double> @double) =>
        new(Name, Single, Double, single, @double);

    /// <inheritdoc/>
    public override string ToString() => Name;

    internal RmsPropStep<T> Step<T>()
        where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? (RmsPropStep<T>)(object)Single
        : typeof(T) == typeof(double) ? (RmsPropStep<T>)(object)Double
        : throw new NotSupportedException($"The laws run in float and double, not {typeof(T).Name}.");

    internal RmsPropCheckpointRoundTrip<T> Checkpoint<T>()
        where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? (RmsPropCheckpointRoundTrip<T>)(object)CheckpointSingle
        : typeof(T) == typeof(double) ? (RmsPropCheckpointRoundTrip<T>)(object)CheckpointDouble
        : throw new NotSupportedException($"The laws run in float and double, not {typeof(T).Name}.");

    private static RmsPropStepState<T> CopyArrays<T>(Functional.RmsPropOptions options, RmsPropStepState<T> state)
        where T : unmanaged, IFloatingPointIeee754<T> => state.Copy();
}
