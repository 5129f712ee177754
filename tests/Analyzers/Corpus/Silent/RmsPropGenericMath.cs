using System;
using System.Numerics;

namespace Generic.Optimizers;

public sealed class GenericRmsProp<T> where T : IFloatingPointIeee754<T>
{
    private readonly T[] _meanSquare;
    private readonly T _lr;
    private readonly T _rho;
    private readonly T _eps;

    public GenericRmsProp(int n, T lr, T rho, T eps)
    {
        _meanSquare = new T[n];
        _lr = lr;
        _rho = rho;
        _eps = eps;
    }

    public void Step(Span<T> weights, ReadOnlySpan<T> gradients)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            T g = gradients[i];
            _meanSquare[i] = _rho * _meanSquare[i] + (T.One - _rho) * g * g;
            weights[i] -= _lr * g / (T.Sqrt(_meanSquare[i]) + _eps);
        }
    }
}
