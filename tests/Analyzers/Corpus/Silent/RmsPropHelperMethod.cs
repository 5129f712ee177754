using System;

namespace Ml.Core.Optimizers
{
    public class RmsPropWithHelpers
    {
        private readonly double[] _s;
        private readonly double _lr = 0.001;
        private readonly double _rho = 0.9;
        private readonly double _eps = 1e-7;

        public RmsPropWithHelpers(int n) => _s = new double[n];

        private static double RunningMeanSquare(double previous, double gradient, double rho) =>
            rho * previous + (1.0 - rho) * gradient * gradient;

        private double ScaledStep(double gradient, double meanSquare) =>
            _lr * gradient / (Math.Sqrt(meanSquare) + _eps);

        public void Update(double[] parameters, double[] gradients)
        {
            for (int i = 0; i < parameters.Length; i++)
            {
                _s[i] = RunningMeanSquare(_s[i], gradients[i], _rho);
                parameters[i] -= ScaledStep(gradients[i], _s[i]);
            }
        }
    }
}
