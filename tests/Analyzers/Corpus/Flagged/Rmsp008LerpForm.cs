using System;

namespace Numerics.Optim
{
    public sealed class CenteredLerp
    {
        private readonly double[] _ms, _mg;
        private readonly double _beta = 0.1, _lr = 0.01, _eps = 1e-8;

        public CenteredLerp(int n) { _ms = new double[n]; _mg = new double[n]; }

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _ms[i] += _beta * (g[i] * g[i] - _ms[i]);
                _mg[i] += _beta * (g[i] - _mg[i]);
                w[i] -= _lr * g[i] / (Math.Sqrt({|RMSP008:_ms[i] - _mg[i] * _mg[i]|}) + _eps);
            }
        }
    }
}
