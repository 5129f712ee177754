using System;

namespace Careful.Optim
{
    /// <summary>Centered RMSProp that floors the variance in a statement of its own before the root.</summary>
    public sealed class CenteredFlooredLocal
    {
        private readonly double[] _ms, _mg;
        private const double Rho = 0.9, Lr = 0.001, Eps = 1e-8;

        public CenteredFlooredLocal(int n) { _ms = new double[n]; _mg = new double[n]; }

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _ms[i] = Rho * _ms[i] + (1 - Rho) * g[i] * g[i];
                _mg[i] = Rho * _mg[i] + (1 - Rho) * g[i];
                double variance = _ms[i] - _mg[i] * _mg[i];
                variance = Math.Max(variance, 0.0);
                w[i] -= Lr * g[i] / (Math.Sqrt(variance) + Eps);
            }
        }
    }
}
