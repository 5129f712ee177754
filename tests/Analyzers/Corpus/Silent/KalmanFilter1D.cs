namespace Sensors
{
    public sealed class ScalarKalmanFilter
    {
        private double _estimate;
        private double _errorCovariance;
        private readonly double _processNoise;
        private readonly double _measurementNoise;

        public ScalarKalmanFilter(double initial, double processNoise = 1e-5, double measurementNoise = 1e-2)
        {
            _estimate = initial;
            _errorCovariance = 1.0;
            _processNoise = processNoise;
            _measurementNoise = measurementNoise;
        }

        public double Update(double measurement)
        {
            _errorCovariance += _processNoise;
            double gain = _errorCovariance / (_errorCovariance + _measurementNoise);
            _estimate += gain * (measurement - _estimate);
            _errorCovariance = (1 - gain) * _errorCovariance;
            return _estimate;
        }
    }
}
