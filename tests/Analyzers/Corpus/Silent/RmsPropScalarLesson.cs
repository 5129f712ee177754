using System;

namespace Lesson
{
    public static class Program
    {
        public static void Main()
        {
            double x = 5, y = 4;
            double sx = 0, sy = 0;
            const double lr = 0.1, rho = 0.9, eps = 1e-6;

            for (int epoch = 0; epoch <= 100; epoch++)
            {
                double dx = 2 * x;
                double dy = 2 * y;
                sx = rho * sx + (1 - rho) * dx * dx;
                sy = rho * sy + (1 - rho) * dy * dy;
                x = x - lr * dx / (Math.Sqrt(sx) + eps);
                y = y - lr * dy / (Math.Sqrt(sy) + eps);
                if (epoch % 20 == 0)
                    Console.WriteLine($"Epoch {epoch}: x = {x}, y = {y}");
            }
        }
    }
}
