using System;

namespace Lesson.LoopCarried
{
    // One weight fitted to y = 3x; the average is updated at the bottom of each epoch, so the root at the top of the
    // next epoch divides by last epoch's average (and the first epoch divides by eps alone).
    public static class EpochLoop
    {
        public static double Fit(double[] xs, double[] ys, int epochs)
        {
            double w = 0.0, s = 0.0, g = 0.0;
            const double rho = 0.9, lr = 0.01, eps = 1e-8;
            for (int epoch = 0; epoch < epochs; epoch++)
            {
                if (epoch > 0)
                {
                    w -= lr * g / (Math.Sqrt({|RMSP005:s|}) + eps);
                }

                g = 0.0;
                for (int i = 0; i < xs.Length; i++)
                {
                    g += 2 * (w * xs[i] - ys[i]) * xs[i] / xs.Length;
                }

                s = rho * s + (1 - rho) * g * g;
            }

            return w;
        }
    }
}
