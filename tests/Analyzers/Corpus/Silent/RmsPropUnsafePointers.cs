using System;

namespace Fast.Cpu
{
    public static unsafe class PointerRmsProp
    {
        /// <summary>Pinned, bounds-check-free RMSProp over a layer's weights.</summary>
        public static void Update(float[] weights, float[] gradients, float[] meanSquare, float alpha, float rho, float epsilon)
        {
            int n = weights.Length;
            fixed (float* pw = weights, pg = gradients, pms = meanSquare)
            {
                for (int x = 0; x < n; x++)
                {
                    float g = pg[x];
                    pms[x] = rho * pms[x] + (1 - rho) * g * g;
                    pw[x] -= alpha * g / (MathF.Sqrt(pms[x]) + epsilon);
                }
            }
        }
    }
}
