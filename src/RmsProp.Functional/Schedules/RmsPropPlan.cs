using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;

namespace RmsProp.Functional;

/// <summary>
/// What a training step does besides the rule, as code rather than state: the schedules of each group's options
/// and the gradient clippings applied before the update. Immutable; the state stays plain data (and a checkpoint
/// stays JSON), as in Optax, where schedules live in the optimizer and only the count lives in the state.
/// </summary>
public sealed record RmsPropPlan
{
    /// <summary>No schedules and no clipping.</summary>
    public static RmsPropPlan None { get; } = new();

    /// <summary>The schedules by group name; a group without one keeps its options.</summary>
    public ImmutableDictionary<string, RmsPropSchedule> Schedules { get; private init; } = ImmutableDictionary<string, RmsPropSchedule>.Empty;

    /// <summary>The clippings, applied in this order before the update.</summary>
    public ImmutableArray<GradientClipping> Clipping { get; private init; } = [];

    /// <summary>This plan with <paramref name="schedule"/> for the group called <paramref name="groupName"/> (replacing any it had).</summary>
    /// <param name="groupName">The group's name.</param>
    /// <param name="schedule">Its schedules.</param>
    /// <returns>The new plan.</returns>
    public RmsPropPlan WithSchedule(string groupName, RmsPropSchedule schedule)
    {
        NamedTensor.CheckName(groupName, nameof(groupName));
        Guard.NotNull(schedule, nameof(schedule));
        return this with { Schedules = Schedules.SetItem(groupName, schedule) };
    }

    /// <summary>This plan with a learning-rate schedule for the group called <paramref name="groupName"/>.</summary>
    /// <param name="groupName">The group's name (<see cref="RmsPropModel.DefaultGroupName"/> for a model of one group).</param>
    /// <param name="learningRate">The learning rate's schedule.</param>
    /// <returns>The new plan.</returns>
    public RmsPropPlan WithLearningRate(string groupName, Schedule learningRate) =>
        WithSchedule(groupName, (Schedules.GetValueOrDefault(groupName) ?? RmsPropSchedule.None).WithLearningRate(learningRate));

    /// <summary>This plan with another clipping after those it has.</summary>
    /// <param name="clipping">The clipping.</param>
    /// <returns>The new plan.</returns>
    public RmsPropPlan WithClipping(GradientClipping clipping) => this with { Clipping = Clipping.Add(Guard.NotNull(clipping, nameof(clipping))) };

    /// <summary>Value equality: the same schedules (by reference) for the same groups and the same clippings.</summary>
    /// <param name="other">The plan to compare with.</param>
    /// <returns>Whether both are the same plan.</returns>
    public bool Equals(RmsPropPlan? other) =>
        other is not null
        && Clipping.SequenceEqual(other.Clipping)
        && Schedules.Count == other.Schedules.Count
        && Schedules.All(pair => other.Schedules.TryGetValue(pair.Key, out RmsPropSchedule? schedule) && schedule == pair.Value);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Schedules.Count, Values.Hash(Clipping));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Schedules = [").AppendJoin(", ", Schedules.Keys.Order(StringComparer.Ordinal)).Append("], Clipping = [").AppendJoin(", ", Clipping).Append(']');
        return true;
    }

    /// <summary>Refuses schedules for groups the model does not have (a typo would otherwise silently schedule nothing).</summary>
    internal void CheckGroups(IEnumerable<RmsPropGroup> groups, string parameterName)
    {
        var names = groups.Select(group => group.Name).ToHashSet(StringComparer.Ordinal);
        foreach (string name in Schedules.Keys)
        {
            if (!names.Contains(name))
            {
                throw new ArgumentException($"The plan schedules group '{name}', which the model does not have; its groups are {RmsPropModel.List(names)}.", parameterName);
            }
        }
    }
}
