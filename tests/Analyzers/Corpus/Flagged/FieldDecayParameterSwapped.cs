using System;

// Reduced from harujoh/KelpNet (KelpNet.Function/Optimizers/RMSprop.cs, by mutation): the per-parameter update is a
// static method taking the decay `alpha` (PyTorch's name; the optimizer passes its own 0.99) and the state `ms`; the
// two-statement average with its weights swapped.
public static class RmsPropTwoStatements
{
    public static void Update(double[] w, double[] g, double[] ms, double lr, double alpha, double epsilon)
    {
        for (int i = 0; i < w.Length; i++)
        {
            double grad = g[i];
            ms[i] *= 1 - alpha;
            ms[i] += {|RMSP003:alpha * grad * grad|};
            w[i] -= lr * grad / (Math.Sqrt(ms[i]) + epsilon);
        }
    }
}
