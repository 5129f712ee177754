using System;
using System.Diagnostics;

namespace Service.Telemetry
{
    public sealed class LatencyTracker
    {
        private const double Alpha = 0.2;
        private double _smoothedMs;
        private bool _initialised;

        public double SmoothedMilliseconds => _smoothedMs;

        public void Record(TimeSpan elapsed)
        {
            double sample = elapsed.TotalMilliseconds;
            if (!_initialised)
            {
                _smoothedMs = sample;
                _initialised = true;
                return;
            }

            _smoothedMs += Alpha * (sample - _smoothedMs);
        }

        public T Measure<T>(Func<T> action)
        {
            var sw = Stopwatch.StartNew();
            try { return action(); }
            finally { Record(sw.Elapsed); }
        }
    }
}
