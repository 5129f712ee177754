using System;

namespace App.Optimizers
{
    internal static class Rms
    {
        internal static void Update(double[] theta, double[] grad, double[] avgSq, double lr, double beta, double eps)
        {
            for (int j = 0; j < theta.Length; j++)
            {
                var gj = grad[j];
                var g2 = gj * gj;
                avgSq[j] = beta * avgSq[j] + (1 - beta) * g2;
                var rms = Math.Sqrt(avgSq[j] + eps);
                theta[j] = theta[j] - lr * gj / rms;
            }
        }
    }
}
