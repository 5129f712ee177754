using System;

namespace Numerics.Training
{
    public static class RmsPropKernel
    {
        /// <summary>One in-place RMSProp step over spans, so callers can pass slices of a flat parameter buffer.</summary>
        public static void Step(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> meanSquare,
            float learningRate, float rho, float epsilon)
        {
            if (parameters.Length != gradients.Length || parameters.Length != meanSquare.Length)
                throw new ArgumentException("Spans must have the same length.");

            for (int i = 0; i < parameters.Length; i++)
            {
                float g = gradients[i];
                ref float s = ref meanSquare[i];
                s = rho * s + (1 - rho) * g * g;
                parameters[i] -= learningRate * g / (MathF.Sqrt(s) + epsilon);
            }
        }
    }
}
