using System;

namespace Net.Transport
{
    /// <summary>Jacobson/Karels round-trip estimation (RFC 6298): the gains weight the NEW sample.</summary>
    public sealed class RttEstimator
    {
        private const double Alpha = 1.0 / 8;
        private const double Beta = 1.0 / 4;
        private double _srtt;
        private double _rttvar;
        private bool _first = true;

        public TimeSpan RetransmissionTimeout =>
            TimeSpan.FromMilliseconds(Math.Max(1000, _srtt + 4 * _rttvar));

        public void OnSample(double rttMs)
        {
            if (_first)
            {
                _srtt = rttMs;
                _rttvar = rttMs / 2;
                _first = false;
                return;
            }

            _rttvar = (1 - Beta) * _rttvar + Beta * Math.Abs(_srtt - rttMs);
            _srtt = (1 - Alpha) * _srtt + Alpha * rttMs;
        }
    }
}
