using System;

namespace TwoLoops.LocalArray.Raw
{
    /// <summary>A first loop copies the gradient into a local array; the second averages those copies, not their squares.</summary>
    public sealed class StagedRmsProp
    {
        private readonly double[] _s;
        private readonly double _rho = 0.99, _lr = 0.001, _eps = 1e-8;

        public StagedRmsProp(int n) { _s = new double[n]; }

        public void Step(double[] w, double[] g)
        {
            var staged = new double[g.Length];
            for (int i = 0; i < g.Length; i++)
            {
                staged[i] = g[i];
            }

            for (int i = 0; i < w.Length; i++)
            {
                _s[i] = _rho * _s[i] + (1 - _rho) * {|RMSP001:staged[i]|};
                w[i] -= _lr * g[i] / (Math.Sqrt(_s[i]) + _eps);
            }
        }
    }
}
