using System;

namespace Physics
{
    public static class Gravity
    {
        public static void Step(double[] x, double[] y, double[] vx, double[] vy, double dt, double softening = 1e-3)
        {
            for (int i = 0; i < x.Length; i++)
            {
                double ax = 0, ay = 0;
                for (int j = 0; j < x.Length; j++)
                {
                    if (i == j) continue;
                    double dx = x[j] - x[i], dy = y[j] - y[i];
                    double r2 = dx * dx + dy * dy + softening * softening;
                    double inv = 1.0 / (r2 * Math.Sqrt(r2));
                    ax += dx * inv;
                    ay += dy * inv;
                }
                vx[i] += ax * dt;
                vy[i] += ay * dt;
            }
            for (int i = 0; i < x.Length; i++)
            {
                x[i] += vx[i] * dt;
                y[i] += vy[i] * dt;
            }
        }
    }
}
