using System;

namespace Notebook
{
    // The notebook's code, beta * g**2 + (1 - beta) * ...: beta lands on the new squared gradient.
    public static class SwappedWeights
    {
        public static double[][] RmsProp(double[][] parameters, double lr = 0.001, double beta = 0.9, int epochs = 100, double epsilon = 1e-7)
        {
            var updatedGradient = new double[parameters.Length][];
            for (int p = 0; p < parameters.Length; p++) updatedGradient[p] = new double[parameters[p].Length];

            for (int epoch = 0; epoch < epochs; epoch++)
            {
                for (int p = 0; p < parameters.Length; p++)
                {
                    for (int v = 0; v < parameters[p].Length; v++)
                    {
                        double gradient = 2 * parameters[p][v];
                        updatedGradient[p][v] = {|RMSP003:beta * Math.Pow(gradient, 2) + (1 - beta) * updatedGradient[p][v]|};
                        parameters[p][v] -= lr / Math.Sqrt(updatedGradient[p][v] + epsilon) * gradient;
                    }
                }
            }

            return parameters;
        }
    }
}
