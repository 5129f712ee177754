using System;

namespace Sparse.Optim
{
    // Frozen coordinates keep their average and take a momentum step scaled by it, then leave the pass with
    // `continue`; the other coordinates fold this step's gradient in before their root. The frozen path's root is
    // above the update in the text, but no update runs on that path: nothing is read stale.
    public sealed class FreezingRmsProp
    {
        private readonly double[] _sq, _velocity;
        private readonly bool[] _frozen;
        private readonly double _rho = 0.9, _lr = 0.01, _eps = 1e-8, _mu = 0.5;

        public FreezingRmsProp(int n)
        {
            _sq = new double[n];
            _velocity = new double[n];
            _frozen = new bool[n];
        }

        public void Freeze(int i) => _frozen[i] = true;

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                if (_frozen[i])
                {
                    _velocity[i] *= _mu;
                    w[i] -= _velocity[i] / (Math.Sqrt(_sq[i]) + _eps);
                    continue;
                }

                _sq[i] = _rho * _sq[i] + (1 - _rho) * g[i] * g[i];
                _velocity[i] = _mu * _velocity[i] + _lr * g[i];
                w[i] -= _velocity[i] / (Math.Sqrt(_sq[i]) + _eps);
            }
        }
    }
}
