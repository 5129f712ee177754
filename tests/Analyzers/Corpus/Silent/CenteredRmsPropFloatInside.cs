using System;

namespace Keras.Port
{
    public class CenteredRmsPropInside
    {
        float[] ms, mg;
        readonly float rho = 0.9f, lr = 1e-3f, epsilon = 1e-7f;

        public CenteredRmsPropInside(int n) { ms = new float[n]; mg = new float[n]; }

        public void Apply(float[] var, float[] grad)
        {
            for (int i = 0; i < var.Length; i++)
            {
                ms[i] = rho * ms[i] + (1 - rho) * grad[i] * grad[i];
                mg[i] = rho * mg[i] + (1 - rho) * grad[i];
                var[i] -= lr * grad[i] / MathF.Sqrt(ms[i] - mg[i] * mg[i] + epsilon);
            }
        }
    }
}
