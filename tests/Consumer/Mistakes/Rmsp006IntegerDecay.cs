namespace Consumer.Mistakes;

/// <summary>RMSP006: the decay rate is 0 by integer division.</summary>
public static class IntegerDecayRmsProp
{
    public static double Minimize(double x)
    {
        double s = 0;
        double rho = 9 / 10;
        double lr = 0.1, eps = 1e-6;
        for (int epoch = 0; epoch < 100; epoch++)
        {
            double g = 2 * x;
            s = rho * s + (1 - rho) * g * g;
            x -= lr * g / (Math.Sqrt(s) + eps);
        }

        return x;
    }
}
