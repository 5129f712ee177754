using System;
using System.Collections.Generic;
using System.Numerics;

namespace RmsProp.Properties.Foundation;

/// <summary>Comparisons the tests share: bitwise equality and relative closeness.</summary>
internal static class Bits
{
    internal static bool Identical<T>(ReadOnlySpan<T> left, ReadOnlySpan<T> right)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        for (int i = 0; i < left.Length; i++)
        {
            if (!Identical(left[i], right[i]))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool Identical<T>(T left, T right)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in left))
            .SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in right)));

    /// <summary>|actual - expected| &lt;= tolerance * max(|expected|, floor): relative, with an absolute floor near 0.</summary>
    internal static void AssertClose(double expected, double actual, double relativeTolerance, string what, double floor = 0)
    {
        double scale = Math.Max(Math.Abs(expected), floor);
        double error = Math.Abs(actual - expected);
        Assert.True(
            error <= relativeTolerance * scale,
            $"{what}: expected {expected:R}, got {actual:R} (relative error {error / Math.Max(scale, double.Epsilon):E2}, tolerance {relativeTolerance:E0})");
    }

    internal static void AssertAllClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double relativeTolerance, string what, double floor = 0)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            AssertClose(expected[i], actual[i], relativeTolerance, $"{what}[{i}]", floor);
        }
    }
}
