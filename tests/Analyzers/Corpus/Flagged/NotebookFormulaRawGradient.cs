using System;

namespace Notebook
{
    // The notebook's stated formula, E[g^2]_t = beta E[g^2]_{t-1} + (1 - beta) dC/dw: the raw gradient, not its square.
    public static class FormulaAsWritten
    {
        public static double[][] RmsProp(double[][] parameters, double lr = 0.001, double beta = 0.9, int epochs = 100, double epsilon = 1e-7)
        {
            var meanSquare = new double[parameters.Length][];
            for (int p = 0; p < parameters.Length; p++) meanSquare[p] = new double[parameters[p].Length];

            for (int epoch = 0; epoch < epochs; epoch++)
            {
                for (int p = 0; p < parameters.Length; p++)
                {
                    for (int v = 0; v < parameters[p].Length; v++)
                    {
                        double gradient = 2 * parameters[p][v];
                        meanSquare[p][v] = beta * meanSquare[p][v] + (1 - beta) * {|RMSP001:gradient|};
                        parameters[p][v] -= lr / Math.Sqrt(meanSquare[p][v] + epsilon) * gradient;
                    }
                }
            }

            return parameters;
        }
    }
}
