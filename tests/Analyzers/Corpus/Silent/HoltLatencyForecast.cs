namespace Capacity.Planning
{
    /// <summary>Holt's double exponential smoothing of request latency, for a short-term forecast.</summary>
    public sealed class HoltForecaster
    {
        private readonly double _alpha;
        private readonly double _beta;
        private double _level;
        private double _trend;
        private int _seen;

        public HoltForecaster(double alpha = 0.5, double beta = 0.3)
        {
            _alpha = alpha;
            _beta = beta;
        }

        public void Observe(double latencyMs)
        {
            if (_seen++ == 0)
            {
                _level = latencyMs;
                return;
            }

            double previousLevel = _level;
            _level = _alpha * latencyMs + (1 - _alpha) * (_level + _trend);
            _trend = _beta * (_level - previousLevel) + (1 - _beta) * _trend;
        }

        public double Forecast(int stepsAhead) => _level + stepsAhead * _trend;
    }
}
