using System;

namespace Training
{
    public class MiniBatchRmsProp
    {
        private readonly float[] _cache;
        private readonly float _decay = 0.99f;
        private readonly float _lr = 1e-3f;
        private readonly float _eps = 1e-8f;

        public MiniBatchRmsProp(int n) { _cache = new float[n]; }

        public void Step(float[] w, float[] gradSum, int batchSize)
        {
            float scale = 1f / batchSize;
            for (int i = 0; i < w.Length; i++)
            {
                float grad = gradSum[i] * scale;
                _cache[i] = _decay * _cache[i] + (1 - _decay) * {|RMSP001:grad|} * scale;
                w[i] -= _lr * grad / (MathF.Sqrt(_cache[i]) + _eps);
            }
        }
    }
}
