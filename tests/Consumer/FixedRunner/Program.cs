using Consumer.Mistakes;

// Each fixed step, five steps on f(w) = sum w^2 from a start with a zero coordinate (a zero gradient: 0/0 without
// eps). A step fails when it throws, leaves a NaN or an infinity in w, or ends away from the textbook RMSProp with the
// class's own hyperparameters (lr, rho, eps outside the root, the average starting at 0 and kept across steps).
// Before the fixes every class fails one of these: RMSP001 and RMSP002 with a NaN, the others by their trajectory.
double[] start = [0.5, -1.5, 0.0, 2.0];
int failures = 0;
double[] textbook = Textbook(lr: 0.01, rho: 0.9, eps: 1e-8);

Run("RMSP001 RawGradientRmsProp", () => Steps(new RawGradientRmsProp(start.Length).Step), textbook);
Run("RMSP002 NoEpsilonRmsProp", () => Steps(new NoEpsilonRmsProp(start.Length).Step), textbook);
Run("RMSP003 SwappedWeightsRmsProp", () => Steps(new SwappedWeightsRmsProp(start.Length).Step), textbook);
Run("RMSP004 StateResetRmsProp", () =>
{
    var optimizer = new StateResetRmsProp();
    float[] w = [.. start.Select(x => (float)x)];
    for (int step = 0; step < 5; step++)
    {
        optimizer.Step(w, [.. w.Select(x => 2 * x)]);
    }

    return [.. w.Select(x => (double)x)];
}, Textbook(lr: 1e-3, rho: 0.9, eps: 1e-7));
Run("RMSP005 StaleAverageRmsProp", () => Steps(new StaleAverageRmsProp(start.Length).Step), textbook);
Run("RMSP006 IntegerDecayRmsProp", () => [IntegerDecayRmsProp.Minimize(3.0)], [0.0]);
return failures == 0 ? 0 : 1;

// The rule the fixes restore, in double: s = rho*s + (1-rho)*g^2, w -= lr*g/(sqrt(s) + eps), g = 2w.
double[] Textbook(double lr, double rho, double eps)
{
    double[] w = (double[])start.Clone(), s = new double[w.Length];
    for (int step = 0; step < 5; step++)
    {
        for (int i = 0; i < w.Length; i++)
        {
            double g = 2 * w[i];
            s[i] = rho * s[i] + (1 - rho) * g * g;
            w[i] -= lr * g / (Math.Sqrt(s[i]) + eps);
        }
    }

    return w;
}

double[] Steps(Action<double[], double[]> step)
{
    double[] w = (double[])start.Clone();
    for (int i = 0; i < 5; i++)
    {
        step(w, [.. w.Select(x => 2 * x)]);
    }

    return w;
}

// Within 1e-5 of the expected value (absolute, the parameters are of order 1): the float class and a fix that puts
// eps inside the root land within that, a wrong rule lands 1e-2 or more away.
void Run(string name, Func<double[]> run, double[] expected)
{
    try
    {
        double[] w = run();
        bool good = w.All(double.IsFinite) && w.Length == expected.Length && w.Zip(expected).All(p => Math.Abs(p.First - p.Second) <= 1e-5);
        Console.WriteLine($"{(good ? "ran " : "BAD ")} {name}: w = [{string.Join(", ", w.Select(x => x.ToString("G6")))}], expected [{string.Join(", ", expected.Select(x => x.ToString("G6")))}]");
        failures += good ? 0 : 1;
    }
    catch (Exception error)
    {
        Console.WriteLine($"BAD  {name}: {error.GetType().Name}: {error.Message}");
        failures++;
    }
}
