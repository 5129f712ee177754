using System;

namespace MiniNet.Optimizers
{
    public sealed class RmsProp
    {
        private const double Decay = {|RMSP006:1.0|};
        private const double LearningRate = 0.01;
        private const double Epsilon = 1e-8;
        private readonly double[] _s;

        public RmsProp(int n) { _s = new double[n]; }

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _s[i] = Decay * _s[i] + (1 - Decay) * g[i] * g[i];
                w[i] -= LearningRate * g[i] / (Math.Sqrt(_s[i]) + Epsilon);
            }
        }
    }
}
