using System;
using System.Collections.Generic;

namespace Training
{
    public sealed class RmsPropOptimizer
    {
        private readonly double[] _meanSquare;
        private readonly double _lr = 1e-3, _rho = 0.9, _eps = 1e-7;
        private long _step;

        public RmsPropOptimizer(int n) { _meanSquare = new double[n]; }

        public long StepCount => _step;

        /// <summary>Forget the statistics, e.g. when a new task starts.</summary>
        public void Reset() => Array.Clear(_meanSquare);

        /// <summary>Restart the warm-up schedule only; the statistics are kept.</summary>
        public void ResetSchedule() => _step = 0;

        public void Step(double[] w, double[] g)
        {
            double lr = _lr * Math.Min(1.0, ++_step / 100.0);
            for (int i = 0; i < w.Length; i++)
            {
                _meanSquare[i] = _rho * _meanSquare[i] + (1 - _rho) * g[i] * g[i];
                w[i] -= lr * g[i] / (Math.Sqrt(_meanSquare[i]) + _eps);
            }
        }
    }

    /// <summary>An ordinary moving average with a root: a meter, no optimizer step.</summary>
    public sealed class RmsMeter
    {
        private double _meanSquare;
        public double Level => Math.Sqrt(_meanSquare);
        public void Add(double x) => _meanSquare = 0.95 * _meanSquare + 0.05 * x * x;
        public void Reset() => _meanSquare = 0;
    }

    public static class Training
    {
        // Each epoch starts from fresh statistics by design; the batches of an epoch share them.
        public static void Fit(RmsPropOptimizer optimizer, double[] w, IReadOnlyList<double[]> batches, int epochs)
        {
            optimizer.Reset();
            for (int epoch = 0; epoch < epochs; epoch++)
            {
                optimizer.Reset();
                foreach (double[] gradient in batches)
                {
                    optimizer.ResetSchedule();
                    optimizer.Step(w, gradient);
                }
            }
        }

        // One optimizer per layer, built in one loop and stepped in another.
        public static void FitLayers(double[][] layers, Func<int, double[]> gradientOf, int steps)
        {
            var optimizers = new List<RmsPropOptimizer>();
            foreach (double[] layer in layers)
            {
                var optimizer = new RmsPropOptimizer(layer.Length);
                optimizers.Add(optimizer);
            }

            for (int step = 0; step < steps; step++)
            {
                for (int l = 0; l < layers.Length; l++)
                {
                    optimizers[l].Step(layers[l], gradientOf(l));
                }
            }
        }

        // Created lazily, and restarted every thousand batches on purpose.
        public static void FitWithRestarts(double[] w, IReadOnlyList<double[]> batches)
        {
            RmsPropOptimizer optimizer = null;
            var meter = new RmsMeter();
            for (int b = 0; b < batches.Count; b++)
            {
                optimizer ??= new RmsPropOptimizer(w.Length);
                if (b % 1000 == 999)
                {
                    optimizer.Reset();
                }

                optimizer.Step(w, batches[b]);
                meter.Reset();
                meter.Add(batches[b][0]);
            }
        }
    }
}
