using System;

namespace Immutable.Training;

public sealed record State(double W, double S);

public static class ScalarRmsProp
{
    private const double Rho = 0.9, Lr = 0.01, Eps = 1e-8;

    public static State Step(State state, double grad) => state with
    {
        W = state.W - Lr * grad / (Math.Sqrt({|RMSP005:state.S|}) + Eps),
        S = Rho * state.S + (1 - Rho) * grad * grad,
    };
}
