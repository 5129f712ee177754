using System;

namespace Scalar.Fit
{
    public static class AdamScalar
    {
        public static double Fit(Func<double, double> gradient, double start, int steps)
        {
            const double lr = 0.05, beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
            (double w, double m, double v) = (start, 0.0, 0.0);
            for (int t = 1; t <= steps; t++)
            {
                double g = gradient(w);
                m = beta1 * m + (1 - beta1) * g;
                v = beta2 * v + (1 - beta2) * g * g;
                double mHat = m / (1 - Math.Pow(beta1, t));
                double vHat = v / (1 - Math.Pow(beta2, t));
                w -= lr * mHat / (Math.Sqrt(vHat) + eps);
            }
            return w;
        }
    }
}
