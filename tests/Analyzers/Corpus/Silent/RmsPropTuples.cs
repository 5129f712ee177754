using System;

namespace Demo
{
    public static class QuadraticDescent
    {
        // Minimises f(x, y) = x^2 + y^2 and returns where it ends.
        public static (double X, double Y) Minimise(double x, double y, int epochs,
            double lr = 0.1, double rho = 0.9, double eps = 1e-6)
        {
            (double X, double Y) s = (0.0, 0.0);
            for (int epoch = 0; epoch < epochs; epoch++)
            {
                var (gx, gy) = (2 * x, 2 * y);
                s = (rho * s.X + (1 - rho) * gx * gx, rho * s.Y + (1 - rho) * gy * gy);
                x -= lr * gx / (Math.Sqrt(s.X) + eps);
                y -= lr * gy / (Math.Sqrt(s.Y) + eps);
            }
            return (x, y);
        }
    }
}
