using System;
namespace Shapes.RecordLocals
{
    public sealed record State(double Square, double Weight);
    public static class RecordStep
    {
        public static State Step(State state, double g, double rho, double lr)
        {
            double previous = state.Square;
            double square = {|RMSP003:(1 - rho) * previous + rho * g * g|};
            return state with { Square = square, Weight = state.Weight - lr * g / (Math.Sqrt(square) + 1e-8) };
        }
    }
}
