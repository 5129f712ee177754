using System;

namespace Perf.Optimizers
{
    public sealed class ReciprocalRmsProp
    {
        private readonly double[] _ms;
        public double LearningRate { get; set; } = 0.01;
        public double Rho { get; set; } = 0.95;
        public double Epsilon { get; set; } = 1e-8;

        public ReciprocalRmsProp(int n) { _ms = new double[n]; }

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _ms[i] = Rho * _ms[i] + (1.0 - Rho) * (g[i] * g[i]);
                // One division per element, then multiply: measurably faster in the hot loop.
                double invRms = 1.0 / (Math.Sqrt(_ms[i]) + Epsilon);
                w[i] -= LearningRate * g[i] * invRms;
            }
        }
    }
}
