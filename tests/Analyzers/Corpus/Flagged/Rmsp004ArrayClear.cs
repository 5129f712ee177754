using System;

namespace Training
{
    public sealed class RmsPropOptimizer
    {
        private readonly double[] _meanSquare;
        private readonly double _lr = 1e-3, _rho = 0.9, _eps = 1e-7;

        public RmsPropOptimizer(int n) { _meanSquare = new double[n]; }

        public void Step(double[] w, double[] g)
        {
            // Start each step from clean statistics.
            {|RMSP004:Array.Clear(_meanSquare)|};
            for (int i = 0; i < w.Length; i++)
            {
                _meanSquare[i] = _rho * _meanSquare[i] + (1 - _rho) * g[i] * g[i];
                w[i] -= _lr * g[i] / (Math.Sqrt(_meanSquare[i]) + _eps);
            }
        }
    }
}
