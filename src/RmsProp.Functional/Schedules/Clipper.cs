using System;
using System.Collections.Immutable;
using System.Numerics;

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

    /// <summary>The L2 norm, in double.</summary>
    /// <remarks>
    /// Summed in double, by hand rather than with TensorPrimitives.Norm, because that sums in T: a float sum loses
    /// digits on large tensors, and a double sum of squares of 1e200 overflows, which the rescaled second pass here
    /// avoids, so a finite gradient never gets a silently infinite norm (and a clip coefficient of 0).
    /// </remarks>
    internal static double Norm<T>(ReadOnlySpan<T> values)
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
    /// PyTorch's <c>torch.norm(torch.stack(norms))</c>: in T, a sequential sum of fused squares (what its CPU
    /// kernel computes for double, and for float up to three tensors), falling back to double when T overflows.
    /// </summary>
    private static double StackedNorm<T>(double[] norms)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        foreach (double norm in norms)
        {
            T value = T.CreateChecked(norm);
            sum = T.FusedMultiplyAdd(value, value, sum);
        }

        T total = T.Sqrt(sum);
        return T.IsFinite(total) ? double.CreateChecked(total) : Norm<double>(norms);
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
