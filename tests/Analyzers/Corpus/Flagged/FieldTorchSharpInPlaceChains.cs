// Reduced from dotnet/TorchSharp src/TorchSharp/Optimizers/RMSprop.cs 177-195 (the same shape in Adagrad.cs 167-169,
// Adadelta.cs 156-162 and Adam.cs 182-195): the state is updated in place through a method chain
// (`square_avg.mul_(alpha).addcmul_(grad, grad, value: 1 - alpha)`) and the denominator is
// `square_avg.sqrt().add_(eps)`, used by `param.addcdiv_(grad, avg, -lr)`. A stand-in Tensor with TorchSharp's
// method names and meanings keeps the file self-contained. Each step has ONE mistake, and the
// rules report each (Correct stays silent).
using System;

public sealed class Tensor
{
    private readonly double[] _x;
    public Tensor(int n) => _x = new double[n];
    private Tensor(double[] x) => _x = x;
    // x = x * a (in place)
    public Tensor mul_(double a) { for (int i = 0; i < _x.Length; i++) _x[i] *= a; return this; }
    // x = x + alpha * y (in place)
    public Tensor add_(Tensor y, double alpha = 1) { for (int i = 0; i < _x.Length; i++) _x[i] += alpha * y._x[i]; return this; }
    // x = x + e (in place)
    public Tensor add_(double e) { for (int i = 0; i < _x.Length; i++) _x[i] += e; return this; }
    // x = x + value * a * b (in place)
    public Tensor addcmul_(Tensor a, Tensor b, double value = 1) { for (int i = 0; i < _x.Length; i++) _x[i] += value * a._x[i] * b._x[i]; return this; }
    // x = x + value * a / b (in place)
    public Tensor addcdiv_(Tensor a, Tensor b, double value = 1) { for (int i = 0; i < _x.Length; i++) _x[i] += value * a._x[i] / b._x[i]; return this; }
    public Tensor sqrt() { var y = new double[_x.Length]; for (int i = 0; i < y.Length; i++) y[i] = Math.Sqrt(_x[i]); return new Tensor(y); }
    public Tensor zero_() { Array.Clear(_x); return this; }
}

public sealed class RmsPropStep
{
    private readonly Tensor _squareAvg;
    private readonly double _alpha = 0.99, _eps = 1e-8, _lr = 0.01;
    public RmsPropStep(int n) => _squareAvg = new Tensor(n);

    // Correct (TorchSharp as written): must stay silent.
    public void Correct(Tensor param, Tensor grad)
    {
        _squareAvg.mul_(_alpha).addcmul_(grad, grad, value: 1 - _alpha);
        var avg = _squareAvg.sqrt().add_(_eps);
        param.addcdiv_(grad, avg, -_lr);
    }

    // RMSP001 expected: the average takes grad, not grad*grad.
    public void RawGradient(Tensor param, Tensor grad)
    {
        _squareAvg.mul_(_alpha).add_({|RMSP001:grad|}, alpha: 1 - _alpha);
        var avg = _squareAvg.sqrt().add_(_eps);
        param.addcdiv_(grad, avg, -_lr);
    }

    // RMSP002 expected: nothing keeps the root away from 0.
    public void NoEpsilon(Tensor param, Tensor grad)
    {
        _squareAvg.mul_(_alpha).addcmul_(grad, grad, value: 1 - _alpha);
        var avg = {|RMSP002:_squareAvg.sqrt()|};
        param.addcdiv_(grad, avg, -_lr);
    }

    // RMSP003 expected: alpha and 1 - alpha swapped.
    public void Swapped(Tensor param, Tensor grad)
    {
        {|RMSP003:_squareAvg.mul_(1 - _alpha).addcmul_(grad, grad, value: _alpha)|};
        var avg = _squareAvg.sqrt().add_(_eps);
        param.addcdiv_(grad, avg, -_lr);
    }

    // RMSP005 expected: the denominator is taken before the average takes this gradient.
    public void Stale(Tensor param, Tensor grad)
    {
        var avg = {|RMSP005:_squareAvg|}.sqrt().add_(_eps);
        _squareAvg.mul_(_alpha).addcmul_(grad, grad, value: 1 - _alpha);
        param.addcdiv_(grad, avg, -_lr);
    }
}
