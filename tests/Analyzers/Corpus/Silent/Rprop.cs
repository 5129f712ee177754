using System;

namespace Classic.Optimizers
{
    /// <summary>Resilient backpropagation: only the sign of the gradient is used, no averages, no roots.</summary>
    public sealed class Rprop
    {
        private readonly double[] _step;
        private readonly double[] _prevGrad;
        private const double EtaPlus = 1.2, EtaMinus = 0.5, StepMax = 50, StepMin = 1e-6;

        public Rprop(int n, double initialStep = 0.1)
        {
            _step = new double[n];
            _prevGrad = new double[n];
            Array.Fill(_step, initialStep);
        }

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                double sign = g[i] * _prevGrad[i];
                if (sign > 0) _step[i] = Math.Min(_step[i] * EtaPlus, StepMax);
                else if (sign < 0) { _step[i] = Math.Max(_step[i] * EtaMinus, StepMin); g[i] = 0; }
                w[i] -= Math.Sign(g[i]) * _step[i];
                _prevGrad[i] = g[i];
            }
        }
    }
}
