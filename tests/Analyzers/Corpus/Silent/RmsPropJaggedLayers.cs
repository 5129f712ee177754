using System;

namespace Perceptron;

public class Layer
{
    public double[][] Weights = Array.Empty<double[]>();
    public double[][] WeightGradients = Array.Empty<double[]>();
}

public class LayerwiseRmsProp
{
    private readonly double[][][] _cache;
    private readonly double _lr;
    private readonly double _decay;
    private readonly double _eps;

    public LayerwiseRmsProp(Layer[] layers, double lr = 0.001, double decay = 0.9, double eps = 1e-6)
    {
        _lr = lr;
        _decay = decay;
        _eps = eps;
        _cache = new double[layers.Length][][];
        for (int l = 0; l < layers.Length; l++)
        {
            _cache[l] = new double[layers[l].Weights.Length][];
            for (int j = 0; j < layers[l].Weights.Length; j++)
                _cache[l][j] = new double[layers[l].Weights[j].Length];
        }
    }

    public void Update(Layer[] layers)
    {
        for (int l = 0; l < layers.Length; l++)
        {
            var w = layers[l].Weights;
            var dw = layers[l].WeightGradients;
            for (int j = 0; j < w.Length; j++)
            {
                for (int k = 0; k < w[j].Length; k++)
                {
                    _cache[l][j][k] = _decay * _cache[l][j][k] + (1 - _decay) * dw[j][k] * dw[j][k];
                    w[j][k] -= _lr * dw[j][k] / (Math.Sqrt(_cache[l][j][k]) + _eps);
                }
            }
        }
    }
}
