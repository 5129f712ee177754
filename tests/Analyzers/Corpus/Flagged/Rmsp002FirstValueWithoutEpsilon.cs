using System;

namespace Sparse.Features.Unguarded
{
    /// <summary>The same lazy AdaGrad with the first value left at g*g: a feature first seen with a zero gradient divides by 0.</summary>
    public sealed class LazyAdaGrad
    {
        private readonly double[] _r;
        private readonly bool[] _seen;
        private readonly double _lr = 0.05;

        public LazyAdaGrad(int n) { _r = new double[n]; _seen = new bool[n]; }

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                if (!_seen[i])
                {
                    _r[i] = g[i] * g[i];
                    _seen[i] = true;
                }
                else
                {
                    _r[i] += g[i] * g[i];
                }

                w[i] -= _lr * g[i] / {|RMSP002:Math.Sqrt(_r[i])|};
            }
        }
    }
}
