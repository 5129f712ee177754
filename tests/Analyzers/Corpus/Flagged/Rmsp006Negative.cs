using System;

namespace Trainer.Optimizers
{
    public sealed class RmsPropOptimizer
    {
        private readonly double[] _v;
        private readonly double _lr = 0.01;
        private readonly double _eps = 1e-8;
        private readonly double _alpha = {|RMSP006:-0.99|};

        public RmsPropOptimizer(int n) { _v = new double[n]; }

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _v[i] = _alpha * _v[i] + (1 - _alpha) * g[i] * g[i];
                w[i] -= _lr * g[i] / (Math.Sqrt(_v[i]) + _eps);
            }
        }
    }
}
