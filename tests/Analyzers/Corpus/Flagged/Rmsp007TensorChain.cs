using System;

namespace Tiny.Tensors
{
    /// <summary>A minimal tensor with method arithmetic, as tensor libraries spell it.</summary>
    public sealed class Tensor
    {
        private readonly double[] _data;
        public Tensor(double[] data) { _data = data; }
        public Tensor add(double c) => Map(x => x + c);
        public Tensor mul(Tensor other) => Zip(other, (a, b) => a * b);
        public Tensor mul(double c) => Map(x => x * c);
        public Tensor div(Tensor other) => Zip(other, (a, b) => a / b);
        public Tensor sub(Tensor other) => Zip(other, (a, b) => a - b);
        public Tensor sqrt() => Map(Math.Sqrt);
        private Tensor Map(Func<double, double> f) { var r = new double[_data.Length]; for (int i = 0; i < r.Length; i++) r[i] = f(_data[i]); return new Tensor(r); }
        private Tensor Zip(Tensor o, Func<double, double, double> f) { var r = new double[_data.Length]; for (int i = 0; i < r.Length; i++) r[i] = f(_data[i], o._data[i]); return new Tensor(r); }
    }

    public sealed class ChainedRmsProp
    {
        private readonly double _lr = 0.01, _eps = 1e-8;

        public Tensor Step(Tensor w, Tensor g)
        {
            w = w.sub(g.div({|RMSP007:g.mul(g).add(_eps).sqrt()|}).mul(_lr));
            return w;
        }
    }
}
