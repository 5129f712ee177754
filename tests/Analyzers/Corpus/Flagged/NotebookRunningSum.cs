using System;

namespace Notebook
{
    // gradient_sum += gradient: a running sum of raw gradients, never decayed and never squared, drives the step.
    public static class RunningSum
    {
        public static double[][] RmsProp(double[][] parameters, double lr = 0.001, int epochs = 100, double epsilon = 1e-7)
        {
            var gradientSum = new double[parameters.Length][];
            for (int p = 0; p < parameters.Length; p++) gradientSum[p] = new double[parameters[p].Length];

            for (int epoch = 0; epoch < epochs; epoch++)
            {
                for (int p = 0; p < parameters.Length; p++)
                {
                    for (int v = 0; v < parameters[p].Length; v++)
                    {
                        double gradient = 2 * parameters[p][v];
                        gradientSum[p][v] += {|RMSP001:gradient|};
                        parameters[p][v] -= lr * gradient / Math.Sqrt(gradientSum[p][v] + epsilon);
                    }
                }
            }

            return parameters;
        }
    }
}
