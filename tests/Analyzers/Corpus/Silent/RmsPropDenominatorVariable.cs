using System;

namespace Trainer.Optimizers
{
    public sealed class RmsPropDenominator
    {
        private readonly double[] _squareAvg;
        private readonly double _lr;
        private readonly double _alpha;
        private readonly double _eps;

        public RmsPropDenominator(int size, double lr, double alpha, double eps)
        {
            _squareAvg = new double[size];
            (_lr, _alpha, _eps) = (lr, alpha, eps);
        }

        public void Step(double[] param, double[] grad)
        {
            for (int i = 0; i < param.Length; i++)
            {
                _squareAvg[i] = _alpha * _squareAvg[i] + (1 - _alpha) * grad[i] * grad[i];
                var avg = Math.Sqrt(_squareAvg[i]) + _eps;
                param[i] -= _lr * grad[i] / avg;
            }
        }
    }
}
