// Reduced from harujoh/KelpNet (KelpNet.Function/Optimizers/AdaGrad.cs): the optimizer class keeps one sum per
// parameter, allocated fresh (zeros), and hands it to a static update of another class. Mistake: the epsilon of the
// update is gone. The update alone cannot tell who starts its sum (ML.NET's FFM kernel, whose trainer starts it at 1,
// is silent: Silent/FieldStateParameterStartedAtOne.cs); here the caller in the same compilation starts it at 0.
using System;
using System.Collections.Generic;

public static class AdaGradParameter
{
    public static void UpdateFunctionParameters(double learningRate, double[] h, double[] data, double[] grad)
    {
        for (int i = 0; i < data.Length; i++)
        {
            double g = grad[i];
            h[i] += g * g;
            data[i] -= learningRate * g / {|RMSP002:Math.Sqrt(h[i])|};
        }
    }
}

public sealed class AdaGradOptimizer
{
    private readonly List<double[]> _h = new List<double[]>();
    private readonly List<(double[] Data, double[] Grad)> _parameters = new List<(double[], double[])>();

    public double LearningRate { get; set; } = 0.01;

    public void AddFunctionParameter(double[] data, double[] grad)
    {
        _parameters.Add((data, grad));
        _h.Add(new double[data.Length]);
    }

    public void Update()
    {
        for (int i = 0; i < _parameters.Count; i++)
        {
            AdaGradParameter.UpdateFunctionParameters(LearningRate, _h[i], _parameters[i].Data, _parameters[i].Grad);
        }
    }
}
