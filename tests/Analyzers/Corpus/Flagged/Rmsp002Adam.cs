using System;

namespace MiniNet.Optimizers
{
    public sealed class Adam
    {
        private readonly double[] _m, _v;
        private readonly double _lr = 1e-3, _b1 = 0.9, _b2 = 0.999;
        private int _t;

        public Adam(int n) { _m = new double[n]; _v = new double[n]; }

        public void Step(double[] w, double[] g)
        {
            _t++;
            for (int i = 0; i < w.Length; i++)
            {
                _m[i] = _b1 * _m[i] + (1 - _b1) * g[i];
                _v[i] = _b2 * _v[i] + (1 - _b2) * g[i] * g[i];
                double mHat = _m[i] / (1 - Math.Pow(_b1, _t));
                double vHat = _v[i] / (1 - Math.Pow(_b2, _t));
                w[i] -= _lr * mHat / {|RMSP002:Math.Sqrt(vHat)|};
            }
        }
    }
}
