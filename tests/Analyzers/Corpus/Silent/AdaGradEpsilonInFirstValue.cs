using System;

namespace Sparse.Features
{
    /// <summary>
    /// AdaGrad that folds its epsilon into the sum's first value: r = g*g + eps on the first step, then it only grows,
    /// so its root never falls below sqrt(eps).
    /// </summary>
    public sealed class LazyAdaGrad
    {
        private readonly double[] _r;
        private readonly bool[] _seen;
        private readonly double _lr = 0.05, _eps = 1e-10;

        public LazyAdaGrad(int n) { _r = new double[n]; _seen = new bool[n]; }

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                if (!_seen[i])
                {
                    _r[i] = g[i] * g[i] + _eps;
                    _seen[i] = true;
                }
                else
                {
                    _r[i] += g[i] * g[i];
                }

                w[i] -= _lr * g[i] / Math.Sqrt(_r[i]);
            }
        }
    }
}
