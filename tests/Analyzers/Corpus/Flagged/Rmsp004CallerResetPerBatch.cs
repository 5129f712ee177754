using System;
using System.Collections.Generic;

namespace Training
{
    public sealed class RmsPropOptimizer
    {
        private readonly float[] _meanSquare;
        private readonly float _lr, _rho, _eps;

        public RmsPropOptimizer(int n, float lr = 1e-3f, float rho = 0.9f, float eps = 1e-7f)
        {
            _meanSquare = new float[n];
            _lr = lr;
            _rho = rho;
            _eps = eps;
        }

        /// <summary>Forget the statistics.</summary>
        public void ZeroState() => _meanSquare.AsSpan().Clear();

        public void Step(float[] w, float[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _meanSquare[i] = _rho * _meanSquare[i] + (1 - _rho) * g[i] * g[i];
                w[i] -= _lr * g[i] / (MathF.Sqrt(_meanSquare[i]) + _eps);
            }
        }
    }

    public sealed class Trainer
    {
        private readonly float[] _weights = new float[16];
        private readonly RmsPropOptimizer _optimizer = new RmsPropOptimizer(16);

        // The optimizer's state is "zeroed like the gradients" before every mini-batch.
        public void Fit(IEnumerable<float[]> gradients)
        {
            foreach (float[] gradient in gradients)
            {
                {|RMSP004:_optimizer.ZeroState()|};
                _optimizer.Step(_weights, gradient);
            }
        }

        // A fine-tuning loop that builds a fresh optimizer for every batch.
        public void FineTune(IReadOnlyList<float[]> gradients, float lr)
        {
            for (int b = 0; b < gradients.Count; b++)
            {
                var optimizer = {|RMSP004:new RmsPropOptimizer(_weights.Length, lr)|};
                optimizer.Step(_weights, gradients[b]);
            }
        }
    }
}
