using System;

namespace Lesson.LoopCarried
{
    // The same fit with the average folded in before the root of the same epoch: the value carried round the loop is
    // only the old average that this epoch's update reads.
    public static class EpochLoop
    {
        public static double Fit(double[] xs, double[] ys, int epochs)
        {
            double w = 0.0, s = 0.0, g = 0.0;
            const double rho = 0.9, lr = 0.01, eps = 1e-8;
            for (int epoch = 0; epoch < epochs; epoch++)
            {
                g = 0.0;
                for (int i = 0; i < xs.Length; i++)
                {
                    g += 2 * (w * xs[i] - ys[i]) * xs[i] / xs.Length;
                }

                s = rho * s + (1 - rho) * g * g;
                w -= lr * g / (Math.Sqrt(s) + eps);
            }

            return w;
        }
    }
}
