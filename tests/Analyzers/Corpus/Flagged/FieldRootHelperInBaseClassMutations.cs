using System;

namespace FieldBaseClassHelperMutations
{
    /// <summary>
    /// Reduced from koryakinp/gdo (Gdo/Optimizer.cs, the root helper of the abstract base class, and
    /// Gdo/Optimizers/RMSprop.cs, Adagrad.cs, Adam.cs): one optimizer per scalar parameter, the state a double field,
    /// the root taken by the inherited helper, which nudges a zero root to double.Epsilon (so no epsilon is missing).
    /// Each Update has ONE mistake of the field test's mutations; the correct originals are
    /// Silent/FieldRootHelperInBaseClass.cs.
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

    // The average takes the gradient, not its square.
    public sealed class RawGradientRmsProp : ScalarOptimizer
    {
        private readonly double _ma;
        private double _cache;

        public RawGradientRmsProp(double learningRate, int period) : base(learningRate) { _ma = 1 - 1.00 / period; }

        public override void Update(double dx)
        {
            _cache = _ma * _cache + (1 - _ma) * {|RMSP001:dx|};
            Value -= _lr * (dx / Rms(_cache));
        }
    }

    // The second moment's weights are swapped.
    public sealed class SwappedAdam : ScalarOptimizer
    {
        private readonly double _beta1 = 0.9, _beta2 = 0.999;
        private double _m, _v;

        public SwappedAdam(double learningRate) : base(learningRate) { }

        public override void Update(double dx)
        {
            _m = _beta1 * _m + (1 - _beta1) * dx;
            _v = {|RMSP003:(1 - _beta2) * _v + _beta2 * Math.Pow(dx, 2)|};
            Value -= _lr * (_m / Rms(_v));
        }
    }

    // The step divides by the sum from before this gradient.
    public sealed class StaleAdagrad : ScalarOptimizer
    {
        private double _cache;

        public StaleAdagrad(double learningRate) : base(learningRate) { }

        public override void Update(double dx)
        {
            Value -= _lr * (dx / Rms({|RMSP005:_cache|}));
            _cache += Math.Pow(dx, 2);
        }
    }

    // The root is taken of this step's squared gradient; the kept sum is never used.
    public sealed class CurrentGradientAdagrad : ScalarOptimizer
    {
        private double _cache;

        public CurrentGradientAdagrad(double learningRate) : base(learningRate) { }

        public override void Update(double dx)
        {
            _cache += Math.Pow(dx, 2);
            Value -= _lr * (dx / Rms({|RMSP007:Math.Pow(dx, 2)|}));
        }
    }
}
