using System;

// Reduced from harujoh/KelpNet (KelpNet.Function/Optimizers/AdaDelta.cs, by mutation; xin-pu/ML-Sharp writes the same
// np.sqrt((X + eps) / (G + eps))): AdaDelta takes ONE root of the quotient of its two averages, so the gradient's
// average sits under a root the update divides by. Each method has one mistake.
public static class AdaDeltaQuotient
{
    // The gradient's average takes grad, not grad * grad.
    public static void RawGradient(double[] w, double[] g, double[] msg, double[] msdx, double rho, double epsilon)
    {
        for (int i = 0; i < w.Length; i++)
        {
            double grad = g[i];
            msg[i] *= rho;
            msg[i] += (1 - rho) * {|RMSP001:grad|};
            double dx = Math.Sqrt((msdx[i] + epsilon) / (msg[i] + epsilon)) * grad;
            msdx[i] *= rho;
            msdx[i] += (1 - rho) * dx * dx;
            w[i] -= dx;
        }
    }

    // The divisor's average has no epsilon.
    public static void NoEpsilon(double[] w, double[] g, double[] msg, double[] msdx, double rho, double epsilon)
    {
        for (int i = 0; i < w.Length; i++)
        {
            double grad = g[i];
            msg[i] *= rho;
            msg[i] += (1 - rho) * grad * grad;
            double dx = {|RMSP002:Math.Sqrt((msdx[i] + epsilon) / msg[i])|} * grad;
            msdx[i] *= rho;
            msdx[i] += (1 - rho) * dx * dx;
            w[i] -= dx;
        }
    }
}
