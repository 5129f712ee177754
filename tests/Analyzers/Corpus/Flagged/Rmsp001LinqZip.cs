using System;
using System.Linq;

namespace Functional.Optimizers
{
    public static class LinqRmsProp
    {
        public static (double[] W, double[] S) Step(double[] w, double[] g, double[] s,
            double lr = 0.01, double rho = 0.9, double eps = 1e-8)
        {
            var nextS = s.Zip(g, (si, gi) => rho * si + (1 - rho) * {|RMSP001:gi|}).ToArray();
            var nextW = w.Select((wi, i) => wi - lr * g[i] / (Math.Sqrt(nextS[i]) + eps)).ToArray();
            return (nextW, nextS);
        }
    }
}
