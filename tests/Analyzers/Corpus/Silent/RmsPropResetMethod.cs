using System;

namespace Training
{
    public sealed class ResettableRmsProp
    {
        private readonly double[] _meanSquare;
        private readonly double _lr;
        private readonly double _rho;
        private readonly double _eps;

        public ResettableRmsProp(int n, double lr = 1e-3, double rho = 0.9, double eps = 1e-7)
        {
            _meanSquare = new double[n];
            _lr = lr;
            _rho = rho;
            _eps = eps;
        }

        /// <summary>Forget the statistics, e.g. when a new task starts; not called per step.</summary>
        public void Reset() => Array.Clear(_meanSquare);

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _meanSquare[i] = _rho * _meanSquare[i] + (1 - _rho) * g[i] * g[i];
                w[i] -= _lr * g[i] / (Math.Sqrt(_meanSquare[i]) + _eps);
            }
        }
    }
}
