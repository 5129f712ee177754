using System;

namespace Optim
{
    public class LerpRmsProp
    {
        private readonly float[] _v;
        private readonly float _alpha;
        private readonly float _lr;
        private readonly float _eps;

        public LerpRmsProp(int n, float lr = 1e-2f, float alpha = 0.99f, float eps = 1e-8f)
        {
            _v = new float[n];
            _lr = lr;
            _alpha = alpha;
            _eps = eps;
        }

        public void Step(float[] p, float[] grad)
        {
            for (int i = 0; i < p.Length; i++)
            {
                // v <- v + (1 - alpha)(g^2 - v), the same average written as a lerp towards g^2.
                _v[i] += (1 - _alpha) * (grad[i] * grad[i] - _v[i]);
                p[i] -= _lr * grad[i] / (MathF.Sqrt(_v[i]) + _eps);
            }
        }
    }
}
