using System;
using System.Collections.Immutable;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;

namespace RmsProp.Functional;

/// <summary>Applies <see cref="GradientClipping"/>s to checked gradients, writing into fresh or scratch arrays, never into the caller's.</summary>
internal static class Clipper
{
    /// <summary>
    /// The gradients to step with: <paramref name="gradients"/> themselves when there is no clipping, otherwise
    /// clipped copies (in <paramref name="scratch"/> when given, so the in-place path allocates nothing per step).
    /// </summary>
    internal static T[][] Apply<T>(ImmutableArray<GradientClipping> clippings, T[][] gradients, T[][]? scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (clippings.IsEmpty)
        {
            return gradients;
        }

        T[][] clipped = scratch ?? new T[gradients.Length][];
        for (int i = 0; i < gradients.Length; i++)
        {
            clipped[i] ??= new T[gradients[i].Length];
            gradients[i].CopyTo(clipped[i], 0);
        }

        foreach (GradientClipping clipping in clippings)
        {
            switch (clipping.Kind)
            {
                case ClippingKind.ByValue:
                    T limit = T.CreateChecked(clipping.Limit);
                    foreach (T[] gradient in clipped)
                    {
                        for (int j = 0; j < gradient.Length; j++)
                        {
                            gradient[j] = T.Clamp(gradient[j], -limit, limit);
                        }
                    }

                    break;

                case ClippingKind.ByNormPerTensor:
                    foreach (T[] gradient in clipped)
                    {
                        Scale(gradient, Coefficient<T>(clipping.Limit, Norm<T>(gradient)));
                    }

                    break;

                default:
                    // PyTorch stacks the per-tensor norms (rounded to T) and takes their norm.
                    var norms = new double[clipped.Length];
                    for (int i = 0; i < clipped.Length; i++)
                    {
                        norms[i] = RoundedTo<T>(Norm<T>(clipped[i]));
                    }

                    T coefficient = Coefficient<T>(clipping.Limit, StackedNorm<T>(norms));
                    foreach (T[] gradient in clipped)
                    {
                        Scale(gradient, coefficient);
                    }

                    break;
            }
        }

        return clipped;
    }

