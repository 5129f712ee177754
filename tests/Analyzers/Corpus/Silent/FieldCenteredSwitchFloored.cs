using System;

namespace FieldCenteredSwitch
{
    /// <summary>
    /// RMSProp with a centered switch whose variance is floored at 0 before the root (field test: okozelsk/EasyML
    /// RMSProp.cs takes the same root without the floor, item for RMSP008). Correct.
    /// </summary>
    public sealed class RmsPropCenteredSwitchFloored
    {
        private readonly double[] _s, _g;
        private readonly double _alpha = 0.99, _lr = 0.01, _eps = 1e-8;
        private readonly bool _centered;

        public RmsPropCenteredSwitchFloored(int n, bool centered)
        {
            _s = new double[n]; _g = new double[n]; _centered = centered;
        }

        public void Update(double[] w, double[] grads)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _s[i] = _alpha * _s[i] + (1d - _alpha) * grads[i] * grads[i];
                double avg;
                if (_centered)
                {
                    _g[i] = _alpha * _g[i] + (1d - _alpha) * grads[i];
                    avg = Math.Max(_s[i] - _g[i] * _g[i], 0d);
                }
                else
                {
                    avg = _s[i];
                }
                avg = Math.Sqrt(avg) + _eps;
                w[i] += -_lr * grads[i] / avg;
            }
        }
    }
}
