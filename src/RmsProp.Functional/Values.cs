using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace RmsProp.Functional;

/// <summary>Small helpers for the immutable arrays the states hold.</summary>
internal static class Values
{
    /// <summary>Wraps a freshly filled array without copying it; the caller must drop every other reference.</summary>
    internal static ImmutableArray<T> Freeze<T>(T[] owned) => ImmutableCollectionsMarshal.AsImmutableArray(owned);

    internal static ImmutableArray<T> Filled<T>(int length, T value)
    {
        var values = new T[length];
        Array.Fill(values, value);
        return Freeze(values);
    }

    internal static bool SequenceEqual<T>(ImmutableArray<T> left, ImmutableArray<T> right)
        where T : IEquatable<T> => left.AsSpan().SequenceEqual(right.AsSpan());

    internal static int Hash<T>(ImmutableArray<T> values)
    {
        var hash = new HashCode();
        hash.Add(values.Length);
        foreach (T value in values)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    /// <summary>Formats up to six entries, so a state prints readably in a debugger or a log.</summary>
    internal static string Format<T>(ImmutableArray<T> values)
        where T : IFormattable
    {
        const int Shown = 6;
        var text = new StringBuilder("[");
        for (int i = 0; i < Math.Min(values.Length, Shown); i++)
        {
            text.Append(i == 0 ? string.Empty : ", ").Append(values[i].ToString("R", CultureInfo.InvariantCulture));
        }

        if (values.Length > Shown)
        {
            text.Append(", ... (").Append(values.Length).Append(" in all)");
        }

        return text.Append(']').ToString();
    }

    internal static void CheckMoments<T>(
        RmsPropOptions options,
        ReadOnlySpan<T> squareAverage,
        ReadOnlySpan<T> gradientAverage,
        ReadOnlySpan<T> momentumBuffer,
        string squareAverageName,
        string gradientAverageName,
        string momentumBufferName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int expectedGradientAverage = options.Centered ? squareAverage.Length : 0;
        if (gradientAverage.Length != expectedGradientAverage)
        {
            throw new ArgumentException(
                options.Centered
                    ? $"{gradientAverageName} has {gradientAverage.Length} entries; centered RMSProp needs one per coordinate ({squareAverage.Length})."
                    : $"{gradientAverageName} has {gradientAverage.Length} entries; without Centered it must be empty.",
                gradientAverageName);
        }

        int expectedMomentum = options.Momentum != 0 ? squareAverage.Length : 0;
        if (momentumBuffer.Length != expectedMomentum)
        {
            throw new ArgumentException(
                options.Momentum != 0
                    ? $"{momentumBufferName} has {momentumBuffer.Length} entries; with Momentum {options.Momentum} it needs one per coordinate ({squareAverage.Length})."
                    : $"{momentumBufferName} has {momentumBuffer.Length} entries; with Momentum 0 it must be empty.",
                momentumBufferName);
        }
    }
}
