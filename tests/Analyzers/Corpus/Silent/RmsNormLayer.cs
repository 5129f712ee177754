using System;

namespace Llm.Layers
{
    public sealed class RmsNorm
    {
        private readonly float[] _weight;
        private readonly float _eps;

        public RmsNorm(int dim, float eps = 1e-6f)
        {
            _weight = new float[dim];
            Array.Fill(_weight, 1f);
            _eps = eps;
        }

        public void Forward(Span<float> x)
        {
            float ss = 0f;
            foreach (var v in x) ss += v * v;
            ss /= x.Length;
            float inv = 1f / MathF.Sqrt(ss + _eps);
            for (int i = 0; i < x.Length; i++) x[i] = x[i] * inv * _weight[i];
        }
    }
}
