using System;

namespace Config
{
    public static class RmsPropDefaults
    {
        public const double PyTorchAlpha = 0.99;
        public const double KerasRho = 0.9;
        public const float FloatDecay = 99 / 100f;
        public const double FromFraction = 9.0 / 10;
        public const double OneMinusSmall = 1 - 1e-3;
        // rho = 0 is legal: the average is then just the last squared gradient.
        public const double NoMemory = 0.0;
    }

    public sealed class ConfiguredRmsProp
    {
        private readonly double[] _s;
        private readonly double _rho = RmsPropDefaults.FromFraction;
        private readonly double _lr = 1e-3;
        private readonly double _eps = 1e-8;

        public ConfiguredRmsProp(int n) { _s = new double[n]; }

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _s[i] = _rho * _s[i] + (1 - _rho) * g[i] * g[i];
                w[i] -= _lr * g[i] / (Math.Sqrt(_s[i]) + _eps);
            }
        }
    }
}
