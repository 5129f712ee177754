using System;

namespace Lesson.TwoStatements
{
    // The average decays in one statement and takes the new square in the next, with the two weights swapped: it
    // keeps 10% of the old value and adds 90% of the new square.
    public static class Program
    {
        public static void Main()
        {
            double w = 3.0, s = 0.0;
            const double rho = 0.9, lr = 0.05, eps = 1e-8;
            for (int t = 0; t < 200; t++)
            {
                double g = 2 * (w - 1);
                s *= 1 - rho;
                s += {|RMSP003:rho * g * g|};
                w -= lr * g / Math.Sqrt(s + eps);
            }
            Console.WriteLine(w);
        }
    }
}
