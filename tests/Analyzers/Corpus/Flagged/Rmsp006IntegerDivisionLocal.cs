using System;

namespace Lesson
{
    public static class Program
    {
        public static void Main()
        {
            double x = 5, s = 0;
            double rho = {|RMSP006:9 / 10|};
            double lr = 0.1, eps = 1e-6;
            for (int epoch = 0; epoch < 100; epoch++)
            {
                double g = 2 * x;
                s = rho * s + (1 - rho) * g * g;
                x -= lr * g / (Math.Sqrt(s) + eps);
            }
            Console.WriteLine(x);
        }
    }
}
