using System;

namespace Torchlike.InPlace.Raw
{
    public sealed class Tensor
    {
        private readonly double[] _data;
        public Tensor(double[] data) { _data = data; }
        public Tensor add(double c) => Map(x => x + c);
        public Tensor add(Tensor other) => Zip(other, (a, b) => a + b);
        public Tensor add_(Tensor other) { Copy(add(other)); return this; }
        public Tensor sub_(Tensor other) { Copy(Zip(other, (a, b) => a - b)); return this; }
        public Tensor mul(Tensor other) => Zip(other, (a, b) => a * b);
        public Tensor mul(double c) => Map(x => x * c);
        public Tensor mul_(double c) { Copy(mul(c)); return this; }
        public Tensor div(Tensor other) => Zip(other, (a, b) => a / b);
        public Tensor sqrt() => Map(Math.Sqrt);
        public Tensor rsqrt() => Map(x => 1 / Math.Sqrt(x));
        private void Copy(Tensor t) { Array.Copy(t._data, _data, _data.Length); }
        private Tensor Map(Func<double, double> f) { var r = new double[_data.Length]; for (int i = 0; i < r.Length; i++) r[i] = f(_data[i]); return new Tensor(r); }
        private Tensor Zip(Tensor o, Func<double, double, double> f) { var r = new double[_data.Length]; for (int i = 0; i < r.Length; i++) r[i] = f(_data[i], o._data[i]); return new Tensor(r); }
    }

    /// <summary>RMSProp in the in-place style of PyTorch ports (mul_, add_, sub_): the average is fed g, not g*g.</summary>
    public sealed class InPlaceRmsProp
    {
        private readonly double _lr = 0.01, _rho = 0.9, _eps = 1e-8;
        private readonly Tensor _s;

        public InPlaceRmsProp(int n) { _s = new Tensor(new double[n]); }

        public void Step(Tensor w, Tensor g)
        {
            _s.mul_(_rho).add_({|RMSP001:g|}.mul(1 - _rho));
            w.sub_(g.div(_s.add(_eps).sqrt()).mul(_lr));
        }
    }
}
