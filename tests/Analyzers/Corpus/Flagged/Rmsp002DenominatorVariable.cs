using System;

namespace Regression
{
    public class LinearFit
    {
        private double _w, _s;
        private const double Gamma = 0.9, Lr = 0.1;

        public void Fit(double[] xs, double[] ys)
        {
            for (int i = 0; i < xs.Length; i++)
            {
                double grad = -(ys[i] - _w * xs[i]) * xs[i];
                _s = Gamma * _s + (1 - Gamma) * grad * grad;
                double denom = {|RMSP002:Math.Sqrt(_s)|};
                _w -= Lr * grad / denom;
            }
        }
    }
}
