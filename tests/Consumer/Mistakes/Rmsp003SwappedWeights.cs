namespace Consumer.Mistakes;

/// <summary>RMSP003: the decay weights of the average are swapped.</summary>
public sealed class SwappedWeightsRmsProp
{
    private readonly double[] _s;
    private readonly double _lr = 0.01, _rho = 0.9, _eps = 1e-8;

    public SwappedWeightsRmsProp(int n) => _s = new double[n];

    public void Step(double[] w, double[] g)
    {
        for (int i = 0; i < w.Length; i++)
        {
            _s[i] = (1 - _rho) * _s[i] + _rho * g[i] * g[i];
            w[i] -= _lr * g[i] / (Math.Sqrt(_s[i]) + _eps);
        }
    }
}
