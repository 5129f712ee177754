using System;
using System.Linq;

namespace Rnn.Training
{
    public sealed class ClippedRmsProp
    {
        private readonly float[] _ms;
        private readonly float _clip;
        private readonly float _lr = 2e-3f;
        private readonly float _decay = 0.95f;
        private readonly float _eps = 1e-8f;

        public ClippedRmsProp(int n, float clip = 5f)
        {
            _ms = new float[n];
            _clip = clip;
        }

        public void Step(float[] w, float[] g)
        {
            float norm = MathF.Sqrt(g.Sum(x => x * x));
            float scale = norm > _clip ? _clip / norm : 1f;
            for (int i = 0; i < w.Length; i++)
            {
                float gi = g[i] * scale;
                _ms[i] = _decay * _ms[i] + (1 - _decay) * gi * gi;
                w[i] -= _lr * gi / (MathF.Sqrt(_ms[i]) + _eps);
            }
        }
    }
}
