using System;

namespace Optim
{
    public class LerpRmsProp
    {
        private readonly double[] _v;
        private readonly double _alpha = 0.99, _lr = 0.01, _eps = 1e-8;

        public LerpRmsProp(int n) { _v = new double[n]; }

        public void Step(double[] p, double[] grad)
        {
            for (int i = 0; i < p.Length; i++)
            {
                _v[i] += (1 - _alpha) * ({|RMSP001:grad[i]|} - _v[i]);
                p[i] -= _lr * grad[i] / (Math.Sqrt(_v[i]) + _eps);
            }
        }
    }
}
