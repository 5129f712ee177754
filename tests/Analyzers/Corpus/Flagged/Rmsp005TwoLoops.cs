using System;

namespace Batch.Optim
{
    public class TwoPassRmsProp
    {
        private readonly double[] _cache;
        private readonly double _decay = 0.99, _lr = 0.005, _eps = 1e-8;

        public TwoPassRmsProp(int n) { _cache = new double[n]; }

        public void Step(double[] w, double[] dw)
        {
            for (int i = 0; i < w.Length; i++)
                w[i] -= _lr * dw[i] / (Math.Sqrt({|RMSP005:_cache[i]|}) + _eps);

            for (int i = 0; i < dw.Length; i++)
                _cache[i] = _decay * _cache[i] + (1 - _decay) * dw[i] * dw[i];
        }
    }
}
