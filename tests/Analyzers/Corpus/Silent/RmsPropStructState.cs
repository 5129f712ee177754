using System;

namespace Embedded.Control
{
    public struct RmsPropScalar
    {
        public double MeanSquare;

        public double Step(double parameter, double gradient, double learningRate = 0.05, double rho = 0.9, double eps = 1e-9)
        {
            MeanSquare = rho * MeanSquare + (1 - rho) * gradient * gradient;
            return parameter - learningRate * gradient / (Math.Sqrt(MeanSquare) + eps);
        }
    }

    public sealed class PidAutoTuner
    {
        private RmsPropScalar _kp, _ki;
        public double Kp { get; private set; } = 1.0;
        public double Ki { get; private set; } = 0.1;

        public void Adapt(double dLossdKp, double dLossdKi)
        {
            Kp = _kp.Step(Kp, dLossdKp);
            Ki = _ki.Step(Ki, dLossdKi);
        }
    }
}
