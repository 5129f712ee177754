using System;
using System.Numerics;

namespace Fast.Optim
{
    public sealed class SimdRmsProp
    {
        private readonly float[] _ms;
        private readonly float _lr = 0.01f, _rho = 0.99f;

        public SimdRmsProp(int n) { _ms = new float[n]; }

        public void Step(float[] w, float[] g)
        {
            int width = Vector<float>.Count;
            var rho = new Vector<float>(_rho);
            var oneMinusRho = new Vector<float>(1 - _rho);
            var lr = new Vector<float>(_lr);
            for (int i = 0; i <= w.Length - width; i += width)
            {
                var gv = new Vector<float>(g, i);
                var sv = rho * new Vector<float>(_ms, i) + oneMinusRho * gv * gv;
                sv.CopyTo(_ms, i);
                var wv = new Vector<float>(w, i) - lr * gv / {|RMSP002:Vector.SquareRoot(sv)|};
                wv.CopyTo(w, i);
            }
        }
    }
}
