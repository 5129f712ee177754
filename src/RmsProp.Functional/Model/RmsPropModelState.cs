using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Numerics;
using System.Text;

namespace RmsProp.Functional;

/// <summary>
/// One tensor of a <see cref="RmsPropModelState{T}"/>: its name, shape, group, and the single-tensor
/// <see cref="RmsPropState{T}"/> (parameters and moments) RMSProp keeps for it. Immutable.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
public sealed record RmsPropTensorState<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    internal RmsPropTensorState(string name, ImmutableArray<int> shape, string groupName, RmsPropState<T> state)
    {
        Name = name;
        Shape = shape;
        GroupName = groupName;
        State = state;
    }

    /// <summary>The tensor's name.</summary>
    public string Name { get; }

    /// <summary>The tensor's shape; the parameters are stored flat in row-major order.</summary>
    public ImmutableArray<int> Shape { get; }

    /// <summary>The name of the group whose options the tensor uses.</summary>
    public string GroupName { get; }

    /// <summary>The parameters and moments, as a single-tensor state whose options are the group's.</summary>
    public RmsPropState<T> State { get; }

    /// <summary>The current parameters, flat.</summary>
    public ImmutableArray<T> Parameters => State.Parameters;

    /// <summary>The moments RMSProp keeps for this tensor.</summary>
    public RmsPropMoments<T> Moments => State.Moments;

    /// <summary>The current parameters as a <see cref="NamedTensor{T}"/> with this tensor's name and shape.</summary>
    /// <returns>The tensor.</returns>
    public NamedTensor<T> ToTensor() => new(Name, Shape, State.Parameters);

    internal RmsPropTensorState<T> With(RmsPropState<T> state) => new(Name, Shape, GroupName, state);

    /// <summary>Value equality: same name, shape and group, equal state.</summary>
    /// <param name="other">The tensor state to compare with.</param>
    /// <returns>Whether both hold the same values.</returns>
    public bool Equals(RmsPropTensorState<T>? other) =>
        other is not null && Name == other.Name && GroupName == other.GroupName && Values.SequenceEqual(Shape, other.Shape) && State.Equals(other.State);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, GroupName, Values.Hash(Shape), State);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Name = ").Append(Name).Append(", Shape = [").AppendJoin(", ", Shape).Append("], GroupName = ").Append(GroupName)
            .Append(", Parameters = ").Append(Values.Format(State.Parameters));
        return true;
    }
}

