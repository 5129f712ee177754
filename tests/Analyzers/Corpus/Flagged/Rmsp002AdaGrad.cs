using System;

namespace Classic.Optimizers
{
    public sealed class AdaGrad
    {
        private readonly double[] _G;
        private readonly double _lr;

        public AdaGrad(int n, double lr = 0.1) { _G = new double[n]; _lr = lr; }

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _G[i] += g[i] * g[i];
                w[i] -= _lr * g[i] / {|RMSP002:Math.Sqrt(_G[i])|};
            }
        }
    }
}
