using System;

// Reduced from ooples/AiDotNet (src/Autodiff/TensorOperations.cs, the backward passes of PoincareExpMap and
// PoincareLogMap): the L2 norm of one vector, summed afresh on every call, divides only after a branch that leaves
// when the norm is below a small constant. That branch is a floor by control flow, an epsilon in effect: silent.
public static class GuardedNorm
{
    public static void Backward(double[] v, double[] outGrad, double[] gradV)
    {
        double sqNormV = 0;
        for (int i = 0; i < v.Length; i++)
            sqNormV += v[i] * v[i];

        double normV = Math.Sqrt(sqNormV);
        if (normV < 1e-10)
            return;

        for (int i = 0; i < v.Length; i++)
            gradV[i] += outGrad[i] * v[i] / normV;
    }

    // The same guard in a loop over rows (AiDotNet's PoincareLogMap leaves the row with `continue`).
    public static void BackwardRows(double[][] rows, double[][] outGrad, double[][] gradRows)
    {
        for (int r = 0; r < rows.Length; r++)
        {
            double sqNorm = 0;
            for (int i = 0; i < rows[r].Length; i++)
                sqNorm += rows[r][i] * rows[r][i];

            double norm = Math.Sqrt(sqNorm);
            if (1e-12 >= norm)
                continue;

            for (int i = 0; i < rows[r].Length; i++)
                gradRows[r][i] += outGrad[r][i] * rows[r][i] / norm;
        }
    }
}
