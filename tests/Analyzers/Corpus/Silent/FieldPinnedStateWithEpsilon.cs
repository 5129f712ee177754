using System;

namespace PinnedOptimizers
{
    // Reduced from NeuralNetwork.NET's WeightsUpdaters.cs as it is written, epsilon included: the accumulator is a
    // captured array of the factory, reached through a pointer pinned on it. The model sees the pinned pointer as the
    // accumulator (Flagged/FieldPinnedStateNoEpsilon.cs is the same code without the epsilon), and this is correct
    // AdaGrad: nothing to report.
    public static class Updaters
    {
        public static Action<int, float[], float[]> AdaGrad(int layers, int size, float eta, float epsilon)
        {
            float[][] m = new float[layers][];
            for (int i = 0; i < layers; i++)
                m[i] = new float[size];

            unsafe void Minimize(int i, float[] g, float[] w)
            {
                fixed (float* pw = w, pm = m[i], pg = g)
                {
                    for (int x = 0; x < w.Length; x++)
                    {
                        float gi = pg[x];
                        pm[x] += gi * gi;
                        pw[x] -= eta * gi / ((float)Math.Sqrt(pm[x]) + epsilon);
                    }
                }
            }

            return Minimize;
        }
    }
}
