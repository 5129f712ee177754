using System;

namespace Fluent.Numerics.Correct
{
    public static class DoubleExtensions
    {
        public static double Sqrt(this double x) => Math.Sqrt(x);
    }

    /// <summary>A root written as an extension method, chained after the epsilon: (s + eps).Sqrt().</summary>
    public sealed class FluentRmsProp
    {
        private readonly double[] _meanSquare;
        private const double Decay = 0.9, Rate = 0.01, Eps = 1e-8;

        public FluentRmsProp(int n) { _meanSquare = new double[n]; }

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _meanSquare[i] = Decay * _meanSquare[i] + (1 - Decay) * g[i] * g[i];
                w[i] -= Rate * g[i] / (_meanSquare[i] + Eps).Sqrt();
            }
        }
    }
}
