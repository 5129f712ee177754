using System;

namespace Perceptron
{
    public class Trainer
    {
        private readonly double[][] _cache;
        private const double Lr = 0.001, Decay = 0.9, Eps = 1e-6;

        public Trainer(double[][] weights)
        {
            _cache = new double[weights.Length][];
            for (int l = 0; l < weights.Length; l++) _cache[l] = new double[weights[l].Length];
        }

        public void Update(double[][] weights, double[][] grads)
        {
            for (int l = 0; l < weights.Length; l++)
                for (int j = 0; j < weights[l].Length; j++)
                {
                    var rms = Math.Sqrt({|RMSP005:_cache[l][j]|}) + Eps;
                    _cache[l][j] = Decay * _cache[l][j] + (1 - Decay) * grads[l][j] * grads[l][j];
                    weights[l][j] -= Lr * grads[l][j] / rms;
                }
        }
    }
}
