using System;

namespace Sparse.Optim
{
    // Zero gradients skip the average's update with `continue`, but the weight step above that test has already
    // divided by the average of the previous step.
    public sealed class SparseRmsProp
    {
        private readonly double[] _sq;
        private readonly double _rho = 0.9, _lr = 0.01, _eps = 1e-8;

        public SparseRmsProp(int n) { _sq = new double[n]; }

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                double step = _lr * g[i] / (Math.Sqrt({|RMSP005:_sq[i]|}) + _eps);
                if (g[i] == 0.0)
                {
                    continue;
                }

                _sq[i] = _rho * _sq[i] + (1 - _rho) * g[i] * g[i];
                w[i] -= step;
            }
        }
    }
}
