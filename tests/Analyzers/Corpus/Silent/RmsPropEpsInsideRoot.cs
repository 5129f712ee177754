using System;
using System.Collections.Generic;

namespace Regression
{
    // Keras and TF1 put eps under the root; the fit below follows them.
    public class LinearFit
    {
        private double _w;
        private double _cache;
        private const double Gamma = 0.9;
        private const double LearningRate = 0.1;
        private const double Eps = 1e-8;

        public double Weight => _w;

        public void Train(IReadOnlyList<(double X, double Y)> samples, int iterations)
        {
            for (int it = 0; it < iterations; it++)
            {
                foreach (var (x, y) in samples)
                {
                    double grad = -(y - _w * x) * x;
                    _cache = Gamma * _cache + (1 - Gamma) * grad * grad;
                    _w = _w - LearningRate * grad / Math.Sqrt(_cache + Eps);
                }
            }
        }
    }
}
