using System;

namespace Classic.Optimizers
{
    public sealed class MomentumSgd
    {
        private readonly double[] _velocity;
        private readonly double _lr;
        private readonly double _momentum;
        private readonly double _weightDecay;

        public MomentumSgd(int n, double lr = 0.1, double momentum = 0.9, double weightDecay = 5e-4)
        {
            _velocity = new double[n];
            _lr = lr;
            _momentum = momentum;
            _weightDecay = weightDecay;
        }

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                double grad = g[i] + _weightDecay * w[i];
                _velocity[i] = _momentum * _velocity[i] + grad;
                w[i] -= _lr * _velocity[i];
            }
        }
    }
}
