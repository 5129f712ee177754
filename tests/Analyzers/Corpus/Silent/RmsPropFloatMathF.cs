using System;

namespace Game.Learning
{
    public sealed class FloatRmsProp
    {
        public float LearningRate = 1e-3f;
        public float Decay = 0.9f;
        public float Epsilon = 1e-7f;

        private float[] _sq;

        public FloatRmsProp(int size)
        {
            _sq = new float[size];
        }

        public void Apply(float[] parameters, float[] grad)
        {
            for (var k = 0; k < parameters.Length; ++k)
            {
                _sq[k] = Decay * _sq[k] + (1f - Decay) * grad[k] * grad[k];
                parameters[k] -= LearningRate * grad[k] / (MathF.Sqrt(_sq[k]) + Epsilon);
            }
        }
    }
}
