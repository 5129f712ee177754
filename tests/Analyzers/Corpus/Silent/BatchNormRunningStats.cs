using System;

namespace Layers
{
    /// <summary>Batch normalisation; momentum weights the new batch statistic, as in PyTorch.</summary>
    public sealed class BatchNorm1d
    {
        private readonly double[] _runningMean;
        private readonly double[] _runningVar;
        private readonly double _momentum;
        private readonly double _eps;

        public BatchNorm1d(int features, double momentum = 0.1, double eps = 1e-5)
        {
            _runningMean = new double[features];
            _runningVar = new double[features];
            Array.Fill(_runningVar, 1.0);
            _momentum = momentum;
            _eps = eps;
        }

        public void Train(double[][] batch)
        {
            int f = _runningMean.Length;
            for (int j = 0; j < f; j++)
            {
                double mean = 0, var = 0;
                foreach (var row in batch) mean += row[j];
                mean /= batch.Length;
                foreach (var row in batch) var += (row[j] - mean) * (row[j] - mean);
                var /= batch.Length;

                foreach (var row in batch) row[j] = (row[j] - mean) / Math.Sqrt(var + _eps);

                _runningMean[j] = (1 - _momentum) * _runningMean[j] + _momentum * mean;
                _runningVar[j] = (1 - _momentum) * _runningVar[j] + _momentum * var;
            }
        }

        public double Infer(int feature, double x) =>
            (x - _runningMean[feature]) / Math.Sqrt(_runningVar[feature] + _eps);
    }
}
