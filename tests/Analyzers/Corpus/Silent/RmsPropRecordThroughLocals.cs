using System;
namespace Shapes.RecordLocals
{
    public sealed record State(double Square, double Weight);
    public static class RecordStep
    {
        public static State Step(State state, double g, double rho, double lr)
        {
            // The old value read out of the record, the new one stored back with `with`.
            double previous = state.Square;
            double square = rho * previous + (1 - rho) * g * g;
            return state with { Square = square, Weight = state.Weight - lr * g / (Math.Sqrt(square) + 1e-8) };
        }
    }
}
