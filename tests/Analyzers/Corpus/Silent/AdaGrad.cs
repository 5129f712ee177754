using System;

namespace Classic.Optimizers
{
    public sealed class AdaGrad
    {
        private readonly double[] _sumSquares;
        private readonly double _lr;
        private readonly double _eps;

        public AdaGrad(int n, double lr = 0.01, double eps = 1e-10)
        {
            _sumSquares = new double[n];
            _lr = lr;
            _eps = eps;
        }

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _sumSquares[i] += g[i] * g[i];
                w[i] -= _lr * g[i] / (Math.Sqrt(_sumSquares[i]) + _eps);
            }
        }
    }
}
