using System;

namespace Clipped.Optim
{
    // Both branches square what they clip: gradients inside the range square themselves, clipped ones square the clip.
    public sealed class ClippedRmsProp
    {
        private readonly double[] _ms;
        private readonly double _rho = 0.9, _lr = 0.01, _eps = 1e-8, _clip = 5.0;

        public ClippedRmsProp(int n) { _ms = new double[n]; }

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                double squared;
                if (Math.Abs(g[i]) <= _clip)
                {
                    squared = g[i] * g[i];
                }
                else
                {
                    squared = _clip * _clip;
                }

                _ms[i] = _rho * _ms[i] + (1 - _rho) * squared;
                w[i] -= _lr * Math.Clamp(g[i], -_clip, _clip) / (Math.Sqrt(_ms[i]) + _eps);
            }
        }
    }
}
