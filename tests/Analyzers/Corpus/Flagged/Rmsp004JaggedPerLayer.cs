using System;

namespace Perceptron
{
    public class LayerwiseRmsProp
    {
        private readonly double[][] _cache;
        private const double Lr = 0.001, Decay = 0.9, Eps = 1e-6;

        public LayerwiseRmsProp(int layers) { _cache = new double[layers][]; }

        public void Update(double[][] weights, double[][] grads)
        {
            for (int l = 0; l < weights.Length; l++)
            {
                _cache[l] = {|RMSP004:new double[weights[l].Length]|};
                for (int j = 0; j < weights[l].Length; j++)
                {
                    _cache[l][j] = Decay * _cache[l][j] + (1 - Decay) * grads[l][j] * grads[l][j];
                    weights[l][j] -= Lr * grads[l][j] / (Math.Sqrt(_cache[l][j]) + Eps);
                }
            }
        }
    }
}
