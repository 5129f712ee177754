using System;

namespace Ported.FromNumPy.Correct
{
    /// <summary>np.power(v + eps, 0.5) ported as Math.Pow(v + eps, 0.5): the epsilon under the root.</summary>
    public sealed class PowHalfRmsProp
    {
        private readonly double[] _v;
        private readonly double _lr = 0.001, _beta = 0.9, _eps = 1e-8;

        public PowHalfRmsProp(int n) { _v = new double[n]; }

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _v[i] = _beta * _v[i] + (1 - _beta) * g[i] * g[i];
                w[i] -= _lr * g[i] / Math.Pow(_v[i] + _eps, 0.5);
            }
        }
    }
}
