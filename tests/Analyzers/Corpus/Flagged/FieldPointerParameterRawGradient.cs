using System;

namespace FieldPointerKernel
{
    /// <summary>
    /// AdaGrad over state the caller pins and passes as a pointer (field test, dotnet/machinelearning
    /// src/Microsoft.ML.CpuMath/FactorizationMachine/AvxIntrinsics.cs), with the mutation the field test puts in:
    /// the sum of squares takes the raw gradient.
    /// </summary>
    public static unsafe class PointerAdaGrad
    {
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
}
