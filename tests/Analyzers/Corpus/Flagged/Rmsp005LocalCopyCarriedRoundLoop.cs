using System;

namespace Trainer.Scalar
{
    public sealed class ScalarState
    {
        public double W { get; set; }
        public double S { get; set; }
    }

    // The state's average is copied into a local, carried round the mini-batch loop and stored back; the root reads
    // the copy before this batch's gradient is folded in.
    public static class BatchLoop
    {
        private const double Rho = 0.95, Lr = 0.02, Eps = 1e-7;

        public static void Run(ScalarState state, Func<double, int, double> gradient, int batches)
        {
            double w = state.W;
            var s = state.S;
            for (int b = 0; b < batches; b++)
            {
                double g = gradient(w, b);
                w -= Lr * g / Math.Sqrt({|RMSP005:s|} + Eps);
                s = Rho * s + (1 - Rho) * g * g;
            }

            state.W = w;
            state.S = s;
        }
    }
}
