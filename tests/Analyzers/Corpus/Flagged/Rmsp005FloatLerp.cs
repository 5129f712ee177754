using System;

namespace Optim
{
    public class LerpRmsProp
    {
        private readonly float[] _v;
        private readonly float _alpha = 0.99f, _lr = 0.01f, _eps = 1e-8f;

        public LerpRmsProp(int n) { _v = new float[n]; }

        public void Step(float[] p, float[] grad)
        {
            for (int i = 0; i < p.Length; i++)
            {
                p[i] -= _lr * grad[i] / MathF.Sqrt({|RMSP005:_v[i]|} + _eps);
                _v[i] += (1 - _alpha) * (grad[i] * grad[i] - _v[i]);
            }
        }
    }
}
