using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;
using RmsProp.Functional;

namespace RmsProp.Laws;

/// <summary>What the laws do with an implementation: run it, cut states apart, compare bits.</summary>
internal static class Runs
{
    /// <summary>The unit roundoff scale of <typeparamref name="T"/>: 2^-23 for float, 2^-52 for double.</summary>
    internal static double Epsilon<T>()
        where T : unmanaged, IFloatingPointIeee754<T> => double.CreateChecked(T.BitIncrement(T.One) - T.One);

    internal static T[] Convert<T>(ImmutableArray<double> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new T[values.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = T.CreateChecked(values[i]);
        }

        return result;
    }

    internal static double Wide<T>(T value)
        where T : unmanaged, IFloatingPointIeee754<T> => double.CreateChecked(value);

    internal static string Text<T>(T value)
        where T : unmanaged, IFloatingPointIeee754<T> => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The start state and the state after every step (element t is after t steps).</summary>
    internal static List<RmsPropStepState<T>> Trajectory<T>(RmsPropImplementation implementation, TrajectoryCase c)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Continue(implementation, c.Options, RmsPropStepState<T>.Start(c.Options, Convert<T>(c.Parameters)), c.Gradients);

    internal static List<RmsPropStepState<T>> Continue<T>(
        RmsPropImplementation implementation,
        RmsPropOptions options,
        RmsPropStepState<T> start,
        IEnumerable<ImmutableArray<double>> gradients)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RmsPropStep<T> step = implementation.Step<T>();
        var states = new List<RmsPropStepState<T>> { start };
        foreach (ImmutableArray<double> gradient in gradients)
        {
            states.Add(Checked(step(options, states[^1], Convert<T>(gradient)), start.Length, states.Count));
        }

        return states;
    }

    /// <summary>Rejects a malformed result at once, so a law never blames the wrong thing for an index error.</summary>
    internal static RmsPropStepState<T> Checked<T>(RmsPropStepState<T>? state, int length, int step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (state is null)
        {
            throw new InvalidOperationException($"Step {step} returned null instead of a state.");
        }

        if (state.Length != length)
        {
            throw new InvalidOperationException($"Step {step} returned {state.Length} coordinates for {length}.");
        }

        return state;
    }

    internal static bool Identical<T>(T left, T right)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in left)).SequenceEqual(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in right)));

    private static IEnumerable<(string Name, T[] Values)> Arrays<T>(RmsPropStepState<T> state)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        yield return ("w", state.Parameters);
        yield return ("s", state.SquareAverage);
        yield return ("m", state.GradientAverage);
        yield return ("b", state.MomentumBuffer);
        yield return ("aux", state.Auxiliary);
    }

    /// <summary>Null when coordinate <c>map(i)</c> of <paramref name="expected"/> is bitwise coordinate i of <paramref name="actual"/> everywhere; else the first difference.</summary>
    internal static string? Difference<T>(RmsPropStepState<T> expected, RmsPropStepState<T> actual, Func<int, int> map)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (((string name, T[] e), (_, T[] a)) in Arrays(expected).Zip(Arrays(actual)))
        {
            for (int i = 0; i < a.Length; i++)
            {
                if (!Identical(e[map(i)], a[i]))
                {
                    return $"{name}[{i}] is {Text(a[i])}, expected {Text(e[map(i)])}";
                }
            }
        }

        return null;
    }

    internal static string? Difference<T>(RmsPropStepState<T> expected, RmsPropStepState<T> actual)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        expected.Length != actual.Length
            ? $"{actual.Length} coordinates, expected {expected.Length}"
            : Difference(expected, actual, i => i);

    internal static RmsPropStepState<T> Slice<T>(RmsPropStepState<T> state, int i)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new([state.Parameters[i]], [state.SquareAverage[i]], [state.GradientAverage[i]], [state.MomentumBuffer[i]], [state.Auxiliary[i]]);

    /// <summary>Coordinate i of the result is coordinate <c>permutation[i]</c> of <paramref name="state"/>.</summary>
    internal static RmsPropStepState<T> Permute<T>(RmsPropStepState<T> state, int[] permutation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] Pick(T[] values) => permutation.Select(p => values[p]).ToArray();
        return new(Pick(state.Parameters), Pick(state.SquareAverage), Pick(state.GradientAverage), Pick(state.MomentumBuffer), Pick(state.Auxiliary));
    }

    internal static int[] Permutation(int length, int seed)
    {
        int[] order = Enumerable.Range(0, length).ToArray();
        new Random(seed).Shuffle(order);
        return order;
    }
}
