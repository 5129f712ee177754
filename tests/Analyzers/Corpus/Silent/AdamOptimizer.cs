using System;

namespace MiniNet.Optimizers
{
    public sealed class Adam
    {
        private readonly double[] _m;
        private readonly double[] _v;
        private readonly double _lr, _beta1, _beta2, _eps;
        private int _t;

        public Adam(int n, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
        {
            _m = new double[n];
            _v = new double[n];
            _lr = lr; _beta1 = beta1; _beta2 = beta2; _eps = eps;
        }

        public void Step(double[] w, double[] g)
        {
            _t++;
            double bc1 = 1 - Math.Pow(_beta1, _t);
            double bc2 = 1 - Math.Pow(_beta2, _t);
            for (int i = 0; i < w.Length; i++)
            {
                _m[i] = _beta1 * _m[i] + (1 - _beta1) * g[i];
                _v[i] = _beta2 * _v[i] + (1 - _beta2) * g[i] * g[i];
                double mHat = _m[i] / bc1;
                double vHat = _v[i] / bc2;
                w[i] -= _lr * mHat / (Math.Sqrt(vHat) + _eps);
            }
        }
    }
}
