using System;

namespace Ported.FromNumPy.Unguarded
{
    /// <summary>np.power(v, 0.5) ported as Math.Pow(v, 0.5): a square root all the same, and nothing keeps it from 0.</summary>
    public sealed class PowHalfRmsProp
    {
        private readonly double[] _v;
        private readonly double _lr = 0.001, _beta = 0.9;

        public PowHalfRmsProp(int n) { _v = new double[n]; }

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _v[i] = _beta * _v[i] + (1 - _beta) * g[i] * g[i];
                w[i] -= _lr * g[i] / {|RMSP002:Math.Pow(_v[i], 0.5)|};
            }
        }
    }
}
