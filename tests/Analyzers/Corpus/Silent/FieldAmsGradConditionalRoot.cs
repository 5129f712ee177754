using System;

namespace FieldAmsGradSwitch
{
    /// <summary>
    /// Adam with an AMSGrad switch: the root's operand is a conditional between the running maximum and the average,
    /// and the division is guarded against an exact zero (field test, okozelsk/EasyML
    /// EasyMLCore/MLP/Model/Network/Optimizer/Adam.cs). Correct: the epsilon follows the root.
    /// </summary>
    public sealed class AdamWithAmsGradSwitch
    {
        private readonly double[] _m, _v, _maxV;
        private readonly double _beta1 = 0.9, _beta2 = 0.999, _lr = 0.001, _eps = 1e-8;
        private readonly bool _amsgrad;

        public AdamWithAmsGradSwitch(int n, bool amsgrad)
        {
            _m = new double[n]; _v = new double[n]; _maxV = new double[n]; _amsgrad = amsgrad;
        }

        public void Update(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _m[i] = _beta1 * _m[i] + (1d - _beta1) * g[i];
                _v[i] = _beta2 * _v[i] + (1d - _beta2) * g[i] * g[i];
                _maxV[i] = Math.Max(_maxV[i], _v[i]);
                double denominator = Math.Sqrt(_amsgrad ? _maxV[i] : _v[i]) + _eps;
                w[i] += -_lr * (denominator == 0d ? 0d : _m[i] / denominator);
            }
        }
    }
}
