using System;

namespace Robust.Optim
{
    public sealed class FlooredRmsProp
    {
        private readonly double[] _s;
        private const double Rho = 0.9;
        private const double Lr = 0.01;
        private const double MinMeanSquare = 1e-12;

        public FlooredRmsProp(int n) => _s = new double[n];

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _s[i] = Rho * _s[i] + (1 - Rho) * g[i] * g[i];
                // A floor instead of an additive epsilon keeps the update scale-free for large averages.
                w[i] -= Lr * g[i] / Math.Sqrt(Math.Max(_s[i], MinMeanSquare));
            }
        }
    }
}
