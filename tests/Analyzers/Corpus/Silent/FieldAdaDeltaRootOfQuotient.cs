using System;

namespace FieldAdaDelta
{
    /// <summary>
    /// AdaDelta with one root of the quotient of its two averages, both with epsilon (field test, harujoh/KelpNet
    /// KelpNet.Function/Optimizers/AdaDelta.cs); the state and the decay arrive as parameters. Correct.
    /// </summary>
    public static class AdaDeltaUpdate
    {
        public static void Update(double[] w, double[] g, double[] msg, double[] msdx, double rho, double epsilon)
        {
            for (int i = 0; i < w.Length; i++)
            {
                double grad = g[i];
                msg[i] *= rho;
                msg[i] += (1 - rho) * grad * grad;
                double dx = Math.Sqrt((msdx[i] + epsilon) / (msg[i] + epsilon)) * grad;
                msdx[i] *= rho;
                msdx[i] += (1 - rho) * dx * dx;
                w[i] -= dx;
            }
        }
    }
}
