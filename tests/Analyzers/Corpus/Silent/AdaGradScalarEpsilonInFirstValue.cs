using System;

namespace Scalar.Sparse
{
    /// <summary>
    /// A scalar AdaGrad whose sum starts at the first squared gradient plus epsilon and then only grows, so its root
    /// never falls below sqrt(eps) and the division needs no epsilon of its own.
    /// </summary>
    public sealed class ScalarAdaGrad
    {
        private const double Lr = 0.1, Eps = 1e-10;
        private double _r;
        private bool _started;

        public double Step(double w, double g)
        {
            if (!_started)
            {
                _r = Eps + g * g;
                _started = true;
            }
            else
            {
                _r += g * g;
            }

            return w - Lr * g / Math.Sqrt(_r);
        }
    }
}
