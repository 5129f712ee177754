using System;

namespace Algebra.Compound.Swapped
{
    /// <summary>
    /// s -= rho*s - rho*g*g is s = (1 - rho)*s + rho*g*g: the decay ends up on the new term, so the average forgets
    /// 90% of itself every step.
    /// </summary>
    public sealed class CompoundRmsProp
    {
        private readonly double[] _s;
        private readonly double _rho = 0.9, _lr = 0.01, _eps = 1e-8;

        public CompoundRmsProp(int n) { _s = new double[n]; }

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _s[i] -= {|RMSP003:_rho * _s[i] - _rho * g[i] * g[i]|};
                w[i] -= _lr * g[i] / (Math.Sqrt(_s[i]) + _eps);
            }
        }
    }
}
