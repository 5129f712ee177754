using System;

// Reduced from harujoh/KelpNet (KelpNet.Function/Optimizers/RMSprop.cs): a static update taking the decay `alpha` and
// the state `ms` as parameters, the average written in two statements, alpha on the old value. Correct.
public static class RmsPropTwoStatements
{
    public static void Update(double[] w, double[] g, double[] ms, double lr, double alpha, double epsilon)
    {
        for (int i = 0; i < w.Length; i++)
        {
            double grad = g[i];
            ms[i] *= alpha;
            ms[i] += (1 - alpha) * grad * grad;
            w[i] -= lr * grad / (Math.Sqrt(ms[i]) + epsilon);
        }
    }

    // Exponential smoothing with alpha as the smoothing factor, outside any optimizer: the convention, left alone.
    public static double Smooth(double level, double sample, double alpha) => (1 - alpha) * level + alpha * sample;
}
