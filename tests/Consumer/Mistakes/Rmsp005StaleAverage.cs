namespace Consumer.Mistakes;

/// <summary>RMSP005: the update divides by the average from before this step's gradient was folded in.</summary>
public sealed class StaleAverageRmsProp
{
    private readonly double[] _s;
    private readonly double _lr = 0.01, _rho = 0.9, _eps = 1e-8;

    public StaleAverageRmsProp(int n) => _s = new double[n];

    public void Step(double[] w, double[] g)
    {
        for (int i = 0; i < w.Length; i++)
        {
            w[i] -= _lr * g[i] / (Math.Sqrt(_s[i]) + _eps);
            _s[i] = _rho * _s[i] + (1 - _rho) * g[i] * g[i];
        }
    }
}
