using System;

namespace TorchLike.Optim
{
    /// <summary>RMSProp with a momentum buffer, learning rate applied outside the buffer.</summary>
    public sealed class RmsPropMomentum
    {
        private readonly double[] _squareAvg;
        private readonly double[] _buffer;
        private readonly double _lr, _alpha, _eps, _momentum;

        public RmsPropMomentum(int n, double lr = 0.01, double alpha = 0.99, double eps = 1e-8, double momentum = 0.9)
        {
            _squareAvg = new double[n];
            _buffer = new double[n];
            _lr = lr; _alpha = alpha; _eps = eps; _momentum = momentum;
        }

        public void Step(double[] p, double[] g)
        {
            for (int i = 0; i < p.Length; i++)
            {
                _squareAvg[i] = _alpha * _squareAvg[i] + (1 - _alpha) * g[i] * g[i];
                double avg = Math.Sqrt(_squareAvg[i]) + _eps;
                _buffer[i] = _momentum * _buffer[i] + g[i] / avg;
                p[i] -= _lr * _buffer[i];
            }
        }
    }
}
