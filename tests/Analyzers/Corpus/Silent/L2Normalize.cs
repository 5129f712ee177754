using System;

namespace Embeddings
{
    public static class VectorMath
    {
        public static void NormalizeInPlace(float[] v)
        {
            float sumSq = 0;
            for (int i = 0; i < v.Length; i++) sumSq += v[i] * v[i];
            float norm = MathF.Sqrt(sumSq);
            for (int i = 0; i < v.Length; i++) v[i] /= norm;
        }

        public static double Cosine(double[] a, double[] b)
        {
            double dot = 0, na = 0, nb = 0;
            for (int i = 0; i < a.Length; i++)
            {
                dot += a[i] * b[i];
                na += a[i] * a[i];
                nb += b[i] * b[i];
            }
            return dot / (Math.Sqrt(na) * Math.Sqrt(nb));
        }
    }
}
