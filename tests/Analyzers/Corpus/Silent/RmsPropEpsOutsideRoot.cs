using System;

namespace MiniNet.Optimizers;

/// <summary>RMSProp as PyTorch writes it: eps added after the square root.</summary>
public sealed class RmsProp
{
    private readonly double _learningRate;
    private readonly double _rho;
    private readonly double _epsilon;
    private readonly double[] _meanSquare;

    public RmsProp(int parameterCount, double learningRate = 0.01, double rho = 0.99, double epsilon = 1e-8)
    {
        if (rho < 0 || rho >= 1) throw new ArgumentOutOfRangeException(nameof(rho));
        _learningRate = learningRate;
        _rho = rho;
        _epsilon = epsilon;
        _meanSquare = new double[parameterCount];
    }

    public void Step(double[] weights, double[] gradients)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            double g = gradients[i];
            _meanSquare[i] = _rho * _meanSquare[i] + (1 - _rho) * g * g;
            weights[i] -= _learningRate * g / (Math.Sqrt(_meanSquare[i]) + _epsilon);
        }
    }
}
