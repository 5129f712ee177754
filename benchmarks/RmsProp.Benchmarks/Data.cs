using System;
using System.Numerics;
using RmsProp.Functional;

namespace RmsProp.Benchmarks;

/// <summary>The arrays one step touches, filled once from a fixed seed: w and g in [-0.5, 0.5), s in [0, 0.25).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Data<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public Data(int length, bool centeredMomentum, int seed = 42)
    {
        var random = new Random(seed);
        T Next() => T.CreateChecked(random.NextDouble() - 0.5);
        Parameters = new T[length];
        Gradient = new T[length];
        Square = new T[length];
        for (int i = 0; i < length; i++)
        {
            Parameters[i] = Next();
            Gradient[i] = Next();
            Square[i] = Gradient[i] * Gradient[i];
        }

        Average = centeredMomentum ? new T[length] : [];
        Buffer = centeredMomentum ? new T[length] : [];
    }

    public T[] Parameters { get; }

    public T[] Gradient { get; }

    public T[] Square { get; }

    public T[] Average { get; }

    public T[] Buffer { get; }

    /// <summary>Plain RMSProp in place over these arrays, for the kernel's entry points.</summary>
    internal RmsPropKernel.Buffers<T> InPlace() => new()
    {
        Gradient = Gradient,
        Parameters = Parameters,
        SquareAverageIn = Square,
        SquareAverageOut = Square,
        Output = Parameters,
        AddParameters = true,
    };
}
