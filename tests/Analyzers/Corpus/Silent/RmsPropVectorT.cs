using System;
using System.Numerics;

namespace Fast.Optim
{
    public sealed class SimdRmsProp
    {
        private readonly float[] _meanSquare;
        private readonly float _lr, _rho, _eps;

        public SimdRmsProp(int length, float lr = 0.01f, float rho = 0.99f, float eps = 1e-8f)
        {
            _meanSquare = new float[length];
            _lr = lr; _rho = rho; _eps = eps;
        }

        public void Step(float[] w, float[] g)
        {
            int width = Vector<float>.Count;
            var rho = new Vector<float>(_rho);
            var oneMinusRho = new Vector<float>(1f - _rho);
            var lr = new Vector<float>(_lr);
            var eps = new Vector<float>(_eps);

            int i = 0;
            for (; i <= w.Length - width; i += width)
            {
                var gv = new Vector<float>(g, i);
                var sv = rho * new Vector<float>(_meanSquare, i) + oneMinusRho * gv * gv;
                sv.CopyTo(_meanSquare, i);
                var wv = new Vector<float>(w, i) - lr * gv / (Vector.SquareRoot(sv) + eps);
                wv.CopyTo(w, i);
            }

            for (; i < w.Length; i++)
            {
                _meanSquare[i] = _rho * _meanSquare[i] + (1f - _rho) * g[i] * g[i];
                w[i] -= _lr * g[i] / (MathF.Sqrt(_meanSquare[i]) + _eps);
            }
        }
    }
}