/// <summary>
/// The optimizer state of a whole model: an ordered collection of named tensors, each with its moments, the
/// parameter groups that give them their options, and the step count. Immutable;
/// <see cref="RmsPropModel.Step{T}(RmsPropModelState{T}, IReadOnlyDictionary{string, T[]})"/> returns a new state.
/// </summary>
/// <typeparam name="T">The number type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed record RmsPropModelState<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ImmutableDictionary<string, int> _tensorIndex;

    internal RmsPropModelState(ImmutableArray<RmsPropTensorState<T>> tensors, ImmutableArray<RmsPropGroup> groups, long stepCount)
    {
        Tensors = tensors;
        Groups = groups;
        StepCount = stepCount;
        _tensorIndex = tensors.Select((tensor, index) => KeyValuePair.Create(tensor.Name, index)).ToImmutableDictionary(StringComparer.Ordinal);
    }

    /// <summary>The tensors in the order they were given at Init.</summary>
    public ImmutableArray<RmsPropTensorState<T>> Tensors { get; }

    /// <summary>The parameter groups; every tensor belongs to exactly one.</summary>
    public ImmutableArray<RmsPropGroup> Groups { get; }

    /// <summary>How many steps have been taken.</summary>
    public long StepCount { get; }

    /// <summary>The names of the tensors, in order.</summary>
    public IEnumerable<string> TensorNames => Tensors.Select(tensor => tensor.Name);

    /// <summary>The tensor called <paramref name="name"/>.</summary>
    /// <param name="name">A tensor name.</param>
    /// <exception cref="KeyNotFoundException">No tensor has that name.</exception>
    public RmsPropTensorState<T> this[string name] =>
        _tensorIndex.TryGetValue(Guard.NotNull(name, nameof(name)), out int index)
            ? Tensors[index]
            : throw new KeyNotFoundException($"The model has no tensor named '{name}'; its tensors are {RmsPropModel.List(TensorNames)}.");

    /// <summary>Whether a tensor is called <paramref name="name"/>.</summary>
    /// <param name="name">A tensor name.</param>
    /// <returns>Whether the model has it.</returns>
    public bool Contains(string name) => _tensorIndex.ContainsKey(Guard.NotNull(name, nameof(name)));

    /// <summary>The current parameters of the tensor called <paramref name="name"/>, flat.</summary>
    /// <param name="name">A tensor name.</param>
    /// <returns>The parameters.</returns>
    public ImmutableArray<T> ParametersOf(string name) => this[name].Parameters;

    /// <summary>The group called <paramref name="name"/>.</summary>
    /// <param name="name">A group name.</param>
    /// <returns>The group.</returns>
    /// <exception cref="KeyNotFoundException">No group has that name.</exception>
    public RmsPropGroup Group(string name) =>
        Groups.FirstOrDefault(group => group.Name == name)
        ?? throw new KeyNotFoundException($"The model has no group named '{name}'; its groups are {RmsPropModel.List(Groups.Select(g => g.Name))}.");

    /// <summary>The current parameters as named tensors, in order.</summary>
    /// <returns>The tensors.</returns>
    public ImmutableArray<NamedTensor<T>> ToTensors() => [.. Tensors.Select(tensor => tensor.ToTensor())];

    /// <summary>
    /// The same state with a group's options replaced, keeping every buffer (PyTorch's
    /// <c>optimizer.param_groups[i]["lr"] = ...</c>). Centering, and whether momentum is on, are fixed at Init
    /// because they decide which buffers exist.
    /// </summary>
    /// <param name="groupName">The group to change.</param>
    /// <param name="options">Its new options.</param>
    /// <returns>The new state; this one is unchanged.</returns>
    /// <exception cref="ArgumentException">No such group, or the options need buffers the group's tensors do not have.</exception>
    public RmsPropModelState<T> WithGroupOptions(string groupName, RmsPropOptions options)
    {
        Guard.NotNull(groupName, nameof(groupName));
        Guard.NotNull(options, nameof(options));
        int groupIndex = Groups.IndexOf(Groups.FirstOrDefault(group => group.Name == groupName)!);
        if (groupIndex < 0)
        {
            throw new ArgumentException($"The model has no group named '{groupName}'; its groups are {RmsPropModel.List(Groups.Select(g => g.Name))}.", nameof(groupName));
        }

        RmsPropModel.CheckBuffersAgree(Groups[groupIndex].Options, options, groupName, nameof(options));
        ImmutableArray<RmsPropTensorState<T>> tensors =
            [.. Tensors.Select(tensor => tensor.GroupName == groupName ? tensor.With(tensor.State.WithOptions(options)) : tensor)];
        return new RmsPropModelState<T>(tensors, Groups.SetItem(groupIndex, Groups[groupIndex].WithOptions(options)), StepCount);
    }

    /// <summary>Value equality: equal tensors (names, shapes, groups, parameters, moments), equal groups, same step count.</summary>
    /// <param name="other">The state to compare with.</param>
    /// <returns>Whether both hold the same values.</returns>
    public bool Equals(RmsPropModelState<T>? other) =>
        other is not null && StepCount == other.StepCount && Tensors.SequenceEqual(other.Tensors) && Groups.SequenceEqual(other.Groups);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(StepCount, Values.Hash(Tensors), Values.Hash(Groups));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("StepCount = ").Append(StepCount).Append(", Tensors = [").AppendJoin(", ", Tensors.Select(t => $"{t.Name} [{string.Join(", ", t.Shape)}] in {t.GroupName}"))
            .Append("], Groups = [").AppendJoin(", ", Groups.Select(g => g.Name)).Append(']');
        return true;
    }
}
