using System;

namespace Deep.Layers
{
    public abstract class Optimizer
    {
        protected Optimizer(double learningRate) => LearningRate = learningRate;
        public double LearningRate { get; }
        public abstract void Update(double[] weights, double[] gradients);
    }

    public sealed class RMSPropOptimizer : Optimizer
    {
        private readonly double _rho;
        private readonly double _epsilon;
        private double[]? _accumulator;

        public RMSPropOptimizer(double learningRate = 0.001, double rho = 0.9, double epsilon = 1e-7) : base(learningRate)
        {
            _rho = rho;
            _epsilon = epsilon;
        }

        public override void Update(double[] weights, double[] gradients)
        {
            _accumulator ??= new double[weights.Length];
            for (var i = 0; i < weights.Length; i++)
            {
                var grad = gradients[i];
                var acc = _rho * _accumulator[i] + (1 - _rho) * grad * grad;
                _accumulator[i] = acc;
                weights[i] -= LearningRate * grad / (Math.Sqrt(acc) + _epsilon);
            }
        }
    }
}
