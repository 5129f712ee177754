using System;

namespace Mobile.Training
{
    public sealed class CenteredRmsPropF
    {
        private readonly float[] _ms, _mg;
        private readonly float _rho = 0.95f, _lr = 0.01f, _eps = 1e-6f;

        public CenteredRmsPropF(int n) { _ms = new float[n]; _mg = new float[n]; }

        public void Step(float[] w, float[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _ms[i] = _rho * _ms[i] + (1 - _rho) * g[i] * g[i];
                _mg[i] = _rho * _mg[i] + (1 - _rho) * g[i];
                w[i] -= _lr * g[i] / (MathF.Sqrt({|RMSP008:_ms[i] - MathF.Pow(_mg[i], 2)|}) + _eps);
            }
        }
    }
}
