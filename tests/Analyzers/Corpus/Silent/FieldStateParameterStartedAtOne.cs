using System;

// Reduced from dotnet/machinelearning (src/Microsoft.ML.CpuMath/FactorizationMachine/AvxIntrinsics.cs, the FFM
// kernel's AdaGrad on the linear term): the accumulated squared gradients arrive as a pointer parameter, and the
// trainer that owns them (FactorizationMachineTrainer.cs, another assembly) fills them with 1 before training, as
// FFM's published AdaGrad does. The sum only grows from where its owner starts it, and nothing here starts it at 0,
// so the root's lower bound is not this type's to know: silent. (The field-held version is FieldAdaGradStartingAtOne.)
public static unsafe class FieldAwareKernel
{
    public static void UpdateLinear(int* featureIndices, float* featureValues, float* linearWeights,
        float* linearAccumulatedSquaredGrads, float lambdaLinear, float learningRate, float weight, int count, float slope)
    {
        float* pw = linearWeights;
        float* phw = linearAccumulatedSquaredGrads;
        for (int i = 0; i < count; i++)
        {
            int j = featureIndices[i];
            float g = weight * (lambdaLinear * pw[j] + slope * featureValues[i]);
            phw[j] += g * g;
            pw[j] -= learningRate / MathF.Sqrt(phw[j]) * g;
        }
    }

    // The same sum as an array parameter (the managed spelling of the same kernel).
    public static void UpdateLinear(float[] weights, float[] accumulatedSquaredGrads, float[] gradients, float learningRate)
    {
        for (int j = 0; j < weights.Length; j++)
        {
            float g = gradients[j];
            accumulatedSquaredGrads[j] += g * g;
            weights[j] -= learningRate * g / MathF.Sqrt(accumulatedSquaredGrads[j]);
        }
    }
}
