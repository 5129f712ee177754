using System;

namespace Numerics.Training
{
    public static class RmsPropKernel
    {
        public static void Step(Span<float> parameters, ReadOnlySpan<float> grads, Span<float> cache,
            float lr, float decay, float eps)
        {
            for (int i = 0; i < parameters.Length; i++)
            {
                cache[i] = decay * cache[i] + (1f - decay) * {|RMSP001:grads[i]|};
                parameters[i] -= lr * grads[i] / MathF.Sqrt(cache[i] + eps);
            }
        }
    }
}
