using System;

namespace Audio.Dynamics
{
    public sealed class AutomaticGainControl
    {
        private readonly float _targetRms;
        private readonly float _smoothing;
        private float _power;

        public AutomaticGainControl(float targetRms = 0.1f, float smoothing = 0.999f)
        {
            _targetRms = targetRms;
            _smoothing = smoothing;
        }

        public void Process(Span<float> samples)
        {
            for (int i = 0; i < samples.Length; i++)
            {
                float x = samples[i];
                _power = _smoothing * _power + (1 - _smoothing) * x * x;
                float gain = _targetRms / MathF.Max(MathF.Sqrt(_power), 1e-6f);
                samples[i] = x * MathF.Min(gain, 10f);
            }
        }
    }
}
