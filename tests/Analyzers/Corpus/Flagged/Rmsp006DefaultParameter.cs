using System;

namespace Deep.Layers
{
    public sealed class RmsPropOptimizer
    {
        private readonly double[] _acc;
        private readonly double _lr, _rho, _eps;

        public RmsPropOptimizer(int n, double lr = 0.001, double rho = {|RMSP006:1.5|}, double eps = 1e-7)
        {
            _acc = new double[n];
            _lr = lr; _rho = rho; _eps = eps;
        }

        public void Update(double[] weights, double[] gradients)
        {
            for (int i = 0; i < weights.Length; i++)
            {
                _acc[i] = _rho * _acc[i] + (1 - _rho) * gradients[i] * gradients[i];
                weights[i] -= _lr * gradients[i] / (Math.Sqrt(_acc[i]) + _eps);
            }
        }
    }
}
