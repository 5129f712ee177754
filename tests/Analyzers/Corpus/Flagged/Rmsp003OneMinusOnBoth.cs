using System;

namespace Trainer.Optimizers
{
    public sealed class RmsPropOptimizer
    {
        private readonly double[] _v;
        private readonly double _rho, _lr, _eps;

        public RmsPropOptimizer(int n, double lr = 0.001, double rho = 0.9, double eps = 1e-7)
        {
            _v = new double[n];
            _lr = lr; _rho = rho; _eps = eps;
        }

        public void Update(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _v[i] = {|RMSP003:(1 - _rho) * _v[i] + (1 - _rho) * g[i] * g[i]|};
                w[i] -= _lr * g[i] / Math.Sqrt(_v[i] + _eps);
            }
        }
    }
}
