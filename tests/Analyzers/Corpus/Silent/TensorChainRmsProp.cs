using System;

namespace Tiny.Tensors.Correct
{
    public sealed class Tensor
    {
        private readonly double[] _data;
        public Tensor(double[] data) { _data = data; }
        public Tensor add(double c) => Map(x => x + c);
        public Tensor add(Tensor other) => Zip(other, (a, b) => a + b);
        public Tensor mul(Tensor other) => Zip(other, (a, b) => a * b);
        public Tensor mul(double c) => Map(x => x * c);
        public Tensor div(Tensor other) => Zip(other, (a, b) => a / b);
        public Tensor sub(Tensor other) => Zip(other, (a, b) => a - b);
        public Tensor sqrt() => Map(Math.Sqrt);
        private Tensor Map(Func<double, double> f) { var r = new double[_data.Length]; for (int i = 0; i < r.Length; i++) r[i] = f(_data[i]); return new Tensor(r); }
        private Tensor Zip(Tensor o, Func<double, double, double> f) { var r = new double[_data.Length]; for (int i = 0; i < r.Length; i++) r[i] = f(_data[i], o._data[i]); return new Tensor(r); }
    }

    /// <summary>RMSProp written as tensor method chains, correctly: the average of g*g, an epsilon after the root.</summary>
    public sealed class ChainedRmsProp
    {
        private readonly double _lr = 0.01, _rho = 0.9, _eps = 1e-8;
        private Tensor _s;

        public ChainedRmsProp(int n) { _s = new Tensor(new double[n]); }

        public Tensor Step(Tensor w, Tensor g)
        {
            _s = _s.mul(_rho).add(g.mul(g).mul(1 - _rho));
            w = w.sub(g.div(_s.sqrt().add(_eps)).mul(_lr));
            return w;
        }
    }
}
