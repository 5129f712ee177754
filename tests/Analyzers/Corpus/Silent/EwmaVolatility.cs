using System;
using System.Collections.Generic;

namespace Risk
{
    /// <summary>RiskMetrics volatility: an exponentially weighted average of squared returns.</summary>
    public sealed class EwmaVolatility
    {
        private readonly double _lambda;
        private double _variance;

        public EwmaVolatility(double lambda = 0.94, double initialVariance = 1e-4)
        {
            _lambda = lambda;
            _variance = initialVariance;
        }

        public double Volatility => Math.Sqrt(_variance);

        public IEnumerable<double> StandardizedReturns(IEnumerable<double> returns)
        {
            foreach (var r in returns)
            {
                yield return r / Math.Sqrt(_variance);
                _variance = _lambda * _variance + (1 - _lambda) * r * r;
            }
        }
    }
}
