using System;

namespace Signal.Adaptive
{
    public sealed class NormalizedLms
    {
        private readonly double _mu = 0.05;

        public void Adapt(double[] taps, double[] grad)
        {
            for (int k = 0; k < taps.Length; k++)
            {
                taps[k] -= _mu * grad[k] * {|RMSP007:Math.Pow(grad[k] * grad[k] + 1e-12, -0.5)|};
            }
        }
    }
}
