using System;

namespace Game.Learning
{
    public sealed class FloatRmsProp
    {
        private float[] _sq = Array.Empty<float>();
        private readonly float _lr = 1e-3f, _decay = 0.9f, _eps = 1e-7f;

        public void Apply(float[] parameters, float[] grad)
        {
            _sq = {|RMSP004:new float[parameters.Length]|};
            for (int k = 0; k < parameters.Length; k++)
            {
                _sq[k] = _decay * _sq[k] + (1 - _decay) * grad[k] * grad[k];
                parameters[k] -= _lr * grad[k] / (MathF.Sqrt(_sq[k]) + _eps);
            }
        }
    }
}
