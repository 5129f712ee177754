using System;

namespace FieldAmsGradConditionalMutations
{
    /// <summary>
    /// Reduced from okozelsk/EasyML (EasyMLCore/MLP/Model/Network/Optimizer/Adabelief.cs and Adam.cs): the belief
    /// (the average of the squared deviation of the gradient from its mean) goes under a root whose operand is an
    /// AMSGrad switch, and the division sits in a conditional that tests for an exact zero, which guards nothing.
    /// Each step has ONE mistake of the field test's mutations; the correct original is
    /// Silent/FieldAmsGradConditionalRoot.cs.
    /// </summary>
    public sealed class AdaBeliefWithAmsGrad
    {
        private readonly double[] _m, _s, _maxS;
        private readonly double _beta1 = 0.9, _beta2 = 0.999, _lr = 0.001, _eps = 1e-16;
        private readonly bool _amsgrad;

        public AdaBeliefWithAmsGrad(int n, bool amsgrad)
        {
            _m = new double[n]; _s = new double[n]; _maxS = new double[n]; _amsgrad = amsgrad;
        }

        // The belief's weights are swapped.
        public void SwappedBelief(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _m[i] = _beta1 * _m[i] + (1d - _beta1) * g[i];
                double deviation = g[i] - _m[i];
                _s[i] = {|RMSP003:(1d - _beta2) * _s[i] + _beta2 * deviation * deviation|};
                _maxS[i] = Math.Max(_maxS[i], _s[i]);
                double denominator = Math.Sqrt(_amsgrad ? _maxS[i] : _s[i]) + _eps;
                w[i] -= _lr * (denominator == 0d ? 0d : _m[i] / denominator);
            }
        }

        // The epsilon is gone; the zero test stays.
        public void NoEpsilon(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _m[i] = _beta1 * _m[i] + (1d - _beta1) * g[i];
                double deviation = g[i] - _m[i];
                _s[i] = _beta2 * _s[i] + (1d - _beta2) * deviation * deviation;
                _maxS[i] = Math.Max(_maxS[i], _s[i]);
                double denominator = {|RMSP002:Math.Sqrt(_amsgrad ? _maxS[i] : _s[i])|};
                w[i] -= _lr * (denominator == 0d ? 0d : _m[i] / denominator);
            }
        }

        // The second moment takes the raw gradient (Adam's form of the same optimizer).
        public void RawGradient(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _m[i] = _beta1 * _m[i] + (1d - _beta1) * g[i];
                _s[i] = _beta2 * _s[i] + (1d - _beta2) * {|RMSP001:g[i]|};
                _maxS[i] = Math.Max(_maxS[i], _s[i]);
                double denominator = Math.Sqrt(_amsgrad ? _maxS[i] : _s[i]) + _eps;
                w[i] -= _lr * (denominator == 0d ? 0d : _m[i] / denominator);
            }
        }
    }
}
