using System;

namespace FieldTorchSharpStyle
{
    /// <summary>A stand-in with TorchSharp's in-place method names and meanings.</summary>
    public sealed class Tensor
    {
        private readonly double[] _x;
        public Tensor(int n) { _x = new double[n]; }
        private Tensor(double[] x) { _x = x; }
        public Tensor mul_(double a) { for (int i = 0; i < _x.Length; i++) _x[i] *= a; return this; }
        public Tensor add_(double e) { for (int i = 0; i < _x.Length; i++) _x[i] += e; return this; }
        public Tensor add_(Tensor y, double alpha = 1) { for (int i = 0; i < _x.Length; i++) _x[i] += alpha * y._x[i]; return this; }
        public Tensor addcmul_(Tensor a, Tensor b, double value = 1) { for (int i = 0; i < _x.Length; i++) _x[i] += value * a._x[i] * b._x[i]; return this; }
        public Tensor addcdiv_(Tensor a, Tensor b, double value = 1) { for (int i = 0; i < _x.Length; i++) _x[i] += value * a._x[i] / b._x[i]; return this; }
        public Tensor add(double e) { var y = (double[])_x.Clone(); for (int i = 0; i < y.Length; i++) y[i] += e; return new Tensor(y); }
        public Tensor sqrt() { var y = new double[_x.Length]; for (int i = 0; i < y.Length; i++) y[i] = Math.Sqrt(_x[i]); return new Tensor(y); }
        public Tensor sqrt_() { for (int i = 0; i < _x.Length; i++) _x[i] = Math.Sqrt(_x[i]); return this; }
        public Tensor div_(Tensor b) { for (int i = 0; i < _x.Length; i++) _x[i] /= b._x[i]; return this; }
        public Tensor mul_(Tensor b) { for (int i = 0; i < _x.Length; i++) _x[i] *= b._x[i]; return this; }
    }

    /// <summary>
    /// RMSprop, Adagrad and Adadelta as TorchSharp's optimizers write them (field test, dotnet/TorchSharp
    /// src/TorchSharp/Optimizers): state updated in place by mul_/addcmul_, the denominator sqrt().add_(eps) or
    /// add(eps).sqrt_(), consumed by addcdiv_. All correct.
    /// </summary>
    public sealed class InPlaceOptimizers
    {
        private readonly Tensor _squareAvg, _sum, _accDelta, _adadeltaAvg;
        private readonly double _alpha = 0.99, _rho = 0.9, _eps = 1e-8, _lr = 0.01;

        public InPlaceOptimizers(int n)
        {
            _squareAvg = new Tensor(n); _sum = new Tensor(n); _accDelta = new Tensor(n); _adadeltaAvg = new Tensor(n);
        }

        public void RmsProp(Tensor param, Tensor grad)
        {
            _squareAvg.mul_(_alpha).addcmul_(grad, grad, value: 1 - _alpha);
            var avg = _squareAvg.sqrt().add_(_eps);
            param.addcdiv_(grad, avg, -_lr);
        }

        public void Adagrad(Tensor param, Tensor grad)
        {
            _sum.addcmul_(grad, grad, value: 1);
            var std = _sum.sqrt().add_(_eps);
            param.addcdiv_(grad, std, -_lr);
        }

        public void Adadelta(Tensor param, Tensor grad)
        {
            _adadeltaAvg.mul_(_rho).addcmul_(grad, grad, 1 - _rho);
            var std = _adadeltaAvg.add(_eps).sqrt_();
            var delta = _accDelta.add(_eps).sqrt_().div_(std).mul_(grad);
            param.add_(delta, alpha: -_lr);
            _accDelta.mul_(_rho).addcmul_(delta, delta, 1 - _rho);
        }
    }
}
