using System;

namespace Engine.Optimizers
{
    public sealed class CenteredWithHelper
    {
        private readonly double[] _ms, _mg;
        private const double Rho = 0.99, Lr = 0.01, Eps = 1e-8;

        public CenteredWithHelper(int n) { _ms = new double[n]; _mg = new double[n]; }

        private double Denominator(int i) => Math.Sqrt({|RMSP008:_ms[i] - _mg[i] * _mg[i]|}) + Eps;

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _ms[i] = Rho * _ms[i] + (1 - Rho) * g[i] * g[i];
                _mg[i] = Rho * _mg[i] + (1 - Rho) * g[i];
                w[i] -= Lr * g[i] / Denominator(i);
            }
        }
    }
}
