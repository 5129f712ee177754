using System;

namespace Lesson.Centered
{
    public sealed class ScalarCentered
    {
        private double _s, _m;
        private const double Rho = 0.9, Lr = 0.01, Eps = 1e-8;

        public double Step(double w, double g)
        {
            _s = Rho * _s + (1 - Rho) * g * g;
            _m = Rho * _m + (1 - Rho) * g;
            return w - Lr * g / (Math.Sqrt({|RMSP008:_s - _m * _m|}) + Eps);
        }
    }
}
