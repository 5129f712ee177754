using System;

namespace Algebra.Compound.Correct
{
    /// <summary>s -= (1 - rho)*s - (1 - rho)*g*g is s = rho*s + (1 - rho)*g*g, written as one compound assignment.</summary>
    public sealed class CompoundRmsProp
    {
        private readonly double[] _s;
        private readonly double _rho = 0.9, _lr = 0.01, _eps = 1e-8;

        public CompoundRmsProp(int n) { _s = new double[n]; }

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _s[i] -= (1 - _rho) * _s[i] - (1 - _rho) * g[i] * g[i];
                w[i] -= _lr * g[i] / (Math.Sqrt(_s[i]) + _eps);
            }
        }
    }
}
