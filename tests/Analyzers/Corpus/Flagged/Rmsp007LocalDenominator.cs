using System;

namespace Trainer.Steps
{
    public static class Update
    {
        public static void Apply(double[] w, double[] g, double lr, double eps)
        {
            for (int i = 0; i < w.Length; i++)
            {
                double gi = g[i];
                double denom = {|RMSP007:Math.Sqrt(gi * gi)|} + eps;
                w[i] -= lr * gi / denom;
            }
        }
    }
}
