using System;

namespace Stats
{
    public sealed class RunningStatistics
    {
        private long _count;
        private double _mean;
        private double _m2;

        public void Push(double x)
        {
            _count++;
            double delta = x - _mean;
            _mean += delta / _count;
            _m2 += delta * (x - _mean);
        }

        public double Mean => _mean;
        public double Variance => _count > 1 ? _m2 / (_count - 1) : 0.0;
        public double StandardDeviation => Math.Sqrt(Variance);

        public double ZScore(double x) => (x - _mean) / Math.Sqrt(Variance);
    }
}
