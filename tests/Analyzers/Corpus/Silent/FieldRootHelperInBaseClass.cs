using System;

namespace FieldBaseClassHelper
{
    /// <summary>
    /// One optimizer per scalar parameter, the root taken by a helper of the abstract base class that never returns 0
    /// (field test, koryakinp/gdo Gdo/Optimizer.cs and Gdo/Optimizers/*.cs). All correct.
    /// </summary>
    public abstract class ScalarOptimizer
    {
        protected readonly double _lr;
        public double Value;

        protected ScalarOptimizer(double learningRate) { _lr = learningRate; }

        protected double Rms(double val)
        {
            double sqrt = Math.Sqrt(val);
            if (sqrt == 0)
            {
                sqrt += double.Epsilon;
            }
            return sqrt;
        }

        public abstract void Update(double dx);
    }

    public sealed class ScalarRmsProp : ScalarOptimizer
    {
        private readonly double _ma;
        private double _cache;

        public ScalarRmsProp(double learningRate, int period) : base(learningRate) { _ma = 1 - 1.00 / period; }

        public override void Update(double dx)
        {
            _cache = _cache == 0
                ? Math.Pow(dx, 2)
                : _ma * _cache + (1 - _ma) * Math.Pow(dx, 2);
            Value -= _lr * (dx / Rms(_cache));
        }
    }

    public sealed class ScalarAdam : ScalarOptimizer
    {
        private readonly double _beta1 = 0.9, _beta2 = 0.999;
        private double _m, _v;

        public ScalarAdam(double learningRate) : base(learningRate) { }

        public override void Update(double dx)
        {
            _m = _beta1 * _m + (1 - _beta1) * dx;
            _v = _beta2 * _v + (1 - _beta2) * Math.Pow(dx, 2);
            Value -= _lr * (_m / Rms(_v));
        }
    }
}
