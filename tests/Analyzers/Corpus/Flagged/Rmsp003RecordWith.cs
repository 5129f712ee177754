using System;

namespace Immutable.Training;

public sealed record State(double W, double S);

public static class ScalarRmsProp
{
    private const double Rho = 0.9, Lr = 0.01, Eps = 1e-8;

    public static State Step(State state, double grad)
    {
        var next = state with { S = {|RMSP003:(1 - Rho) * state.S + Rho * grad * grad|} };
        return next with { W = next.W - Lr * grad / (Math.Sqrt(next.S) + Eps) };
    }
}
