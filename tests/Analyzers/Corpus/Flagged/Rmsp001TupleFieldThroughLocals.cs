using System;
namespace Shapes.TupleField
{
    public sealed class TupleState
    {
        private (double[] Square, double Rho) _state = (new double[8], 0.9);
        public void Step(double[] w, double[] g)
        {
            var (s, rho) = _state;
            for (int i = 0; i < w.Length; i++)
            {
                double old = s[i];
                double next = rho * old + (1 - rho) * {|RMSP001:g[i]|};
                s[i] = next;
                w[i] -= 0.01 * g[i] / (Math.Sqrt(s[i]) + 1e-8);
            }
        }
    }
}
