using System;
namespace Shapes.ExpandedLerp
{
    public sealed class Expanded
    {
        private readonly double[] _s = new double[8];
        private const double Rho = 0.9;
        // The lerp s += (1 - rho) * (g*g - s) with its product multiplied out: the compound assignment reads s again.
        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _s[i] += (1 - Rho) * g[i] * g[i] - (1 - Rho) * _s[i];
                w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
            }
        }
    }
}
