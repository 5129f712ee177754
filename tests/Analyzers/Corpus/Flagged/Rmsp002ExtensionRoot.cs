using System;

namespace Fluent.Numerics
{
    public static class DoubleExtensions
    {
        public static double Sqrt(this double x) => Math.Sqrt(x);
    }

    public sealed class FluentRmsProp
    {
        private readonly double[] _meanSquare;
        private const double Decay = 0.9, Rate = 0.01;

        public FluentRmsProp(int n) { _meanSquare = new double[n]; }

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _meanSquare[i] = Decay * _meanSquare[i] + (1 - Decay) * g[i] * g[i];
                w[i] -= Rate * g[i] / {|RMSP002:_meanSquare[i].Sqrt()|};
            }
        }
    }
}
