using System;

// Reduced from okozelsk/EasyML (EasyMLCore/MLP/Model/Network/Optimizer/RMSProp.cs): the decay read from a
// configuration object, alpha on the old average and 1 - alpha on the new term, as EasyML writes it. Correct.
public sealed class RmsPropConfig
{
    public double Alpha { get; }
    public RmsPropConfig(double alpha) => Alpha = alpha;
}

public sealed class RmsPropFromConfig
{
    private readonly double[] _s;
    private readonly RmsPropConfig _cfg;
    private readonly double _lr = 0.01, _eps = 1e-8;

    public RmsPropFromConfig(int n, RmsPropConfig cfg)
    {
        _s = new double[n]; _cfg = cfg;
    }

    public void Update(double[] w, double[] grads)
    {
        for (int i = 0; i < w.Length; i++)
        {
            _s[i] = _cfg.Alpha * _s[i] + (1d - _cfg.Alpha) * grads[i] * grads[i];
            w[i] += -_lr * grads[i] / (Math.Sqrt(_s[i]) + _eps);
        }
    }
}
