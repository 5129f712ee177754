using System;

namespace Classic.Optimizers
{
    /// <summary>Zeiler's Adadelta: no learning rate, the ratio of two RMS values sets the step.</summary>
    public sealed class Adadelta
    {
        private readonly double[] _accGrad;
        private readonly double[] _accDelta;
        private readonly double _rho;
        private readonly double _eps;

        public Adadelta(int n, double rho = 0.95, double eps = 1e-6)
        {
            _accGrad = new double[n];
            _accDelta = new double[n];
            _rho = rho;
            _eps = eps;
        }

        public void Step(double[] x, double[] g)
        {
            for (int i = 0; i < x.Length; i++)
            {
                _accGrad[i] = _rho * _accGrad[i] + (1 - _rho) * g[i] * g[i];
                double delta = -Math.Sqrt(_accDelta[i] + _eps) / Math.Sqrt(_accGrad[i] + _eps) * g[i];
                _accDelta[i] = _rho * _accDelta[i] + (1 - _rho) * delta * delta;
                x[i] += delta;
            }
        }
    }
}
