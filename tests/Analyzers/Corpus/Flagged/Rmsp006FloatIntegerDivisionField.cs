using System;

namespace Game.Learning
{
    public sealed class FloatRmsProp
    {
        private readonly float[] _cache;
        private readonly float _decay = {|RMSP006:99 / 100|};
        private readonly float _lr = 1e-3f, _eps = 1e-7f;

        public FloatRmsProp(int n) => _cache = new float[n];

        public void Apply(float[] parameters, float[] grad)
        {
            for (int k = 0; k < parameters.Length; k++)
            {
                _cache[k] = _decay * _cache[k] + (1 - _decay) * grad[k] * grad[k];
                parameters[k] -= _lr * grad[k] / (MathF.Sqrt(_cache[k]) + _eps);
            }
        }
    }
}
