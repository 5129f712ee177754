using System;
namespace Shapes.ExpandedLerp
{
    public sealed class Expanded
    {
        private readonly double[] _s = new double[8];
        private const double Rho = 0.9;
        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                // Expanded lerp with the raw gradient: s += (1 - rho) * g - (1 - rho) * s
                _s[i] += (1 - Rho) * {|RMSP001:g[i]|} - (1 - Rho) * _s[i];
                w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
            }
        }
    }
}
