using System;

namespace Perf.Optimizers
{
    public sealed class ReciprocalRmsProp
    {
        private readonly double[] _ms;
        private const double Rho = 0.95, Lr = 0.01;

        public ReciprocalRmsProp(int n) { _ms = new double[n]; }

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _ms[i] = Rho * _ms[i] + (1 - Rho) * g[i] * g[i];
                double invRms = 1.0 / {|RMSP002:Math.Sqrt(_ms[i])|};
                w[i] -= Lr * g[i] * invRms;
            }
        }
    }
}
