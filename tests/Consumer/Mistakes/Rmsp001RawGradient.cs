namespace Consumer.Mistakes;

/// <summary>RMSP001: the squared-gradient average is fed the raw gradient.</summary>
public sealed class RawGradientRmsProp
{
    private readonly double[] _meanSquare;
    private readonly double _lr = 0.01, _rho = 0.9, _eps = 1e-8;

    public RawGradientRmsProp(int n) => _meanSquare = new double[n];

    public void Step(double[] w, double[] g)
    {
        for (int i = 0; i < w.Length; i++)
        {
            _meanSquare[i] = _rho * _meanSquare[i] + (1 - _rho) * g[i];
            w[i] -= _lr * g[i] / (Math.Sqrt(_meanSquare[i]) + _eps);
        }
    }
}
