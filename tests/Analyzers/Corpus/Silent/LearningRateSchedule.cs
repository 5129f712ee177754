using System;

namespace Training.Schedules
{
    public sealed class ExponentialLr
    {
        /// <summary>Multiplier per epoch; 1.0 keeps the rate constant.</summary>
        public double Gamma { get; }
        public double BaseLr { get; }

        public ExponentialLr(double baseLr, double gamma = 1.0)
        {
            BaseLr = baseLr;
            Gamma = gamma;
        }

        public double RateAt(int epoch) => BaseLr * Math.Pow(Gamma, epoch);
    }

    public static class Warmup
    {
        public static double Linear(int step, int warmupSteps, double peak) =>
            step < warmupSteps ? peak * (step + 1) / warmupSteps : peak;

        public static double InverseSqrt(int step, int warmupSteps, double peak) =>
            peak * Math.Min(1.0, Math.Sqrt((double)warmupSteps / Math.Max(step, 1)));
    }
}
