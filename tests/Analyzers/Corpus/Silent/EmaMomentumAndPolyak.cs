using System;

namespace Training.Averaging
{
    /// <summary>SGD whose momentum is an EMA of raw gradients, plus Polyak averaging of the weights for evaluation.</summary>
    public sealed class EmaMomentumSgd
    {
        private readonly double[] _avgGrad;
        private readonly double[] _shadowWeights;
        private readonly double _beta = 0.9;
        private readonly double _lr = 0.05;
        private readonly double _emaDecay = 0.999;

        public EmaMomentumSgd(double[] initialWeights)
        {
            _avgGrad = new double[initialWeights.Length];
            _shadowWeights = (double[])initialWeights.Clone();
        }

        public ReadOnlySpan<double> EvaluationWeights => _shadowWeights;

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _avgGrad[i] = _beta * _avgGrad[i] + (1 - _beta) * g[i];
                w[i] -= _lr * _avgGrad[i];
                _shadowWeights[i] = _emaDecay * _shadowWeights[i] + (1 - _emaDecay) * w[i];
            }
        }
    }
}
