using System;

namespace Immutable.Training;

public sealed record RmsPropSettings(double LearningRate = 0.01, double Rho = 0.99, double Epsilon = 1e-8);

public sealed record ScalarState(double Weight, double MeanSquare);

public static class ScalarRmsProp
{
    public static ScalarState Step(ScalarState state, double gradient, RmsPropSettings settings)
    {
        var meanSquare = settings.Rho * state.MeanSquare + (1 - settings.Rho) * gradient * gradient;
        return state with
        {
            MeanSquare = meanSquare,
            Weight = state.Weight - settings.LearningRate * gradient / (Math.Sqrt(meanSquare) + settings.Epsilon),
        };
    }
}
