using System;

namespace Optimizers.Variants
{
    public class AmsGrad
    {
        private readonly double[] m, v, vMax;
        private readonly double lr, b1, b2, eps;

        public AmsGrad(int n, double lr = 0.001, double b1 = 0.9, double b2 = 0.999, double eps = 1e-8)
        {
            m = new double[n]; v = new double[n]; vMax = new double[n];
            this.lr = lr; this.b1 = b1; this.b2 = b2; this.eps = eps;
        }

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * Math.Pow(g[i], 2);
                vMax[i] = Math.Max(vMax[i], v[i]);
                w[i] -= lr * m[i] / (Math.Sqrt(vMax[i]) + eps);
            }
        }
    }
}
