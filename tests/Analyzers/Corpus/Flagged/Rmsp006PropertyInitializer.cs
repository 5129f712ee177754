using System;

namespace Lazy.Optimizers
{
    public class RmsPropSettings
    {
        public double LearningRate { get; init; } = 0.01;
        public double Rho { get; init; } = {|RMSP006:19 / 20|};
        public double Epsilon { get; init; } = 1e-8;
    }

    public class RmsPropOptimizer
    {
        private readonly RmsPropSettings _settings;
        private readonly double[] _s;

        public RmsPropOptimizer(int n, RmsPropSettings settings) { _s = new double[n]; _settings = settings; }

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _s[i] = _settings.Rho * _s[i] + (1 - _settings.Rho) * g[i] * g[i];
                w[i] -= _settings.LearningRate * g[i] / (Math.Sqrt(_s[i]) + _settings.Epsilon);
            }
        }
    }
}
