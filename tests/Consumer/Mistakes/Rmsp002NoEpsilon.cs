namespace Consumer.Mistakes;

/// <summary>RMSP002: the adaptive denominator has no epsilon.</summary>
public sealed class NoEpsilonRmsProp
{
    private readonly double[] _s;
    private readonly double _lr = 0.01, _rho = 0.9;

    public NoEpsilonRmsProp(int n) => _s = new double[n];

    public void Step(double[] w, double[] g)
    {
        for (int i = 0; i < w.Length; i++)
        {
            _s[i] = _rho * _s[i] + (1 - _rho) * g[i] * g[i];
            w[i] -= _lr * g[i] / Math.Sqrt(_s[i]);
        }
    }
}
