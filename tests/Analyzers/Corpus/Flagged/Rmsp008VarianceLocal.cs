using System;

namespace Research.Optimizers
{
    public sealed class CenteredStep
    {
        private readonly double[] _ms, _mg;
        private const double Rho = 0.9, Lr = 0.001, Eps = 1e-7;

        public CenteredStep(int n) { _ms = new double[n]; _mg = new double[n]; }

        public void Apply(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _ms[i] = Rho * _ms[i] + (1 - Rho) * g[i] * g[i];
                _mg[i] = Rho * _mg[i] + (1 - Rho) * g[i];
                double variance = _ms[i] - _mg[i] * _mg[i];
                w[i] -= Lr * g[i] / (Math.Sqrt({|RMSP008:variance|}) + Eps);
            }
        }
    }
}
