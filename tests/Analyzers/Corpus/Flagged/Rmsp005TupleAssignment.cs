using System;

namespace Demo
{
    public static class QuadraticDescent
    {
        public static double Minimise(double w, int steps, double lr = 0.1, double rho = 0.9, double eps = 1e-6)
        {
            double s = 0;
            for (int t = 0; t < steps; t++)
            {
                double g = 2 * w;
                // Both right-hand sides are evaluated before either is assigned, so the step sees last step's s.
                (w, s) = (w - lr * g / (Math.Sqrt({|RMSP005:s|}) + eps), rho * s + (1 - rho) * g * g);
            }
            return w;
        }
    }
}
