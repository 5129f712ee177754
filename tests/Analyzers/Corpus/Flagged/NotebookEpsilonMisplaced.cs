using System;

namespace Notebook
{
    // epsilon is in the update, but added to the step instead of to the denominator, where it would prevent 0/0.
    public static class EpsilonMisplaced
    {
        public static double[] RmsProp(double[] parameters, double lr = 0.001, double beta = 0.9, int epochs = 100, double epsilon = 1e-7)
        {
            var meanSquare = new double[parameters.Length];
            for (int epoch = 0; epoch < epochs; epoch++)
            {
                for (int j = 0; j < parameters.Length; j++)
                {
                    double gradient = 2 * parameters[j];
                    meanSquare[j] = beta * meanSquare[j] + (1 - beta) * gradient * gradient;
                    parameters[j] -= lr / {|RMSP002:Math.Sqrt(meanSquare[j])|} * gradient + epsilon;
                }
            }

            return parameters;
        }
    }
}
