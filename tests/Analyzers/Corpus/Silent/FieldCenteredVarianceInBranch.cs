using System;

// Reduced from okozelsk/EasyML (EasyMLCore/MLP/Model/Network/Optimizer/RMSProp.cs): the centered switch with the
// variance floored at 0 before the root, in the branch that computes it, or at the root for both branches.
public sealed class RmsPropCentered
{
    private readonly double[] _s, _g;
    private readonly double _alpha = 0.99, _lr = 0.01;
    private readonly bool _centered;

    public RmsPropCentered(int n, bool centered)
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
            avg = Math.Sqrt(avg) + 1e-8;
            w[i] += -_lr * grads[i] / avg;
        }
    }

    public void UpdateFlooredAtTheRoot(double[] w, double[] grads)
    {
        for (int i = 0; i < w.Length; i++)
        {
            _s[i] = _alpha * _s[i] + (1d - _alpha) * grads[i] * grads[i];
            double avg;
            if (_centered)
            {
                _g[i] = _alpha * _g[i] + (1d - _alpha) * grads[i];
                avg = _s[i] - _g[i] * _g[i];
            }
            else
            {
                avg = _s[i];
            }
            avg = Math.Sqrt(Math.Max(avg, 0d)) + 1e-8;
            w[i] += -_lr * grads[i] / avg;
        }
    }
}
