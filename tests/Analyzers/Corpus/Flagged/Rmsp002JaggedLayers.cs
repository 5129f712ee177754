using System;

namespace Perceptron
{
    public class Trainer
    {
        private readonly double[][] _cache;
        private readonly double _lr, _decay;

        public Trainer(double[][] weights, double lr = 0.001, double decay = 0.9)
        {
            _lr = lr;
            _decay = decay;
            _cache = new double[weights.Length][];
            for (int l = 0; l < weights.Length; l++) _cache[l] = new double[weights[l].Length];
        }

        public void Update(double[][] weights, double[][] grads)
        {
            for (int l = 0; l < weights.Length; l++)
                for (int j = 0; j < weights[l].Length; j++)
                {
                    _cache[l][j] = _decay * _cache[l][j] + (1 - _decay) * Math.Pow(grads[l][j], 2);
                    weights[l][j] -= _lr / {|RMSP002:Math.Sqrt(_cache[l][j])|} * grads[l][j];
                }
        }
    }
}
