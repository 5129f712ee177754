using System;

namespace Game.Learning
{
    public sealed class AgentOptimizer
    {
        private readonly float _learningRate = 0.001f;

        public void Apply(float[] weights, float[] grad)
        {
            for (int i = 0; i < weights.Length; i++)
            {
                weights[i] -= _learningRate * grad[i] / ({|RMSP007:MathF.Sqrt(MathF.Pow(grad[i], 2))|} + 1e-6f);
            }
        }
    }
}
