using System;

namespace Game.Learning
{
    public sealed class FloatRmsProp
    {
        private readonly float[] _cache;
        private readonly float _decay = 0.9f, _lr = 1e-3f, _eps = 1e-7f;

        public FloatRmsProp(int n) => _cache = new float[n];

        public void Apply(float[] parameters, float[] grad)
        {
            for (int i = 0; i < parameters.Length; i++)
            {
                _cache[i] = {|RMSP003:(1f - _decay) * _cache[i] + _decay * MathF.Pow(grad[i], 2)|};
                parameters[i] -= _lr * grad[i] / (MathF.Sqrt(_cache[i]) + _eps);
            }
        }
    }
}
