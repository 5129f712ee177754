// Reduced from mdabros/SharpLearning NeuralNetOptimizer.cs (RMSProp case, lines 245-246) with the mutation
// `Math.Sqrt(gsumi[j])` -> `Math.Sqrt(gij * gij)`: the average is still updated, but the update divides by |g|.
// The same mutation in encog's RMSPropUpdate.cs (`Math.Sqrt(gradients[i] * gradients[i])`) IS reported.
using System;

public sealed class RmsPropCase
{
    private readonly double[] _gsum;
    private readonly double _rho = 0.95, _lr = 0.001, _eps = 1e-8;

    public RmsPropCase(int n) => _gsum = new double[n];

    public void Update(double[] parameters, double[] gradients, double batchSize)
    {
        for (int j = 0; j < parameters.Length; j++)
        {
            var gij = gradients[j] / batchSize;   // a local computed from the gradient
            _gsum[j] = _rho * _gsum[j] + (1.0 - _rho) * gij * gij;
            var dx = -_lr * gij / ({|RMSP007:Math.Sqrt(gij * gij)|} + _eps);   // RMSP007 expected here
            parameters[j] += dx;
        }
    }
}
