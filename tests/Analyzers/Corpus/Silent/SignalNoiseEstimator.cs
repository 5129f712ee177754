using System;

namespace Radio.Dsp
{
    public sealed class SnrEstimator
    {
        private double _signalPower;
        private double _noisePower = 1e-3;
        private const double Decay = 0.98;

        public double SnrDb => 10 * Math.Log10(_signalPower / _noisePower);

        public void Push(double sample, bool isNoiseFrame)
        {
            double p = sample * sample;
            if (isNoiseFrame)
                _noisePower = Decay * _noisePower + (1 - Decay) * p;
            else
                _signalPower = Decay * _signalPower + (1 - Decay) * p;
        }

        public double NormalizedAmplitude(double sample) => sample / Math.Sqrt(_noisePower);
    }
}
