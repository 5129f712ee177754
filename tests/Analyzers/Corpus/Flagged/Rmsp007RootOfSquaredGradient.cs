using System;

namespace Homework.Optimizers
{
    public sealed class AdaptiveStep
    {
        private readonly double _lr;

        public AdaptiveStep(double lr) { _lr = lr; }

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                // Meant to be the root of the average of g*g; divides by |g| instead: sign descent.
                w[i] -= _lr * g[i] / {|RMSP007:Math.Sqrt(g[i] * g[i] + 1e-8)|};
            }
        }
    }
}
