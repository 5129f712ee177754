using System;
using System.Numerics;

namespace RmsProp.Functional;

/// <summary>Argument checks shared by the options, the states and the step functions.</summary>
internal static class Guard
{
    internal static double PositiveFinite(double value, string name) =>
        double.IsFinite(value) && value > 0
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and greater than 0, but was {value}.");

    internal static double NonNegativeFinite(double value, string name) =>
        double.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and at least 0, but was {value}.");

    internal static double UnitInterval(double value, string name) =>
        value >= 0 && value < 1
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1), but was {value}.");

    internal static TEnum Defined<TEnum>(TEnum value, string name)
        where TEnum : struct, Enum =>
        Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} has no member with the value {value}.");

    internal static T NotNull<T>(T? value, string name)
        where T : class =>
        value ?? throw new ArgumentNullException(name);

    internal static void SameLength(int expected, int actual, string name, string expectedName)
    {
        if (actual != expected)
        {
            throw new ArgumentException(
                $"{name} has {actual} entries but {expectedName} has {expected}; they must have the same length.", name);
        }
    }

    /// <summary>Throws if any entry is NaN or infinite, naming the first such index.</summary>
    /// <remarks>
    /// The common case (all finite) is one vectorised pass: <c>x - x</c> is 0 for finite x and NaN otherwise,
    /// so a single accumulator tells whether to look for the culprit at all.
    /// </remarks>
    internal static void AllFinite<T>(ReadOnlySpan<T> values, string name)
        where T : unmanaged, IFloatingPointIeee754<T> => AllFinite(values, name, name);

    /// <summary>As <see cref="AllFinite{T}(ReadOnlySpan{T}, string)"/>, with the message saying <paramref name="label"/>
    /// (e.g. <c>gradients['w1']</c>) and the exception naming the parameter <paramref name="parameterName"/>.</summary>
    internal static void AllFinite<T>(ReadOnlySpan<T> values, string label, string parameterName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!AnyNonFinite(values))
        {
            return;
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!T.IsFinite(values[i]))
            {
                throw new ArgumentException($"{label}[{i}] is {values[i]}; every entry must be finite.", parameterName);
            }
        }
    }

    private static bool AnyNonFinite<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        T scalarSum = T.Zero;
        if (Simd<T>.IsAccelerated && values.Length >= Vector<T>.Count)
        {
            var sum = Vector<T>.Zero;
            ReadOnlySpan<Vector<T>> vectors = System.Runtime.InteropServices.MemoryMarshal.Cast<T, Vector<T>>(values);
            foreach (Vector<T> v in vectors)
            {
                sum += v - v;
            }

            i = vectors.Length * Vector<T>.Count;
            for (int lane = 0; lane < Vector<T>.Count; lane++)
            {
                scalarSum += sum[lane];
            }
        }

        for (; i < values.Length; i++)
        {
            scalarSum += values[i] - values[i];
        }

        return !T.IsFinite(scalarSum);
    }
}
