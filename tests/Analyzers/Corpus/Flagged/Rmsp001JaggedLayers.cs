using System;

namespace Perceptron
{
    public class RmsPropTrainer
    {
        private readonly double[][] _cache;
        private const double Decay = 0.9, Lr = 0.001, Eps = 1e-6;

        public RmsPropTrainer(double[][] weights)
        {
            _cache = new double[weights.Length][];
            for (int l = 0; l < weights.Length; l++) _cache[l] = new double[weights[l].Length];
        }

        public void Update(double[][] weights, double[][] grads)
        {
            for (int l = 0; l < weights.Length; l++)
                for (int j = 0; j < weights[l].Length; j++)
                {
                    _cache[l][j] = Decay * _cache[l][j] + (1 - Decay) * {|RMSP001:grads[l][j]|};
                    weights[l][j] -= Lr * grads[l][j] / (Math.Sqrt(_cache[l][j]) + Eps);
                }
        }
    }
}
