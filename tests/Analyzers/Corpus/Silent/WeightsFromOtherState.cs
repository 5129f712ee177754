using System;

namespace Algebra.Weights.Correct
{
    /// <summary>The complement of the decay is kept in a field of its own (fresh = 1 - rho), each on its right term.</summary>
    public sealed class DerivedWeightRmsProp
    {
        private readonly double[] _s;
        private readonly double _rho = 0.9, _lr = 0.01, _eps = 1e-8;
        private readonly double _fresh;

        public DerivedWeightRmsProp(int n)
        {
            _s = new double[n];
            _fresh = 1 - _rho;
        }

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _s[i] = _rho * _s[i] + _fresh * g[i] * g[i];
                w[i] -= _lr * g[i] / (Math.Sqrt(_s[i]) + _eps);
            }
        }
    }
}
