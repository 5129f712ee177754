using System;

namespace Records.CombinedInLocals.Correct
{
    public sealed record Moments(double Weight, double MeanSquare);

    /// <summary>
    /// The old value is read from a record field into a local, decayed in a second local, combined with the squared
    /// gradient in a third and stored back with `with`.
    /// </summary>
    public sealed class RecordRmsProp
    {
        private const double Rho = 0.9, Lr = 0.01, Eps = 1e-8;
        private Moments _state = new(0, 0);

        public double Step(double grad)
        {
            double previous = _state.MeanSquare;
            double decayed = Rho * previous;
            double fresh = (1 - Rho) * grad * grad;
            double next = decayed + fresh;
            _state = _state with { MeanSquare = next };
            _state = _state with { Weight = _state.Weight - Lr * grad / (Math.Sqrt(_state.MeanSquare) + Eps) };
            return _state.Weight;
        }
    }
}
