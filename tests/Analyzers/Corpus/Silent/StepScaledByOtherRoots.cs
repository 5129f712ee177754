using System;

namespace Schedules.Steps
{
    /// <summary>
    /// Updates divided by roots that are not a gradient's: a global gradient norm computed by the caller, an
    /// inverse-square-root learning-rate schedule, and the root of a layer size.
    /// </summary>
    public sealed class ScaledSteps
    {
        private int _t;

        public void NormalizedStep(double[] w, double[] g, double norm2, double lr)
        {
            for (int i = 0; i < w.Length; i++)
            {
                w[i] -= lr * g[i] / Math.Sqrt(norm2 + 1e-12);
            }
        }

        public void ScheduledStep(double[] w, double[] g, double lr)
        {
            _t++;
            for (int i = 0; i < w.Length; i++)
            {
                w[i] -= lr / Math.Sqrt(_t) * g[i];
            }
        }

        public void FanInStep(double[] w, double[] g, int fanIn, double lr)
        {
            for (int i = 0; i < w.Length; i++)
            {
                w[i] -= lr * g[i] / Math.Sqrt(fanIn);
            }
        }
    }
}
