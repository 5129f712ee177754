using System;

namespace Optimizers.Variants
{
    public sealed class Nadam
    {
        private readonly double[] _m;
        private readonly double[] _n;
        private readonly double _lr = 0.002, _mu = 0.975, _nu = 0.999, _eps = 1e-8;
        private long _t;

        public Nadam(int size) { _m = new double[size]; _n = new double[size]; }

        public void Step(double[] theta, double[] g)
        {
            _t++;
            for (int i = 0; i < theta.Length; i++)
            {
                _m[i] = _mu * _m[i] + (1 - _mu) * g[i];
                _n[i] = _nu * _n[i] + (1 - _nu) * g[i] * g[i];
                double mBar = (1 - _mu) * g[i] / (1 - Math.Pow(_mu, _t)) + _mu * _m[i] / (1 - Math.Pow(_mu, _t + 1));
                double nHat = _n[i] / (1 - Math.Pow(_nu, _t));
                theta[i] -= _lr * mBar / (Math.Sqrt(nHat) + _eps);
            }
        }
    }
}
