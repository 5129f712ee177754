using System;

namespace Trainer.Scalar
{
    public sealed class ScalarState
    {
        public double W { get; set; }
        public double S { get; set; }
    }

    // The local copy of the average is updated before the root in every batch and stored back after the loop.
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
                s = Rho * s + (1 - Rho) * g * g;
                w -= Lr * g / Math.Sqrt(s + Eps);
            }

            state.W = w;
            state.S = s;
        }
    }
}
