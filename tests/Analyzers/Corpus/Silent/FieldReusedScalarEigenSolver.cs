using System;

namespace LinearAlgebra
{
    public static class ReusedScalar
    {
        // One scalar reused for unrelated quantities in one long routine, as eigenvalue solvers ported from Fortran do:
        // first a shift under a square root, later a copy of a dot product.
        public static double Step(double[,] h, int n, double x, double y, double w, double p)
        {
            double exshift = 0;
            double s = (y - x) / 2;
            s = s * s + w;
            if (s > 0)
            {
                s = Math.Sqrt(s);
                s = x - w / ((y - x) / 2 + s);
                for (int i = 0; i <= n; i++)
                    h[i, i] -= s;
                exshift += s;
            }

            for (int i = n - 2; i >= 0; i--)
            {
                double sa = 0;
                for (int j = i; j <= n; j++)
                    sa = sa + h[i, j] * h[j, n];
                s = sa;
                h[i, n] = -s / (h[i, i] - p);
            }

            return exshift;
        }
    }
}
