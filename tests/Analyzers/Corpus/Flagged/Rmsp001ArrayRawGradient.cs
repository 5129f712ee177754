using System;

namespace MiniNet.Optimizers;

public sealed class RmsProp
{
    private readonly double[] _meanSquare;
    private readonly double _lr = 0.01;
    private readonly double _rho = 0.9;
    private readonly double _eps = 1e-8;

    public RmsProp(int n) => _meanSquare = new double[n];

    public void Step(double[] w, double[] g)
    {
        for (int i = 0; i < w.Length; i++)
        {
            _meanSquare[i] = _rho * _meanSquare[i] + (1 - _rho) * {|RMSP001:g[i]|};
            w[i] -= _lr * g[i] / (Math.Sqrt(_meanSquare[i]) + _eps);
        }
    }
}
