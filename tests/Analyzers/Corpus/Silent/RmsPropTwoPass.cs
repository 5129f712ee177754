using System;

namespace Batch.Optim
{
    public class TwoPassRmsProp
    {
        private readonly double[] _cache;
        private readonly double _decay = 0.99;
        private readonly double _lr = 0.005;
        private readonly double _eps = 1e-8;

        public TwoPassRmsProp(int n) { _cache = new double[n]; }

        public void Step(double[] w, double[] dw)
        {
            // Fold the whole gradient into the statistics first, then move every weight.
            for (int i = 0; i < dw.Length; i++)
                _cache[i] = _decay * _cache[i] + (1 - _decay) * dw[i] * dw[i];

            for (int i = 0; i < w.Length; i++)
                w[i] -= _lr * dw[i] / (Math.Sqrt(_cache[i]) + _eps);
        }
    }
}
