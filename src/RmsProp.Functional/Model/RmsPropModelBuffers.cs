using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Numerics;

namespace RmsProp.Functional;

/// <summary>
/// The mutable twin of <see cref="RmsPropModelState{T}"/> for hot loops: the caller's parameter arrays (held by
/// reference and overwritten by <see cref="RmsPropModel.StepInPlace{T}(RmsPropModelBuffers{T}, System.Collections.Generic.IReadOnlyDictionary{string, T[]})"/>) and the moments, allocated once.
/// Made by <see cref="RmsPropModel.CreateBuffers{T}"/> or <see cref="FromState"/>; <see cref="ToState"/> takes an
/// immutable snapshot (for a checkpoint, say).
/// </summary>
/// <remarks>
/// Not for concurrent use: a step overwrites the arrays, and it keeps its list of tensors, its gradients and its
/// coefficients in the buffers too (made once, so that a step allocates nothing). Take one step at a time per buffers.
/// </remarks>
/// <typeparam name="T">The number type.</typeparam>
public sealed class RmsPropModelBuffers<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] _groupOfTensor;

    internal RmsPropModelBuffers(ImmutableArray<RmsPropGroup> groups, IReadOnlyList<string> names, IReadOnlyList<ImmutableArray<int>> shapes, IReadOnlyList<T[]> parameters)
    {
        Groups = groups;
        Names = names;
        Shapes = shapes;
        ParameterArrays = parameters;
        _groupOfTensor = [.. names.Select(name => groups.Select((group, index) => (group, index)).First(pair => pair.group.TensorNames.Contains(name)).index)];
        SquareAverages = [.. names.Select((_, i) => Filled(parameters[i].Length, T.CreateChecked(OptionsOf(i).InitialSquareAverage)))];
        GradientAverages = [.. names.Select((_, i) => OptionsOf(i).Centered ? new T[parameters[i].Length] : [])];
        MomentumBuffers = [.. names.Select((_, i) => OptionsOf(i).Momentum != 0 ? new T[parameters[i].Length] : [])];
        Tensors = new RmsPropKernel.TensorList<T>([.. names.Select((_, i) => new RmsPropKernel.TensorStep<T>(_groupOfTensor[i], parameters[i], SquareAverages[i], GradientAverages[i], MomentumBuffers[i]))]);
        Gradients = new T[names.Count][];
        Coefficients = new RmsPropKernel.Coefficients<T>[groups.Length];
        GradientLabel = tensor => $"gradients['{Names[tensor]}']";
        ListedGradientLabel = tensor => $"gradients[{tensor}] (tensor '{Names[tensor]}')";
        Lookup = new GradientLookup<T>(names);
    }

    /// <summary>The parameter groups, as they are now.</summary>
    public ImmutableArray<RmsPropGroup> Groups { get; private set; }

    /// <summary>The tensor names, in order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>How many steps have been taken.</summary>
    public long StepCount { get; internal set; }

    internal IReadOnlyList<ImmutableArray<int>> Shapes { get; }

    internal IReadOnlyList<T[]> ParameterArrays { get; }

    internal T[][] SquareAverages { get; }

    internal T[][] GradientAverages { get; }

    internal T[][] MomentumBuffers { get; }

    /// <summary>The tensors as the multi-tensor kernel takes them, made once: a step brings only its gradients.</summary>
    internal RmsPropKernel.TensorList<T> Tensors { get; }

    /// <summary>The gradients of the step being taken, in tensor order; emptied after it, so the caller's arrays are not kept.</summary>
    internal T[][] Gradients { get; }

    /// <summary>Each group's coefficients for the step being taken, overwritten by every step.</summary>
    internal RmsPropKernel.Coefficients<T>[] Coefficients { get; }

    /// <summary>Finds a step's gradients by name on the kernel's threads.</summary>
    internal GradientLookup<T> Lookup { get; }

    /// <summary>How a refused gradient is named in the step's error (made only then).</summary>
    internal Func<int, string> GradientLabel { get; }

    /// <summary>How a refused gradient of a step given as a list in tensor order is named (made only then).</summary>
    internal Func<int, string> ListedGradientLabel { get; }

    /// <summary>Where clipped gradients go, allocated at the first clipped step and reused after it.</summary>
    internal T[][] ClippingScratch => _clippingScratch ??= [.. ParameterArrays.Select(array => new T[array.Length])];

    private T[][]? _clippingScratch;

    /// <summary>
    /// Copies <paramref name="state"/> into buffers: its parameters are written into the caller's arrays, which
    /// are then kept by reference; the moments are copied.
    /// </summary>
    /// <param name="state">The state to continue from.</param>
    /// <param name="parameters">One array per tensor of the state, by name, of the tensor's length; overwritten with the state's parameters.</param>
    /// <returns>Buffers equal to <paramref name="state"/>.</returns>
    /// <exception cref="ArgumentException">An array is missing, extra or of the wrong length; nothing was written.</exception>
    public static RmsPropModelBuffers<T> FromState(RmsPropModelState<T> state, IReadOnlyDictionary<string, T[]> parameters)
    {
        Guard.NotNull(state, nameof(state));
        Guard.NotNull(parameters, nameof(parameters));
        var names = state.Tensors.Select(tensor => tensor.Name).ToList();
        foreach (RmsPropTensorState<T> tensor in state.Tensors)
        {
            if (!parameters.TryGetValue(tensor.Name, out T[]? array) || array is null)
            {
                throw new ArgumentException($"{nameof(parameters)} has no array for tensor '{tensor.Name}'.", nameof(parameters));
            }

            Guard.SameLength(tensor.Parameters.Length, array.Length, $"{nameof(parameters)}['{tensor.Name}']", $"tensor '{tensor.Name}'");
        }

        foreach (string name in parameters.Keys)
        {
            if (!state.Contains(name))
            {
                throw new ArgumentException($"{nameof(parameters)} has an array '{name}' that names no tensor of the state.", nameof(parameters));
            }
        }

        // Groups are rebuilt in the state's tensor order so the buffers list tensors as the state does.
        var buffers = new RmsPropModelBuffers<T>(state.Groups, names, [.. state.Tensors.Select(t => t.Shape)], [.. names.Select(name => parameters[name])]);
        for (int i = 0; i < names.Count; i++)
        {
            RmsPropTensorState<T> tensor = state.Tensors[i];
            tensor.Parameters.AsSpan().CopyTo(buffers.ParameterArrays[i]);
            tensor.Moments.SquareAverage.AsSpan().CopyTo(buffers.SquareAverages[i]);
            tensor.Moments.GradientAverage.AsSpan().CopyTo(buffers.GradientAverages[i]);
            tensor.Moments.MomentumBuffer.AsSpan().CopyTo(buffers.MomentumBuffers[i]);
        }

        buffers.StepCount = state.StepCount;
        return buffers;
    }

    /// <summary>Replaces a group's options, keeping every buffer (see <see cref="RmsPropModelState{T}.WithGroupOptions"/>).</summary>
    /// <param name="groupName">The group to change.</param>
    /// <param name="options">Its new options.</param>
    /// <exception cref="ArgumentException">No such group, or the options need buffers the group's tensors do not have.</exception>
    public void SetGroupOptions(string groupName, RmsPropOptions options)
    {
        Guard.NotNull(groupName, nameof(groupName));
        Guard.NotNull(options, nameof(options));
        int index = Groups.Select(group => group.Name).ToList().IndexOf(groupName);
        if (index < 0)
        {
            throw new ArgumentException($"There is no group named '{groupName}'; the groups are {RmsPropModel.List(Groups.Select(g => g.Name))}.", nameof(groupName));
        }

        RmsPropModel.CheckBuffersAgree(Groups[index].Options, options, groupName, nameof(options));
        Groups = Groups.SetItem(index, Groups[index].WithOptions(options));
    }

    /// <summary>An immutable snapshot: the parameters and moments copied, with the groups and step count.</summary>
    /// <returns>The state.</returns>
    public RmsPropModelState<T> ToState()
    {
        ImmutableArray<RmsPropTensorState<T>> tensors =
        [
            .. Names.Select((name, i) =>
            {
                RmsPropOptions options = OptionsOf(i);
                var moments = RmsPropMoments<T>.Restore(options, SquareAverages[i], GradientAverages[i], MomentumBuffers[i], StepCount);
                return new RmsPropTensorState<T>(name, Shapes[i], Groups[_groupOfTensor[i]].Name, RmsPropState<T>.Restore(ParameterArrays[i], moments));
            }),
        ];
        return new RmsPropModelState<T>(tensors, Groups, StepCount);
    }

    internal RmsPropOptions OptionsOf(int tensor) => Groups[_groupOfTensor[tensor]].Options;

    internal int GroupIndexOf(int tensor) => _groupOfTensor[tensor];

    private static T[] Filled(int length, T value)
    {
        var values = new T[length];
        Array.Fill(values, value);
        return values;
    }
}
