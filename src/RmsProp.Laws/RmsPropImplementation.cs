using System;
using System.Numerics;

namespace RmsProp.Laws;

/// <summary>
/// An implementation under test: a name, its step in <see cref="float"/>, in <see cref="double"/> or in both, what
/// it declares it supports (<see cref="Support"/>, <see cref="RmsPropSupport.Plain"/> unless said otherwise), and
/// how it checkpoints a state. Immutable.
/// </summary>
/// <remarks>
/// Build one from the shape your code has: <see cref="Pure{T}(string, RmsPropStep{T})"/> for
/// "state and gradient in, new state out", <see cref="InPlace{T}(string, RmsPropInPlaceStep{T})"/> for a step that
/// updates arrays it is given (the laws copy them first), <see cref="Stateful{T}"/> for an object that keeps its
/// own averages. A number type you do not pass is not checked, and law 10 (float against double) is then not
/// applicable. Without <see cref="WithCheckpoint"/>, a checkpoint is a copy of the state's arrays, so law 12 then
/// says that the step depends on nothing but the state it is given.
/// </remarks>
public sealed partial class RmsPropImplementation
{
    /// <summary>An implementation of a pure step whose checkpoint is a copy of the state's arrays.</summary>
    /// <param name="name">What reports call it.</param>
    /// <param name="single">The step in <see cref="float"/>, or null when there is none.</param>
    /// <param name="double">The step in <see cref="double"/>, or null when there is none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null, or both steps are.</exception>
    public RmsPropImplementation(string name, RmsPropStep<float>? single, RmsPropStep<double>? @double)
        : this(name, single, @double, CopyArrays<float>, CopyArrays<double>, RmsPropSupport.Plain, Capabilities.All)
    {
    }

    private RmsPropImplementation(
        string name,
        RmsPropStep<float>? single,
        RmsPropStep<double>? @double,
        RmsPropCheckpointRoundTrip<float> checkpointSingle,
        RmsPropCheckpointRoundTrip<double> checkpointDouble,
        RmsPropSupport support,
        Capabilities capabilities)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        if (single is null && @double is null)
        {
            throw new ArgumentNullException(nameof(@double), "Pass a step in float, in double or in both; both are null.");
        }

        Single = single;
        Double = @double;
        CheckpointSingle = checkpointSingle ?? throw new ArgumentNullException(nameof(checkpointSingle));
        CheckpointDouble = checkpointDouble ?? throw new ArgumentNullException(nameof(checkpointDouble));
        Support = support ?? throw new ArgumentNullException(nameof(support));
        Abilities = capabilities;
    }

    /// <summary>What the laws may ask of an implementation beyond stepping from its own states.</summary>
    [Flags]
    internal enum Capabilities
    {
        None = 0,

        /// <summary>s, m and b are visible in the states it returns (not so for an object that keeps them).</summary>
        VisibleAverages = 1,

        /// <summary>It reads the options at every step, so they may change between steps (law 4's schedule).</summary>
        OptionsEveryStep = 2,

        /// <summary>It continues from any state it is handed, such as one loaded from a checkpoint.</summary>
        AnyState = 4,

        All = VisibleAverages | OptionsEveryStep | AnyState,
    }

    /// <summary>What reports call this implementation.</summary>
    public string Name { get; }

    /// <summary>The step in <see cref="float"/>, or null when the implementation has none.</summary>
    public RmsPropStep<float>? Single { get; }

    /// <summary>The step in <see cref="double"/>, or null when the implementation has none.</summary>
    public RmsPropStep<double>? Double { get; }

    /// <summary>Save-and-load of a <see cref="float"/> state.</summary>
    public RmsPropCheckpointRoundTrip<float> CheckpointSingle { get; }

    /// <summary>Save-and-load of a <see cref="double"/> state.</summary>
    public RmsPropCheckpointRoundTrip<double> CheckpointDouble { get; }

    /// <summary>The options this implementation claims to handle; the laws generate nothing else.</summary>
    public RmsPropSupport Support { get; }

    internal Capabilities Abilities { get; }

    /// <summary>This implementation with its own checkpoint format, which law 12 then exercises.</summary>
    /// <param name="single">Save-and-load of a <see cref="float"/> state.</param>
    /// <param name="double">Save-and-load of a <see cref="double"/> state.</param>
    /// <returns>A new implementation.</returns>
    public RmsPropImplementation WithCheckpoint(RmsPropCheckpointRoundTrip<float> single, RmsPropCheckpointRoundTrip<double> @double) =>
        new(Name, Single, Double, single, @double, Support, Abilities);

    /// <summary>This implementation declaring <paramref name="support"/>: the laws then generate exactly those options.</summary>
    /// <param name="support">What it implements, e.g. <c>RmsPropSupport.Plain.WithCentered()</c>.</param>
    /// <returns>A new implementation.</returns>
    /// <exception cref="ArgumentException">The declaration has no eps placement.</exception>
    public RmsPropImplementation Supporting(RmsPropSupport support)
    {
        ArgumentNullException.ThrowIfNull(support);
        if (!support.EpsilonOutsideRoot && !support.EpsilonInsideRoot)
        {
            throw new ArgumentException("The declaration has eps neither outside nor inside the root; declare at least one placement.", nameof(support));
        }

        return new(Name, Single, Double, CheckpointSingle, CheckpointDouble, support, Abilities);
    }

    /// <summary>The number types this implementation has, for reports: "float and double", "double only", "float only".</summary>
    public string NumberTypes => Single is not null && Double is not null ? "float and double" : Double is not null ? "double only" : "float only";

    /// <inheritdoc/>
    public override string ToString() => Name;

    internal bool Has<T>()
        where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? Single is not null : typeof(T) == typeof(double) && Double is not null;

    internal bool Can(Capabilities needed) => (Abilities & needed) == needed;

    internal RmsPropStep<T> Step<T>()
        where T : unmanaged, IFloatingPointIeee754<T> =>
        (typeof(T) == typeof(float) ? (RmsPropStep<T>?)(object?)Single
        : typeof(T) == typeof(double) ? (RmsPropStep<T>?)(object?)Double
        : null) ?? throw new NotSupportedException($"{Name} has no step in {typeof(T).Name}.");

    internal RmsPropCheckpointRoundTrip<T> Checkpoint<T>()
        where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? (RmsPropCheckpointRoundTrip<T>)(object)CheckpointSingle
        : typeof(T) == typeof(double) ? (RmsPropCheckpointRoundTrip<T>)(object)CheckpointDouble
        : throw new NotSupportedException($"The laws run in float and double, not {typeof(T).Name}.");

    private static RmsPropStepState<T> CopyArrays<T>(Functional.RmsPropOptions options, RmsPropStepState<T> state)
        where T : unmanaged, IFloatingPointIeee754<T> => state.Copy();
}
