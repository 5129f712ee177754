using System;

namespace Blog.Optimizers
{
    /// <summary>A port of a blog post's "RMSProp": lr / sqrt(gradient + epsilon), with no running average at all.</summary>
    public sealed class BlogRmsProp
    {
        private readonly double _lr;
        private const double Epsilon = 1e-8;

        public BlogRmsProp(double lr = 0.01) { _lr = lr; }

        public void Step(double[] w, double[] gradient)
        {
            for (int i = 0; i < w.Length; i++)
            {
                w[i] -= _lr / {|RMSP007:Math.Sqrt(gradient[i] + Epsilon)|} * gradient[i];
            }
        }
    }
}
