// The first code a new user reads: RMSProp next to plain gradient descent at the same learning rate,
// on the two worked examples the project was built from, and on one problem that shows why RMSProp exists.
using System;
using RmsProp.Functional;

// Source 000: minimise f(x, y) = x^2 + y^2 from (5, 4); eps outside the root, as in PyTorch.
var lesson = new RmsPropOptions { LearningRate = 0.1, Rho = 0.9, Epsilon = 1e-6 };
double[] Bowl(ReadOnlySpan<double> p) => [2 * p[0], 2 * p[1]];

Console.WriteLine("f(x, y) = x^2 + y^2 from (5, 4); lr = 0.1, rho = 0.9, eps = 1e-6 outside the root");
Console.WriteLine($"{"epoch",5}  {"RMSProp x",24} {"RMSProp y",24}  {"gradient descent x",24} {"gradient descent y",24}");
RmsPropState<double> rms = RmsPropOptimizer.Init<double>(lesson, [5.0, 4.0]);
double[] plain = [5.0, 4.0];
for (int epoch = 0; epoch <= 100; epoch++)
{
    rms = RmsPropOptimizer.Step<double>(rms, Bowl(rms.Parameters.AsSpan()));
    plain = GradientDescentStep(plain, Bowl(plain), lesson.LearningRate);
    if (epoch % 20 == 0)
    {
        Console.WriteLine($"{epoch,5}  {rms.Parameters[0],24:R} {rms.Parameters[1],24:R}  {plain[0],24:R} {plain[1],24:R}");
    }
}

// Source 001: fit L(w) = (y - w*x)^2 with x = 2, y = 4 from w = 0; eps inside the root, as in Keras and Optax.
var fit = new RmsPropOptions { LearningRate = 0.1, Rho = 0.9, Epsilon = 1e-8, EpsilonPlacement = EpsilonPlacement.InsideRoot };
const double X = 2, Y = 4;
double[] Loss(ReadOnlySpan<double> w) => [(Y - w[0] * X) * -X];

Console.WriteLine();
Console.WriteLine("L(w) = (4 - 2w)^2 from w = 0; lr = 0.1, gamma = 0.9, eps = 1e-8 inside the root");
Console.WriteLine($"{"iter",5}  {"g",12} {"G",12} {"RMSProp w",24}  {"gradient descent w",24}");
RmsPropState<double> fitted = RmsPropOptimizer.Init<double>(fit, [0.0]);
double[] plainW = [0.0];
for (int iteration = 1; iteration <= 5; iteration++)
{
    double[] gradient = Loss(fitted.Parameters.AsSpan());
    fitted = RmsPropOptimizer.Step<double>(fitted, gradient);
    plainW = GradientDescentStep(plainW, Loss(plainW), fit.LearningRate);
    Console.WriteLine($"{iteration,5}  {gradient[0],12:F6} {fitted.SquareAverage[0],12:F6} {fitted.Parameters[0],24:R}  {plainW[0],24:R}");
}

// Why it exists: one steep and one flat direction. A learning rate small enough for the steep direction makes plain
// gradient descent crawl along the flat one; RMSProp divides each coordinate by its own gradient scale. Its steps
// stay about lr long, so it ends within about lr of the minimum; a decaying rate (state.WithOptions) closes the rest.
var valley = new RmsPropOptions { LearningRate = 0.01, Rho = 0.9 };
double[] Valley(ReadOnlySpan<double> p) => [100 * p[0], 0.01 * p[1]];

Console.WriteLine();
Console.WriteLine("f(x, y) = 50x^2 + 0.005y^2 from (1, 1); lr = 0.01, rho = 0.9; 1000 steps");
RmsPropState<double> steep = RmsPropOptimizer.Init<double>(valley, [1.0, 1.0]);
double[] crawl = [1.0, 1.0];
for (int step = 0; step < 1000; step++)
{
    steep = RmsPropOptimizer.Step<double>(steep, Valley(steep.Parameters.AsSpan()));
    crawl = GradientDescentStep(crawl, Valley(crawl), valley.LearningRate);
}

Console.WriteLine($"RMSProp          (x, y) = ({steep.Parameters[0]:E3}, {steep.Parameters[1]:E3})");
Console.WriteLine($"gradient descent (x, y) = ({crawl[0]:E3}, {crawl[1]:E3})");

static double[] GradientDescentStep(double[] parameters, double[] gradient, double learningRate)
{
    var next = new double[parameters.Length];
    for (int i = 0; i < next.Length; i++)
    {
        next[i] = parameters[i] - learningRate * gradient[i];
    }

    return next;
}
