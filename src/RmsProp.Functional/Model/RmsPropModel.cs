using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Numerics;

namespace RmsProp.Functional;

/// <summary>
/// RMSProp over a whole model: many named tensors, each in a parameter group with its own options. Pure functions
/// over <see cref="RmsPropModelState{T}"/>, plus an in-place entry point over the caller's own buffers
/// (<see cref="RmsPropModelBuffers{T}"/>).
/// </summary>
/// <remarks>
/// Each tensor is stepped by the single-tensor kernel (<see cref="RmsPropOptimizer.Step{T}"/> and
/// <see cref="RmsPropOptimizer.StepInPlace{T}"/>), so a model of one tensor computes bitwise what the single-tensor
/// optimizer computes. Gradients are passed by tensor name; every gradient is checked (present, no extra name,
/// the tensor's length, every entry finite) before anything is computed, so a failed call changes nothing.
/// </remarks>
public static class RmsPropModel
{
    /// <summary>The group name <see cref="Init{T}(RmsPropOptions, IEnumerable{NamedTensor{T}})"/> gives its single group.</summary>
    public const string DefaultGroupName = "default";

    /// <summary>Starts optimizing <paramref name="tensors"/>, all with the same options (one group, <see cref="DefaultGroupName"/>).</summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="options">The hyperparameters.</param>
    /// <param name="tensors">The model's tensors, in the order the state keeps them; names unique.</param>
    /// <returns>The state at step 0.</returns>
    /// <exception cref="ArgumentException">Two tensors share a name.</exception>
    public static RmsPropModelState<T> Init<T>(RmsPropOptions options, IEnumerable<NamedTensor<T>> tensors)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(options, nameof(options));
        ImmutableArray<NamedTensor<T>> list = CheckTensors(tensors);
        return Init([new RmsPropGroup(DefaultGroupName, options, list.Select(tensor => tensor.Name))], list);
    }

    /// <summary>
    /// Starts optimizing <paramref name="tensors"/> in parameter groups (PyTorch's <c>param_groups</c>): every
    /// tensor must be named by exactly one group.
    /// </summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="groups">The groups; names unique.</param>
    /// <param name="tensors">The model's tensors, in the order the state keeps them; names unique.</param>
    /// <returns>The state at step 0.</returns>
    /// <exception cref="ArgumentException">A tensor is in no group or in two; a group names a tensor that does not exist; two groups or tensors share a name.</exception>
    public static RmsPropModelState<T> Init<T>(IEnumerable<RmsPropGroup> groups, IEnumerable<NamedTensor<T>> tensors)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ImmutableArray<RmsPropGroup> groupList = CheckGroups(groups);
        ImmutableArray<NamedTensor<T>> tensorList = CheckTensors(tensors);
        Dictionary<string, RmsPropGroup> groupOf = GroupOfEachTensor(groupList, tensorList.Select(t => t.Name).ToList(), nameof(tensors));

        ImmutableArray<RmsPropTensorState<T>> states =
        [
            .. tensorList.Select(tensor =>
            {
                RmsPropGroup group = groupOf[tensor.Name];
                return new RmsPropTensorState<T>(tensor.Name, tensor.Shape, group.Name, RmsPropOptimizer.Init<T>(group.Options, tensor.Values.AsSpan()));
            }),
        ];
        return new RmsPropModelState<T>(states, groupList, stepCount: 0);
    }

    /// <summary>One step of every tensor along its gradient, each with its group's options. Pure.</summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="state">The current state; not changed.</param>
    /// <param name="gradients">One gradient per tensor, by name, of the tensor's length, every entry finite. Read, not kept.</param>
    /// <returns>The next state.</returns>
    /// <exception cref="ArgumentException">A gradient is missing, extra, of the wrong length, or not finite; the message names the tensor.</exception>
    public static RmsPropModelState<T> Step<T>(RmsPropModelState<T> state, IReadOnlyDictionary<string, T[]> gradients)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Step(state, gradients, RmsPropPlan.None);

    /// <summary>
    /// One step with a plan: the gradients are clipped as the plan says (into copies; the caller's arrays are not
    /// touched), then every tensor steps with its group's options as the plan's schedules give them at
    /// <see cref="RmsPropModelState{T}.StepCount"/>. The state keeps the groups' base options. Pure.
    /// </summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="state">The current state; not changed.</param>
    /// <param name="gradients">One gradient per tensor, by name. Read, not kept.</param>
    /// <param name="plan">The schedules and clippings.</param>
    /// <returns>The next state.</returns>
    /// <exception cref="ArgumentException">A gradient is bad (naming the tensor), the plan names a group the model lacks, or a schedule gives a value its option cannot take at this step (naming the step).</exception>
    public static RmsPropModelState<T> Step<T>(RmsPropModelState<T> state, IReadOnlyDictionary<string, T[]> gradients, RmsPropPlan plan)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(state, nameof(state));
        T[][] checkedGradients = CheckGradients(state.Tensors.Select(t => (t.Name, t.Shape)).ToList(), gradients, nameof(gradients));
        Dictionary<string, RmsPropOptions> options = OptionsAt(state.Groups, plan, state.StepCount);
        T[][] clipped = Clipper.Apply(plan.Clipping, checkedGradients, scratch: null);

        var next = new RmsPropTensorState<T>[state.Tensors.Length];
        for (int i = 0; i < next.Length; i++)
        {
            RmsPropTensorState<T> tensor = state.Tensors[i];
            RmsPropOptions baseOptions = tensor.State.Options;
            RmsPropState<T> stepped = RmsPropOptimizer.Step<T>(tensor.State.WithOptions(options[tensor.GroupName]), clipped[i]);
            next[i] = tensor.With(stepped.WithOptions(baseOptions));
        }

        return new RmsPropModelState<T>([.. next], state.Groups, state.StepCount + 1);
    }

    /// <summary>
    /// <see cref="Step{T}(RmsPropModelState{T}, IReadOnlyDictionary{string, T[]})"/> with gradients that carry
    /// their shapes, so a gradient of the right length but the wrong shape (a transposed matrix) is refused too.
    /// </summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="state">The current state; not changed.</param>
    /// <param name="gradients">One gradient per tensor, named and shaped like it.</param>
    /// <returns>The next state.</returns>
    /// <exception cref="ArgumentException">A gradient is missing, extra, repeated, or misshaped; the message names the tensor.</exception>
    public static RmsPropModelState<T> Step<T>(RmsPropModelState<T> state, IEnumerable<NamedTensor<T>> gradients)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(state, nameof(state));
        return Step(state, ShapedGradients(state.Tensors.Select(t => (t.Name, t.Shape)).ToList(), gradients));
    }

    /// <summary>
    /// Makes the buffers for the in-place step over arrays the caller owns: the parameter arrays are kept by
    /// reference and updated in place by <see cref="StepInPlace{T}(RmsPropModelBuffers{T}, IReadOnlyDictionary{string, T[]})"/>; the moments are allocated here, once.
    /// The tensors are ordered as the groups list them.
    /// </summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="groups">The parameter groups; every parameter array is named by exactly one.</param>
    /// <param name="parameters">The caller's parameter arrays by tensor name; every entry finite. Kept, not copied.</param>
    /// <returns>The buffers, at step 0.</returns>
    /// <exception cref="ArgumentException">A parameter array is in no group or two, a group names a missing array, or a value is not finite.</exception>
    public static RmsPropModelBuffers<T> CreateBuffers<T>(IEnumerable<RmsPropGroup> groups, IReadOnlyDictionary<string, T[]> parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ImmutableArray<RmsPropGroup> groupList = CheckGroups(groups);
        Guard.NotNull(parameters, nameof(parameters));
        var names = groupList.SelectMany(group => group.TensorNames).ToList();
        GroupOfEachTensor(groupList, [.. parameters.Keys], nameof(parameters));
        foreach (string name in names)
        {
            T[] values = parameters[name] ?? throw new ArgumentException($"parameters['{name}'] is null.", nameof(parameters));
            Guard.AllFinite<T>(values, $"parameters['{name}']", nameof(parameters));
        }

        return new RmsPropModelBuffers<T>(groupList, names, names.Select(name => ImmutableArray.Create(parameters[name].Length)).ToList(), names.Select(name => parameters[name]).ToList());
    }

    /// <summary>
    /// One step over the caller's buffers, overwriting the parameter arrays and the moments and allocating nothing
    /// per step. Computes bitwise what <see cref="Step{T}(RmsPropModelState{T}, IReadOnlyDictionary{string, T[]})"/>
    /// computes. Every gradient is checked before any buffer is written.
    /// </summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="buffers">The buffers to step.</param>
    /// <param name="gradients">One gradient per tensor, by name; read, not kept.</param>
    /// <exception cref="ArgumentException">A gradient is missing, extra, of the wrong length, or not finite; nothing was written.</exception>
    public static void StepInPlace<T>(RmsPropModelBuffers<T> buffers, IReadOnlyDictionary<string, T[]> gradients)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        StepInPlace(buffers, gradients, RmsPropPlan.None);

    /// <summary>
    /// The in-place step with a plan (clipping into scratch arrays the buffers own, schedules at
    /// <see cref="RmsPropModelBuffers{T}.StepCount"/>); bitwise what the pure step with the same plan computes.
    /// Every gradient and every scheduled option is checked before any buffer is written.
    /// </summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="buffers">The buffers to step.</param>
    /// <param name="gradients">One gradient per tensor, by name; read, not kept.</param>
    /// <param name="plan">The schedules and clippings.</param>
    /// <exception cref="ArgumentException">As for the pure step; nothing was written.</exception>
    public static void StepInPlace<T>(RmsPropModelBuffers<T> buffers, IReadOnlyDictionary<string, T[]> gradients, RmsPropPlan plan)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(buffers, nameof(buffers));
        Guard.NotNull(plan, nameof(plan));

        // Without clipping the kernel's check finds a non-finite entry (with the same message) in the pass that
        // checks for overflow, and a gradient of the wrong length before it reads it, so here the gradients are only
        // found by name; clipping must see finite gradients of the right length first. The tensor list, the gradient
        // slots and the coefficients live in the buffers, made once: a step of a thousand small tensors allocates
        // nothing and rebuilds nothing per tensor.
        T[][] checkedGradients = buffers.Gradients;
        try
        {
            bool clips = !plan.Clipping.IsEmpty;
            if (!clips && gradients is Dictionary<string, T[]> dictionary && buffers.Names.Count >= GradientLookup<T>.ParallelFrom
                && buffers.Lookup.TryFind(dictionary, checkedGradients))
            {
                CheckNoExtraGradient(buffers.Names, gradients, nameof(gradients));
            }
            else
            {
                CheckGradients(buffers.Names, buffers.Shapes, gradients, nameof(gradients), checkedGradients, checkFinite: clips, checkLengths: clips);
            }

            if (!StepFound(buffers, checkedGradients, plan, clips, buffers.GradientLabel, nameof(gradients)))
            {
                // A gradient's length is not its tensor's, and nothing was written: the full check names it.
                CheckGradients(buffers.Names, buffers.Shapes, gradients, nameof(gradients), checkedGradients, checkFinite: false, checkLengths: true);
                throw new UnreachableException("The kernel refused a gradient's length that the check accepts.");
            }
        }
        finally
        {
            Array.Clear(checkedGradients);
        }

        buffers.StepCount++;
    }

    /// <summary>
    /// One step over the caller's buffers with the gradients in the order of <see cref="RmsPropModelBuffers{T}.Names"/>
    /// (PyTorch's list of <c>param.grad</c>): the same step as the overload by name, without finding a thousand
    /// gradients in a dictionary every step (benchmarks/README.md measures that lookup: 20-250 us for 1,000 names,
    /// depending on where the process's heap has put the dictionary, against ~330 us for the step of 10^6 floats).
    /// </summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="buffers">The buffers to step.</param>
    /// <param name="gradients">One gradient per tensor, <c>gradients[i]</c> for <c>buffers.Names[i]</c>; read, not kept.</param>
    /// <exception cref="ArgumentException">The list has another count than the model has tensors, or a gradient is null, of the wrong length, or not finite; nothing was written.</exception>
    public static void StepInPlace<T>(RmsPropModelBuffers<T> buffers, IReadOnlyList<T[]> gradients)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        StepInPlace(buffers, gradients, RmsPropPlan.None);

    /// <summary>
    /// <see cref="StepInPlace{T}(RmsPropModelBuffers{T}, IReadOnlyList{T[]})"/> with a plan: bitwise what the overload
    /// by name with the same plan computes.
    /// </summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="buffers">The buffers to step.</param>
    /// <param name="gradients">One gradient per tensor, <c>gradients[i]</c> for <c>buffers.Names[i]</c>; read, not kept.</param>
    /// <param name="plan">The schedules and clippings.</param>
    /// <exception cref="ArgumentException">As for the overload by name; nothing was written.</exception>
    public static void StepInPlace<T>(RmsPropModelBuffers<T> buffers, IReadOnlyList<T[]> gradients, RmsPropPlan plan)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(buffers, nameof(buffers));
        Guard.NotNull(gradients, nameof(gradients));
        Guard.NotNull(plan, nameof(plan));
        if (gradients.Count != buffers.Names.Count)
        {
            throw new ArgumentException(
                $"{nameof(gradients)} has {gradients.Count} entries but the model has {buffers.Names.Count} tensors; gradients[i] is the gradient of buffers.Names[i].",
                nameof(gradients));
        }

        T[][] checkedGradients = buffers.Gradients;
        try
        {
            bool clips = !plan.Clipping.IsEmpty;
            CheckListedGradients(buffers, gradients, checkedGradients, checkLengthsAndFinite: clips);
            if (!StepFound(buffers, checkedGradients, plan, clips, buffers.ListedGradientLabel, nameof(gradients)))
            {
                CheckListedGradients(buffers, gradients, checkedGradients, checkLengthsAndFinite: true);
                throw new UnreachableException("The kernel refused a gradient's length that the check accepts.");
            }
        }
        finally
        {
            Array.Clear(checkedGradients);
        }

        buffers.StepCount++;
    }

    /// <summary>
    /// The in-place step once every gradient is in <paramref name="found"/> (in tensor order): the plan's options
    /// and clipping, then one multi-tensor call, which checks every gradient before it writes any tensor. If the kernel
    /// finds a gradient whose length is not its tensor's, it writes nothing and this returns false: the caller's full
    /// check then names it.
    /// </summary>
    private static bool StepFound<T>(RmsPropModelBuffers<T> buffers, T[][] found, RmsPropPlan plan, bool clips, Func<int, string> label, string parameterName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckPlanGroups(buffers.Groups, plan);
        RmsPropKernel.Coefficients<T>[] coefficients = buffers.Coefficients;
        for (int g = 0; g < coefficients.Length; g++)
        {
            coefficients[g] = new RmsPropKernel.Coefficients<T>(OptionsAt(buffers.Groups[g], plan, buffers.StepCount), buffers.StepCount + 1);
        }

        T[][] clipped = Clipper.Apply(plan.Clipping, found, clips ? buffers.ClippingScratch : null);

        // One multi-tensor call: every gradient is checked before any tensor is written, and the tensors are
        // shared out among the kernel's threads.
        return RmsPropKernel.StepManyInPlace(buffers.Tensors, clipped, coefficients, label, parameterName);
    }

    /// <summary>
    /// Puts <paramref name="gradients"/>[i] into <paramref name="result"/>[i], refusing a null one; with
    /// <paramref name="checkLengthsAndFinite"/>, also a wrong length or a value that is not finite (clipping reads them
    /// before the kernel would).
    /// </summary>
    private static void CheckListedGradients<T>(RmsPropModelBuffers<T> buffers, IReadOnlyList<T[]> gradients, T[][] result, bool checkLengthsAndFinite)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < result.Length; i++)
        {
            T[] gradient = gradients[i] ?? throw new ArgumentException($"gradients[{i}] (tensor '{buffers.Names[i]}') is null.", nameof(gradients));
            result[i] = gradient;
            if (checkLengthsAndFinite)
            {
                int length = buffers.ParameterArrays[i].Length;
                if (gradient.Length != length)
                {
                    throw new ArgumentException(
                        $"gradients[{i}] has {gradient.Length} entries but tensor '{buffers.Names[i]}' has shape [{string.Join(", ", buffers.Shapes[i])}] ({length} values).",
                        nameof(gradients));
                }

                Guard.AllFinite<T>(gradient, buffers.ListedGradientLabel(i), nameof(gradients));
            }
        }
    }

    /// <summary>Every group's options at <paramref name="step"/>, computed (and so checked) before anything is stepped.</summary>
    private static Dictionary<string, RmsPropOptions> OptionsAt(ImmutableArray<RmsPropGroup> groups, RmsPropPlan? plan, long step)
    {
        ArgumentNullException.ThrowIfNull(plan, nameof(plan));
        CheckPlanGroups(groups, plan);
        var options = new Dictionary<string, RmsPropOptions>(StringComparer.Ordinal);
        foreach (RmsPropGroup group in groups)
        {
            options[group.Name] = OptionsAt(group, plan, step);
        }

        return options;
    }

    /// <summary>Refuses a plan that schedules a group the model lacks (nothing to check, and nothing allocated, without schedules).</summary>
    private static void CheckPlanGroups(ImmutableArray<RmsPropGroup> groups, RmsPropPlan plan)
    {
        if (!plan.Schedules.IsEmpty)
        {
            plan.CheckGroups(groups, nameof(plan));
        }
    }

    /// <summary>One group's options at <paramref name="step"/>: its own, or its schedule's; a value the schedule cannot take is refused naming the group.</summary>
    private static RmsPropOptions OptionsAt(RmsPropGroup group, RmsPropPlan plan, long step)
    {
        if (!plan.Schedules.TryGetValue(group.Name, out RmsPropSchedule? schedule))
        {
            return group.Options;
        }

        try
        {
            return schedule.OptionsAt(group.Options, step);
        }
        catch (ArgumentException error)
        {
            throw new ArgumentException($"Group '{group.Name}': {error.Message}", nameof(plan), error);
        }
    }

    internal static void CheckBuffersAgree(RmsPropOptions current, RmsPropOptions next, string groupName, string parameterName)
    {
        if (current.Centered != next.Centered)
        {
            throw new ArgumentException(
                $"Group '{groupName}': Centered is {current.Centered} and the new options say {next.Centered}; it is fixed at Init because it decides whether a gradient average is kept.",
                parameterName);
        }

        if ((current.Momentum != 0) != (next.Momentum != 0))
        {
            throw new ArgumentException(
                $"Group '{groupName}': Momentum is {current.Momentum} and the new options say {next.Momentum}; turning momentum on or off is fixed at Init because it decides whether a momentum buffer is kept.",
                parameterName);
        }
    }

    internal static string List(IEnumerable<string> names)
    {
        var all = names.ToList();
        const int Shown = 8;
        string shown = string.Join(", ", all.Take(Shown).Select(name => $"'{name}'"));
        return all.Count > Shown ? $"{shown}, ... ({all.Count} in all)" : $"[{shown}]";
    }

    /// <summary>Checks gradients by name against the tensors, returning them in tensor order.</summary>
    internal static T[][] CheckGradients<T>(IReadOnlyList<(string Name, ImmutableArray<int> Shape)> tensors, IReadOnlyDictionary<string, T[]>? gradients, string parameterName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new T[tensors.Count][];
        CheckGradients([.. tensors.Select(t => t.Name)], [.. tensors.Select(t => t.Shape)], gradients, parameterName, result, checkFinite: true, checkLengths: true);
        return result;
    }

    /// <summary>
    /// Checks gradients by name against the tensors called <paramref name="names"/> with <paramref name="shapes"/>,
    /// putting them in <paramref name="result"/> in tensor order; allocates nothing when the gradients are a
    /// dictionary with ordinal keys and no extra entry. Without <paramref name="checkLengths"/> (the in-place step,
    /// whose kernel checks them) the gradient arrays themselves are not read.
    /// </summary>
    internal static void CheckGradients<T>(IReadOnlyList<string> names, IReadOnlyList<ImmutableArray<int>> shapes, IReadOnlyDictionary<string, T[]>? gradients, string parameterName, T[][] result, bool checkFinite, bool checkLengths)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(gradients, parameterName);
        Debug.Assert(checkLengths || !checkFinite, "The finiteness check reads the whole gradient, so its length is checked first.");
        for (int i = 0; i < names.Count; i++)
        {
            string name = names[i];
            if (!gradients.TryGetValue(name, out T[]? gradient))
            {
                throw new ArgumentException($"{parameterName} has no entry for tensor '{name}'; every tensor needs a gradient.", parameterName);
            }

            if (gradient is null)
            {
                throw new ArgumentException($"{parameterName}['{name}'] is null.", parameterName);
            }

            result[i] = gradient;
            if (checkLengths)
            {
                ImmutableArray<int> shape = shapes[i];
                int length = 1;
                foreach (int extent in shape)
                {
                    length *= extent;
                }

                if (gradient.Length != length)
                {
                    throw new ArgumentException(
                        $"{parameterName}['{name}'] has {gradient.Length} entries but tensor '{name}' has shape [{string.Join(", ", shape)}] ({length} values).",
                        parameterName);
                }
            }

            if (checkFinite)
            {
                Guard.AllFinite<T>(gradient, $"{parameterName}['{name}']", parameterName);
            }
        }

        CheckNoExtraGradient(names, gradients, parameterName);
    }

    /// <summary>Refuses an entry of <paramref name="gradients"/> that names none of the tensors, all of which were found in it.</summary>
    private static void CheckNoExtraGradient<T>(IReadOnlyList<string> names, IReadOnlyDictionary<string, T[]> gradients, string parameterName)
    {
        // Every tensor (their names are distinct) found under ordinal comparison, and as many entries as tensors:
        // no entry can be extra. Otherwise look for it (a model of a thousand tensors pays this set only then).
        if (gradients.Count == names.Count && gradients is Dictionary<string, T[]> { Comparer: var comparer }
            && (ReferenceEquals(comparer, StringComparer.Ordinal) || ReferenceEquals(comparer, EqualityComparer<string>.Default)))
        {
            return;
        }

        var known = new HashSet<string>(names, StringComparer.Ordinal);
        foreach (string name in gradients.Keys)
        {
            if (!known.Contains(name))
            {
                throw new ArgumentException(
                    $"{parameterName} has an entry '{name}' that names no tensor; the tensors are {List(names)}.", parameterName);
            }
        }
    }

    internal static Dictionary<string, T[]> ShapedGradients<T>(IReadOnlyList<(string Name, ImmutableArray<int> Shape)> tensors, IEnumerable<NamedTensor<T>>? gradients)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(gradients, nameof(gradients));
        var shapeOf = tensors.ToDictionary(t => t.Name, t => t.Shape, StringComparer.Ordinal);
        var byName = new Dictionary<string, T[]>(StringComparer.Ordinal);
        foreach (NamedTensor<T> gradient in gradients)
        {
            if (gradient is null)
            {
                throw new ArgumentException($"{nameof(gradients)} holds a null gradient.", nameof(gradients));
            }

            if (!byName.TryAdd(gradient.Name, gradient.Values.AsSpan().ToArray()))
            {
                throw new ArgumentException($"{nameof(gradients)} has two gradients for tensor '{gradient.Name}'.", nameof(gradients));
            }

            if (shapeOf.TryGetValue(gradient.Name, out ImmutableArray<int> shape) && !Values.SequenceEqual(shape, gradient.Shape))
            {
                throw new ArgumentException(
                    $"{nameof(gradients)}['{gradient.Name}'] has shape [{string.Join(", ", gradient.Shape)}] but tensor '{gradient.Name}' has shape [{string.Join(", ", shape)}].",
                    nameof(gradients));
            }
        }

        return byName;
    }

    internal static ImmutableArray<RmsPropGroup> CheckGroups(IEnumerable<RmsPropGroup>? groups)
    {
        ArgumentNullException.ThrowIfNull(groups, nameof(groups));
        ImmutableArray<RmsPropGroup> list = [.. groups];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < list.Length; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentException($"{nameof(groups)}[{i}] is null.", nameof(groups));
            }

            if (!names.Add(list[i].Name))
            {
                throw new ArgumentException($"Two groups are called '{list[i].Name}'; group names must be unique.", nameof(groups));
            }
        }

        if (list.IsEmpty)
        {
            throw new ArgumentException($"{nameof(groups)} is empty; a model needs at least one group.", nameof(groups));
        }

        return list;
    }

    private static ImmutableArray<NamedTensor<T>> CheckTensors<T>(IEnumerable<NamedTensor<T>>? tensors)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensors, nameof(tensors));
        ImmutableArray<NamedTensor<T>> list = [.. tensors];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < list.Length; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentException($"{nameof(tensors)}[{i}] is null.", nameof(tensors));
            }

            if (!names.Add(list[i].Name))
            {
                throw new ArgumentException($"Two tensors are called '{list[i].Name}'; tensor names must be unique.", nameof(tensors));
            }
        }

        return list;
    }

    /// <summary>Maps each tensor name to its group, refusing a tensor in no group or two, and a group naming an unknown tensor.</summary>
    internal static Dictionary<string, RmsPropGroup> GroupOfEachTensor(ImmutableArray<RmsPropGroup> groups, IReadOnlyCollection<string> tensorNames, string tensorsParameter)
    {
        var known = new HashSet<string>(tensorNames, StringComparer.Ordinal);
        var groupOf = new Dictionary<string, RmsPropGroup>(StringComparer.Ordinal);
        foreach (RmsPropGroup group in groups)
        {
            foreach (string name in group.TensorNames)
            {
                if (!known.Contains(name))
                {
                    throw new ArgumentException($"Group '{group.Name}' names tensor '{name}', which is not among the tensors given ({List(tensorNames)}).", "groups");
                }

                if (groupOf.TryGetValue(name, out RmsPropGroup? other))
                {
                    throw new ArgumentException($"Tensor '{name}' is in group '{other.Name}' and in group '{group.Name}'; a tensor belongs to one group.", "groups");
                }

                groupOf[name] = group;
            }
        }

        foreach (string name in tensorNames)
        {
            if (!groupOf.ContainsKey(name))
            {
                throw new ArgumentException($"Tensor '{name}' is in no group; every tensor needs one (groups: {List(groups.Select(g => g.Name))}).", tensorsParameter);
            }
        }

        return groupOf;
    }
}
