using System;
using System.Linq;

namespace Functional.Optimizers
{
    public static class LinqRmsProp
    {
        public static (double[] Weights, double[] MeanSquare) Step(
            double[] weights, double[] gradients, double[] meanSquare,
            double lr = 0.01, double rho = 0.9, double eps = 1e-8)
        {
            var nextMeanSquare = meanSquare
                .Zip(gradients, (s, g) => rho * s + (1 - rho) * g * g)
                .ToArray();

            var nextWeights = weights
                .Select((w, i) => w - lr * gradients[i] / (Math.Sqrt(nextMeanSquare[i]) + eps))
                .ToArray();

            return (nextWeights, nextMeanSquare);
        }
    }
}
