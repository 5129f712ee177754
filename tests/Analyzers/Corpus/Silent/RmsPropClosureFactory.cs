using System;

namespace Functional.Training
{
    public delegate void ParameterUpdate(float[] weights, float[] gradients);

    public static class UpdaterFactory
    {
        /// <summary>
        /// The state is allocated once by the factory and captured by the returned update, which runs every step.
        /// </summary>
        public static ParameterUpdate RmsProp(int parameterCount, float eta = 0.001f, float rho = 0.9f, float epsilon = 1e-6f)
        {
            var meanSquare = new float[parameterCount];

            void Update(float[] weights, float[] gradients)
            {
                for (int x = 0; x < weights.Length; x++)
                {
                    float g = gradients[x];
                    meanSquare[x] = rho * meanSquare[x] + (1 - rho) * g * g;
                    weights[x] -= eta * g / (MathF.Sqrt(meanSquare[x]) + epsilon);
                }
            }

            return Update;
        }

        public static ParameterUpdate AdaGrad(int parameterCount, float eta = 0.01f, float epsilon = 1e-8f)
        {
            var sumOfSquares = new float[parameterCount];
            return (weights, gradients) =>
            {
                for (int x = 0; x < weights.Length; x++)
                {
                    sumOfSquares[x] += gradients[x] * gradients[x];
                    weights[x] -= eta * gradients[x] / (MathF.Sqrt(sumOfSquares[x]) + epsilon);
                }
            };
        }
    }
}
