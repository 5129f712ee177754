using System;

namespace Lesson.TwoStatements
{
    // The average decays in one statement and takes (1 - rho) of the new square in the next.
    public static class Program
    {
        public static void Main()
        {
            double w = 3.0, s = 0.0;
            const double rho = 0.9, lr = 0.05, eps = 1e-8;
            for (int t = 0; t < 200; t++)
            {
                double g = 2 * (w - 1);
                s *= rho;
                s += (1 - rho) * g * g;
                w -= lr * g / Math.Sqrt(s + eps);
            }
            Console.WriteLine(w);
        }
    }
}
