using System;

namespace Pipelined.Optim
{
    // The next coordinate's square is fetched at the bottom of each pass and carried round the loop to the next
    // update, squared on both definitions.
    public sealed class PipelinedRmsProp
    {
        private readonly float[] _avg;
        private readonly float _decay = 0.99f, _lr = 1e-3f, _eps = 1e-6f;

        public PipelinedRmsProp(int n) { _avg = new float[n]; }

        public void Step(float[] w, float[] g)
        {
            float next = g[0] * g[0];
            for (int i = 0; i < w.Length; i++)
            {
                _avg[i] = _decay * _avg[i] + (1 - _decay) * next;
                w[i] -= _lr * g[i] / (MathF.Sqrt(_avg[i]) + _eps);
                if (i + 1 < g.Length)
                {
                    next = g[i + 1] * g[i + 1];
                }
            }
        }
    }
}
