using System;

namespace Parity
{
    public static class ReferenceAdam
    {
        // A reference step keeps both moments in one small state array: slot 0 is the raw-gradient mean, slot 1 the
        // mean square; only slot 1 goes under the root.
        public static double Step(double p, double g, double[] st, int t, double lr)
        {
            st[0] = 0.9 * st[0] + 0.1 * g;
            st[1] = 0.999 * st[1] + 0.001 * g * g;
            double c1 = 1 - Math.Pow(0.9, t), c2 = 1 - Math.Pow(0.999, t);
            return p - lr * (st[0] / c1) / (Math.Sqrt(st[1] / c2) + 1e-8);
        }
    }
}
