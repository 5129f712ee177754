using System;

namespace Moments.Optim
{
    // Both moments come back from one helper as a tuple and are stored from locals; the helper's second moment
    // averages the raw gradient.
    public sealed class MomentumRmsProp
    {
        private readonly double[] _sq, _mom;
        private readonly double _rho = 0.9, _beta = 0.9, _lr = 0.01, _eps = 1e-8;

        public MomentumRmsProp(int n)
        {
            _sq = new double[n];
            _mom = new double[n];
        }

        private (double Square, double Momentum) Moments(double square, double momentum, double grad) =>
            (_rho * square + (1 - _rho) * {|RMSP001:grad|}, _beta * momentum + grad);

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                var (square, momentum) = Moments(_sq[i], _mom[i], g[i]);
                _sq[i] = square;
                _mom[i] = momentum;
                w[i] -= _lr * _mom[i] / (Math.Sqrt(_sq[i]) + _eps);
            }
        }
    }
}
