using RmsProp.Functional;

// A few steps on f(x, y) = x^2 + y^2 through the package, as the README shows them.
var options = new RmsPropOptions { LearningRate = 0.1, Rho = 0.9, Epsilon = 1e-6 };
RmsPropState<double> state = RmsPropOptimizer.Init<double>(options, [5.0, 4.0]);
for (int step = 1; step <= 100; step++)
{
    double[] gradient = [2 * state.Parameters[0], 2 * state.Parameters[1]];
    state = RmsPropOptimizer.Step<double>(state, gradient);
    if (step is 1 or 10 or 100)
    {
        Console.WriteLine($"step {step}: x = {state.Parameters[0]:G6}, y = {state.Parameters[1]:G6}");
    }
}

// RMSProp's first step moves each coordinate by lr / sqrt(1 - rho) = 0.316; after 100 steps the bowl's minimum is near.
double distance = Math.Sqrt(state.Parameters[0] * state.Parameters[0] + state.Parameters[1] * state.Parameters[1]);
if (!(distance < 0.5))
{
    Console.Error.WriteLine($"expected to end near (0, 0), ended {distance} away");
    return 1;
}

return 0;
