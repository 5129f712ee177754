using System;

namespace Embeddings
{
    public sealed class CooccurrenceFit
    {
        private readonly double[] _weights;
        private readonly double[] _gradSq;
        private readonly double _learningRate = 0.05;

        public CooccurrenceFit(int n)
        {
            _weights = new double[n];
            _gradSq = new double[n];
            // Starting the squared-gradient sums at 1 keeps every denominator at least 1, so no epsilon is needed.
            Array.Fill(_gradSq, 1.0);
        }

        public void Step(double[] gradients)
        {
            for (int k = 0; k < _weights.Length; k++)
            {
                _gradSq[k] += gradients[k] * gradients[k];
                _weights[k] -= _learningRate * gradients[k] / Math.Sqrt(_gradSq[k]);
            }
        }
    }
}
