using System;

namespace Numerics.Training
{
    public sealed class SpanRmsProp
    {
        private readonly float[] _state;
        private readonly float _lr = 0.01f, _rho = 0.99f, _eps = 1e-8f;

        public SpanRmsProp(int n) { _state = new float[n]; }

        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
            Span<float> meanSquare = _state;
            {|RMSP004:meanSquare.Clear()|};
            for (int i = 0; i < parameters.Length; i++)
            {
                meanSquare[i] = _rho * meanSquare[i] + (1 - _rho) * gradients[i] * gradients[i];
                parameters[i] -= _lr * gradients[i] / (MathF.Sqrt(meanSquare[i]) + _eps);
            }
        }
    }
}