    /// <summary>The L2 norm as PyTorch 1.13's <c>torch.norm</c> computes it in T, returned as a double.</summary>
    /// <remarks>
    /// Float gradients take <see cref="PyTorchFloatNorm"/>; double gradients a sequential fused sum (PyTorch's double
    /// kernel). Written by hand rather than with TensorPrimitives.Norm, whose summation order is neither. When the
    /// sum of squares overflows T (float gradients near 2e19, double ones near 1e154), PyTorch's norm would be
    /// infinite and its clip coefficient 0; here the norm is taken again in double with a rescaled second pass, so
    /// a finite gradient never gets a silently infinite norm.
    /// </remarks>
    internal static double Norm<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            float norm = PyTorchFloatNorm(MemoryMarshal.Cast<T, float>(values));
            if (float.IsFinite(norm))
            {
                return norm;
            }
        }

        return DoubleNorm(values);
    }

    /// <summary>
    /// PyTorch 1.13's float32 <c>torch.norm(x, 2)</c> on the CPU, operation for operation: the fast path of
    /// <c>norm_kernel_tensor_iterator_impl</c> (aten/src/ATen/native/cpu/ReduceOpsKernel.cpp) as GCC 12 compiled it
    /// for the AVX2 kernels of Debian's python3-torch, read from its machine code.
    /// </summary>
    /// <remarks>
    /// Eight lanes each accumulate <c>fma(x, x, lane)</c> over the whole vectors of eight; the lanes are folded left
    /// to right (<c>buffer[0] += buffer[j]</c>); then the 0 to 7 entries left over go through the scalar loop
    /// <c>buffer[0] += x * x</c>, which GCC vectorised by four: when four or more are left, the first four are
    /// squared (rounded) and added one at a time, and every entry after them is fused, <c>fma(x, x, sum)</c>. The
    /// root is taken in float. Each operation is an IEEE operation, so the bits are the same on any machine; a
    /// PyTorch that dispatches to its AVX-512 kernels (sixteen lanes) rounds differently, within the bound
    /// <c>tests/Properties/Model/FloatNormTests.cs</c> checks.
    /// </remarks>
    internal static float PyTorchFloatNorm(ReadOnlySpan<float> values)
    {
        float l0 = 0, l1 = 0, l2 = 0, l3 = 0, l4 = 0, l5 = 0, l6 = 0, l7 = 0;
        int d = 0;
        for (int whole = values.Length - (values.Length % 8); d < whole; d += 8)
        {
            l0 = MathF.FusedMultiplyAdd(values[d], values[d], l0);
            l1 = MathF.FusedMultiplyAdd(values[d + 1], values[d + 1], l1);
            l2 = MathF.FusedMultiplyAdd(values[d + 2], values[d + 2], l2);
            l3 = MathF.FusedMultiplyAdd(values[d + 3], values[d + 3], l3);
            l4 = MathF.FusedMultiplyAdd(values[d + 4], values[d + 4], l4);
            l5 = MathF.FusedMultiplyAdd(values[d + 5], values[d + 5], l5);
            l6 = MathF.FusedMultiplyAdd(values[d + 6], values[d + 6], l6);
            l7 = MathF.FusedMultiplyAdd(values[d + 7], values[d + 7], l7);
        }

        float sum = l0 + l1 + l2 + l3 + l4 + l5 + l6 + l7;   // C# adds left to right, as the fold does
        if (values.Length - d >= 4)
        {
            for (int end = d + 4; d < end; d++)
            {
                float square = values[d] * values[d];
                sum += square;
            }
        }

        for (; d < values.Length; d++)
        {
            sum = MathF.FusedMultiplyAdd(values[d], values[d], sum);
        }

        return MathF.Sqrt(sum);
    }

    /// <summary>The L2 norm in double: a sequential fused sum, rescaled when the squares overflow.</summary>
    private static double DoubleNorm<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Each multiply-add fused, as in PyTorch's double CPU norm (a sequential sum that the compiler contracts
        // to fma), so double gradients get torch.norm's bits.
        double sum = 0;
        foreach (T value in values)
        {
            double v = double.CreateChecked(value);
            sum = Math.FusedMultiplyAdd(v, v, sum);
        }

        if (double.IsFinite(sum))
        {
            return Math.Sqrt(sum);
        }

        double largest = 0;
        foreach (T value in values)
        {
            largest = Math.Max(largest, Math.Abs(double.CreateChecked(value)));
        }

        double scaled = 0;
        foreach (T value in values)
        {
            double v = double.CreateChecked(value) / largest;
            scaled += v * v;
        }

        return largest * Math.Sqrt(scaled);
    }

    /// <summary>
    /// PyTorch's <c>torch.norm(torch.stack(norms))</c>: in T, as <see cref="Norm{T}"/> (a sequential sum of fused
    /// squares for double, <see cref="PyTorchFloatNorm"/> for float), falling back to double when T overflows.
    /// </summary>
    private static double StackedNorm<T>(double[] norms)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            float[] stacked = [.. norms.Select(norm => (float)norm)];
            float total = PyTorchFloatNorm(stacked);
            return float.IsFinite(total) ? total : DoubleNorm<double>(norms);
        }

        T sum = T.Zero;
        foreach (double norm in norms)
        {
            T value = T.CreateChecked(norm);
            sum = T.FusedMultiplyAdd(value, value, sum);
        }

        T root = T.Sqrt(sum);
        return T.IsFinite(root) ? double.CreateChecked(root) : DoubleNorm<double>(norms);
    }

    /// <summary>
    /// PyTorch's <c>clip_coef = max_norm / (total_norm + 1e-6)</c>, clamped to at most 1, in the gradients' type,
    /// evaluated as PyTorch does: <c>Tensor.__rtruediv__</c> is <c>reciprocal(total_norm + 1e-6) * max_norm</c>.
    /// </summary>
    /// <remarks>A norm beyond T's range (float gradients near 3e38) takes the coefficient from the double norm instead of dividing by infinity.</remarks>
    private static T Coefficient<T>(double maxNorm, double norm)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T rounded = T.CreateChecked(norm);
        T coefficient = T.IsFinite(rounded)
            ? T.One / (rounded + T.CreateChecked(GradientClipping.NormEpsilon)) * T.CreateChecked(maxNorm)
            : T.CreateChecked(maxNorm / norm);
        return T.Min(coefficient, T.One);
    }

    private static double RoundedTo<T>(double value)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T rounded = T.CreateChecked(value);
        return T.IsFinite(rounded) ? double.CreateChecked(rounded) : value;
    }

    private static void Scale<T>(T[] values, T factor)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] *= factor;
        }
    }
}
