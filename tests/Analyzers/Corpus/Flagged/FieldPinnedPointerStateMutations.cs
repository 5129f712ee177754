// Reduced from Sergio0694/NeuralNetwork.NET WeightsUpdaters.cs (AdaGrad/RMSProp/Adam over `fixed (float* pm = mW[i])`)
// and dotnet/machinelearning AvxIntrinsics.cs (FFM AdaGrad over `float* phw` parameters).
// Each step method here has ONE mistake; the same code indexing the arrays directly is reported.
using System;

public sealed unsafe class PinnedRmsProp
{
    private readonly float[] _ms;
    private readonly float _rho = 0.9f;

    public PinnedRmsProp(int n) => _ms = new float[n];

    // RMSP001 expected at the average: `(1 - _rho) * g[i]` should be g[i] * g[i].
    public void RawGradient(float[] w, float[] g, float lr)
    {
        fixed (float* pw = w, pm = _ms)
        {
            for (int i = 0; i < w.Length; i++)
            {
                pm[i] = _rho * pm[i] + (1 - _rho) * {|RMSP001:g[i]|};
                pw[i] -= lr * g[i] / ((float)Math.Sqrt(pm[i]) + 1e-8f);
            }
        }
    }

    // RMSP002 expected at the root: nothing keeps Math.Sqrt(pm[i]) away from 0.
    public void NoEpsilon(float[] w, float[] g, float lr)
    {
        fixed (float* pw = w, pm = _ms)
        {
            for (int i = 0; i < w.Length; i++)
            {
                pm[i] = _rho * pm[i] + (1 - _rho) * g[i] * g[i];
                pw[i] -= lr * g[i] / (float){|RMSP002:Math.Sqrt(pm[i])|};
            }
        }
    }
}

public static unsafe class PointerAdaGrad
{
    // As ML.NET's FFM kernel: the state arrives as a pointer parameter (pinned by the caller).
    // RMSP001 expected at `ph[i] += g[i];` (the sum of squares takes the raw gradient).
    public static void Step(float* pw, float* ph, float* pg, int n, float lr)
    {
        for (int i = 0; i < n; i++)
        {
            float g = pg[i];
            ph[i] += {|RMSP001:g|};
            pw[i] -= lr / MathF.Sqrt(ph[i] + 1e-8f) * g;
        }
    }
}
