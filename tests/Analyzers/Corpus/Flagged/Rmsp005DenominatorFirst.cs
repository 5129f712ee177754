using System;

namespace Regression
{
    public class LinearFit
    {
        private double _w, _s;
        private const double Gamma = 0.9, Lr = 0.1, Eps = 1e-8;

        public void Fit(double[] xs, double[] ys)
        {
            for (int i = 0; i < xs.Length; i++)
            {
                double grad = -(ys[i] - _w * xs[i]) * xs[i];
                double denom = Math.Sqrt({|RMSP005:_s|} + Eps);
                _s = Gamma * _s + (1 - Gamma) * grad * grad;
                _w -= Lr * grad / denom;
            }
        }
    }
}
