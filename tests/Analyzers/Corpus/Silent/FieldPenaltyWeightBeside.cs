using System;

namespace Causal
{
    public sealed class PenalizedFit
    {
        private const double PenaltyWeight = 5.0;
        private readonly double _penalty = PenaltyWeight;
        private readonly double[] _m, _v;

        public PenalizedFit(int n) { _m = new double[n]; _v = new double[n]; }

        public double Step(double[] w, double[] grad, double[] penaltyGrad, double objective, double penalty, int t)
        {
            objective += _penalty * penalty;
            for (int i = 0; i < w.Length; i++)
            {
                double g = grad[i] + _penalty * penaltyGrad[i];
                _m[i] = 0.9 * _m[i] + (1 - 0.9) * g;
                _v[i] = 0.999 * _v[i] + (1 - 0.999) * g * g;
                double mHat = _m[i] / (1 - Math.Pow(0.9, t));
                double vHat = _v[i] / (1 - Math.Pow(0.999, t));
                w[i] -= 0.001 * mHat / (Math.Sqrt(vHat) + 1e-8);
            }
            return objective;
        }
    }
}
