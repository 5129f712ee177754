using System;

namespace Immutable.Training;

public sealed record State(double Weight, double MeanSquare);

public static class ScalarRmsProp
{
    private const double Rho = 0.95;
    private const double Lr = 0.01;
    private const double Eps = 1e-7;

    public static State Step(State state, double grad)
    {
        var next = state with { MeanSquare = Rho * state.MeanSquare + (1 - Rho) * {|RMSP001:grad|} };
        return next with { Weight = next.Weight - Lr * grad / (Math.Sqrt(next.MeanSquare) + Eps) };
    }
}
