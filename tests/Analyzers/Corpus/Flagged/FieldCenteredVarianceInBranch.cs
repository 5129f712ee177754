using System;

// Reduced from okozelsk/EasyML (EasyMLCore/MLP/Model/Network/Optimizer/RMSProp.cs), unmutated: RMSProp with a
// `Centered` switch, the PyTorch-style flag beside the plain variant. The quantity under the root is a local set in
// an if/else (`avg = s - g*g` or `avg = s`) and then rooted in place; the centered variance has no floor at 0.
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
                avg = _s[i] - _g[i] * _g[i];
            }
            else
            {
                avg = _s[i];
            }
            avg = Math.Sqrt({|RMSP008:avg|}) + 1e-8;
            w[i] += -_lr * grads[i] / avg;
        }
    }
}
