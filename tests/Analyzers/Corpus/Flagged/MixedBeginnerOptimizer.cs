using System;

namespace Homework
{
    public class MyRmsProp
    {
        private double[] s;
        private double rho = {|RMSP006:9 / 10|};
        private double lr = 0.01;

        public MyRmsProp(int n) { s = new double[n]; }

        public void Step(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                w[i] = w[i] - lr * g[i] / {|RMSP002:Math.Sqrt({|RMSP005:s[i]|})|};
                s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
            }
        }
    }
}
