using System;

namespace Notebook
{
    // updated_gradient = np.empty(...) sits inside the epoch loop, so nothing carries over from one epoch to the next.
    public static class StateRebuiltEveryEpoch
    {
        public static double[,] RmsProp(double[,] parameters, double lr = 0.001, double beta = 0.9, int epochs = 100, double epsilon = 1e-7)
        {
            int rows = parameters.GetLength(0), columns = parameters.GetLength(1);
            for (int epoch = 0; epoch < epochs; epoch++)
            {
                var updatedGradient = {|RMSP004:new double[rows, columns]|};
                for (int p = 0; p < rows; p++)
                {
                    for (int v = 0; v < columns; v++)
                    {
                        double gradient = 2 * parameters[p, v];
                        updatedGradient[p, v] = beta * updatedGradient[p, v] + (1 - beta) * gradient * gradient;
                        parameters[p, v] -= lr / Math.Sqrt(updatedGradient[p, v] + epsilon) * gradient;
                    }
                }
            }

            return parameters;
        }
    }
}
