using System;

namespace MiniNet.Optimizers
{
    public sealed class RmsProp
    {
        private readonly double _lr = 0.01, _rho = 0.9, _eps = 1e-8;

        public void Step(double[] w, double[] g)
        {
            var cache = {|RMSP004:new double[w.Length]|};
            for (int i = 0; i < w.Length; i++)
            {
                cache[i] = _rho * cache[i] + (1 - _rho) * g[i] * g[i];
                w[i] -= _lr * g[i] / (Math.Sqrt(cache[i]) + _eps);
            }
        }
    }
}
