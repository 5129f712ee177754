using System;
using System.Collections.Generic;

namespace Trading.Indicators
{
    public sealed class ExponentialMovingAverage
    {
        private readonly double _alpha;
        private double? _value;

        public ExponentialMovingAverage(int period)
        {
            if (period < 1) throw new ArgumentOutOfRangeException(nameof(period));
            _alpha = 2.0 / (period + 1);
        }

        public double Update(double price)
        {
            _value = _value is null ? price : _alpha * price + (1 - _alpha) * _value.Value;
            return _value.Value;
        }

        public static IEnumerable<double> Macd(IEnumerable<double> closes)
        {
            var fast = new ExponentialMovingAverage(12);
            var slow = new ExponentialMovingAverage(26);
            foreach (var close in closes)
                yield return fast.Update(close) - slow.Update(close);
        }
    }
}
