// Reduced from mdabros/SharpLearning NeuralNetOptimizer.cs (lines 176-182, 244-247) as it is written: the step picks
// each layer's persistent state into a local (`double[] gsumi = null; if (gsum.Count > 0) gsumi = gsum[i];`), so the
// average persists across calls. Flagged/FieldLocalStateFreshArray.cs is the same code given a new array instead.
using System;
using System.Collections.Generic;

public sealed class LayeredRmsProp
{
    private readonly List<double[]> _gsum = new();
    private readonly double _rho = 0.95, _lr = 0.001, _eps = 1e-8;

    public void UpdateParameters(List<double[]> parameters, List<double[]> gradients)
    {
        for (int i = 0; i < parameters.Count; i++)
        {
            if (_gsum.Count < parameters.Count) _gsum.Add(new double[parameters[i].Length]);
            double[] gsumi = null!;
            if (_gsum.Count > 0)
            {
                gsumi = _gsum[i];
            }

            for (int j = 0; j < parameters[i].Length; j++)
            {
                var g = gradients[i][j];
                gsumi[j] = _rho * gsumi[j] + (1.0 - _rho) * g * g;
                parameters[i][j] -= _lr * g / (Math.Sqrt(gsumi[j]) + _eps);
            }
        }
    }
}
