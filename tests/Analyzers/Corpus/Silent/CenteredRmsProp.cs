using System;

namespace TorchLike.Optim
{
    /// <summary>Centered RMSProp: divides by an estimate of the gradient's standard deviation.</summary>
    public sealed class CenteredRmsProp
    {
        private readonly double[] _squareAvg;
        private readonly double[] _gradAvg;
        private readonly double _lr, _alpha, _eps;

        public CenteredRmsProp(int n, double lr = 0.01, double alpha = 0.99, double eps = 1e-8)
        {
            _squareAvg = new double[n];
            _gradAvg = new double[n];
            _lr = lr; _alpha = alpha; _eps = eps;
        }

        public void Step(double[] p, double[] g)
        {
            for (int i = 0; i < p.Length; i++)
            {
                _squareAvg[i] = _alpha * _squareAvg[i] + (1 - _alpha) * g[i] * g[i];
                // The mean of the raw gradient is meant to be raw here: it is subtracted, not rooted alone.
                _gradAvg[i] = _alpha * _gradAvg[i] + (1 - _alpha) * g[i];
                double variance = _squareAvg[i] - _gradAvg[i] * _gradAvg[i];
                p[i] -= _lr * g[i] / (Math.Sqrt(Math.Max(variance, 0)) + _eps);
            }
        }
    }
}
