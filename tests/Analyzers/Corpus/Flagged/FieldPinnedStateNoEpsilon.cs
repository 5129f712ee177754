using System;

namespace PinnedOptimizers
{
    // Reduced from NeuralNetwork.NET's WeightsUpdaters.cs with its epsilon taken out: the accumulator is a captured
    // array of the factory, reached through a pointer pinned on it, as high-performance optimizers write it. Without
    // `fixed` (indexing m[i] directly) the rules report it; through the pinned pointer they do not see the state.
    public static class Updaters
    {
        public static Action<int, float[], float[]> AdaGrad(int layers, int size, float eta)
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
                        pw[x] -= eta * gi / (float){|RMSP002:Math.Sqrt(pm[x])|};
                    }
                }
            }

            return Minimize;
        }
    }
}
