using System;

namespace Students.Homework
{
    class Program
    {
        static void Main()
        {
            double w = 0;
            double x = 2, y = 4;
            double G = 0;
            double gamma = 0.9, lr = 0.1, eps = 1e-8;

            for (int iter = 1; iter <= 5; iter++)
            {
                double g = (y - w * x) * (-x);
                G = gamma * G + (1 - gamma) * Math.Pow(g, 2);
                w = w - lr / Math.Sqrt(G + eps) * g;
                Console.WriteLine($"iter {iter}: g={g}, G={G}, w={w}");
            }
        }
    }
}
