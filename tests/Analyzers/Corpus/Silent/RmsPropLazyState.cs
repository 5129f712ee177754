using System;

namespace Lazy.Optimizers
{
    public class LazyRmsProp
    {
        private double[]? _cache;
        private float[]? _floatCache;
        public double LearningRate { get; init; } = 0.01;
        public double Decay { get; init; } = 0.9;
        public double Epsilon { get; init; } = 1e-8;

        public void Step(double[] w, double[] g)
        {
            // Created on the first step only; every later step keeps averaging into it.
            if (_cache == null || _cache.Length != w.Length)
            {
                _cache = new double[w.Length];
            }

            for (int i = 0; i < w.Length; i++)
            {
                _cache[i] = Decay * _cache[i] + (1 - Decay) * g[i] * g[i];
                w[i] -= LearningRate * g[i] / (Math.Sqrt(_cache[i]) + Epsilon);
            }
        }

        public void Step(float[] w, float[] g)
        {
            _floatCache ??= new float[w.Length];
            float decay = (float)Decay, lr = (float)LearningRate, eps = (float)Epsilon;
            for (int i = 0; i < w.Length; i++)
            {
                _floatCache[i] = decay * _floatCache[i] + (1 - decay) * g[i] * g[i];
                w[i] -= lr * g[i] / (MathF.Sqrt(_floatCache[i]) + eps);
            }
        }
    }
}
