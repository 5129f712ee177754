using System;

namespace Students.Homework
{
    class Program
    {
        static void Main()
        {
            double w = 0, G = 0;
            double x = 2, y = 4, beta = 0.9, lr = 0.1, eps = 1e-8;
            for (int iter = 1; iter <= 5; iter++)
            {
                double g = (y - w * x) * (-x);
                G = {|RMSP003:beta * Math.Pow(g, 2) + (1 - beta) * G|};
                w = w - lr / Math.Sqrt(G + eps) * g;
                Console.WriteLine($"{iter}: {w}");
            }
        }
    }
}
