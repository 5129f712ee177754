using System;
using System.Collections.Generic;

namespace Learners
{
    public sealed class LayerUpdater
    {
        private readonly List<double[]> _meanSquares = new();
        private readonly double _lr = 0.001, _rho = 0.95, _eps = 1e-8;

        public void AddLayer(int size) => _meanSquares.Add(new double[size]);

        public void Update(int layer, float[] parameters, float[] gradients)
        {
            for (int j = 0; j < parameters.Length; j++)
            {
                // A local view of the layer's persistent state; null only before any layer was added.
                double[]? meanSquare = null;
                if (_meanSquares.Count > 0)
                    meanSquare = _meanSquares[layer];
                if (meanSquare is null) return;

                double g = gradients[j];
                meanSquare[j] = _rho * meanSquare[j] + (1 - _rho) * g * g;
                parameters[j] -= (float)(_lr * g / (Math.Sqrt(meanSquare[j]) + _eps));
            }
        }
    }
}
