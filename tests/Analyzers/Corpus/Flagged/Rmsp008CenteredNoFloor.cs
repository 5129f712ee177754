using System;

namespace TorchPort.Optim
{
    /// <summary>A line-by-line port of a centered RMSProp: the variance goes straight under the root.</summary>
    public sealed class CenteredRmsProp
    {
        private readonly double[] _squareAvg, _gradAvg;
        private readonly double _lr = 0.01, _alpha = 0.99, _eps = 1e-8;

        public CenteredRmsProp(int n) { _squareAvg = new double[n]; _gradAvg = new double[n]; }

        public void Step(double[] p, double[] g)
        {
            for (int i = 0; i < p.Length; i++)
            {
                _squareAvg[i] = _alpha * _squareAvg[i] + (1 - _alpha) * g[i] * g[i];
                _gradAvg[i] = _alpha * _gradAvg[i] + (1 - _alpha) * g[i];
                double avg = Math.Sqrt({|RMSP008:_squareAvg[i] - _gradAvg[i] * _gradAvg[i]|}) + _eps;
                p[i] -= _lr * g[i] / avg;
            }
        }
    }
}
