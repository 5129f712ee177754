using System;

namespace Audio.Metering
{
    /// <summary>A level meter: exponentially averaged power, shown in dBFS.</summary>
    public sealed class RmsMeter
    {
        private readonly float _coefficient;
        private float _meanSquare;

        public RmsMeter(float sampleRate, float integrationMs = 300f)
        {
            _coefficient = MathF.Exp(-1f / (sampleRate * integrationMs / 1000f));
        }

        public void Process(ReadOnlySpan<float> block)
        {
            foreach (var sample in block)
                _meanSquare = _coefficient * _meanSquare + (1 - _coefficient) * sample * sample;
        }

        public float Rms => MathF.Sqrt(_meanSquare);

        public float Dbfs => 20f * MathF.Log10(MathF.Max(Rms, 1e-9f));
    }
}
