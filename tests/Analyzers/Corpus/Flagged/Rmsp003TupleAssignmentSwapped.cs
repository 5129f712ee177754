using System;

namespace Lesson.Tuples
{
    // Both running values are updated in one tuple assignment; the squared average has its weights swapped.
    public static class Program
    {
        public static void Main()
        {
            double w = -2.0, s = 0.0, v = 0.0;
            const double decay = 0.95, momentum = 0.8, lr = 0.02, eps = 1e-6;
            for (int t = 0; t < 300; t++)
            {
                double g = 2 * (w - 0.5);
                (s, v) = ({|RMSP003:(1 - decay) * s + decay * g * g|}, momentum * v + g);
                w -= lr * v / (Math.Sqrt(s) + eps);
            }
            Console.WriteLine(w);
        }
    }
}
