using System;

// Reduced from okozelsk/EasyML (EasyMLCore/MLP/Model/Network/Optimizer/RMSProp.cs, by mutation): the decay is read
// from a configuration object (`_cfg.Alpha`, a get-only property set from the config's constructor), as EasyML,
// TorchSharp (`options.alpha.Value`) and options classes generally do. Its weights swapped: 1 - alpha on the old
// average, alpha on the new term.
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
            _s[i] = {|RMSP003:(1d - _cfg.Alpha) * _s[i] + _cfg.Alpha * grads[i] * grads[i]|};
            w[i] += -_lr * grads[i] / (Math.Sqrt(_s[i]) + _eps);
        }
    }
}
