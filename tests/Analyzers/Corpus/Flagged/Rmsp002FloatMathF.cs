using System;

namespace Game.Learning
{
    public sealed class FloatRmsProp
    {
        private readonly float[] _cache;
        public float LearningRate = 1e-3f;
        public float Decay = 0.9f;

        public FloatRmsProp(int n) => _cache = new float[n];

        public void Apply(float[] parameters, float[] grad)
        {
            for (int k = 0; k < parameters.Length; k++)
            {
                _cache[k] = Decay * _cache[k] + (1 - Decay) * grad[k] * grad[k];
                parameters[k] -= LearningRate * grad[k] / {|RMSP002:MathF.Sqrt(_cache[k])|};
            }
        }
    }
}
