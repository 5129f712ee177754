using System;

namespace Transformers.Training
{
    public sealed class AdamW
    {
        private readonly float[] _exp_avg;
        private readonly float[] _exp_avg_sq;
        private readonly float _lr, _beta1, _beta2, _eps, _weightDecay;
        private int _step;

        public AdamW(int n, float lr = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f, float weightDecay = 1e-2f)
        {
            _exp_avg = new float[n];
            _exp_avg_sq = new float[n];
            _lr = lr; _beta1 = beta1; _beta2 = beta2; _eps = eps; _weightDecay = weightDecay;
        }

        public void Step(Span<float> param, ReadOnlySpan<float> grad)
        {
            _step++;
            float biasCorrection1 = 1 - MathF.Pow(_beta1, _step);
            float biasCorrection2 = 1 - MathF.Pow(_beta2, _step);
            float stepSize = _lr / biasCorrection1;
            float bc2Sqrt = MathF.Sqrt(biasCorrection2);

            for (int i = 0; i < param.Length; i++)
            {
                param[i] *= 1 - _lr * _weightDecay;
                _exp_avg[i] += (grad[i] - _exp_avg[i]) * (1 - _beta1);
                _exp_avg_sq[i] = _exp_avg_sq[i] * _beta2 + (1 - _beta2) * grad[i] * grad[i];
                float denom = MathF.Sqrt(_exp_avg_sq[i]) / bc2Sqrt + _eps;
                param[i] -= stepSize * _exp_avg[i] / denom;
            }
        }
    }
}
