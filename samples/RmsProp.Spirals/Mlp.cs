using RmsProp.Functional;

namespace RmsProp.Spirals;

/// <summary>
/// A 2 → H → H → 1 perceptron with tanh hidden layers and a logistic output, trained on the binary cross-entropy.
/// Backpropagation is written out by hand (the sample adds no ML dependency); parameters and gradients are named
/// flat arrays, the shape <see cref="RmsPropModel"/> takes.
/// </summary>
public sealed class Mlp
{
    public const string W1 = "w1", B1 = "b1", W2 = "w2", B2 = "b2", W3 = "w3", B3 = "b3";

    public Mlp(int hidden) => Hidden = hidden;

    public int Hidden { get; }

    /// <summary>Names and shapes ([rows, columns] for weights, [length] for biases), in layer order.</summary>
    public IReadOnlyList<(string Name, int[] Shape)> Layout =>
    [
        (W1, [Hidden, 2]), (B1, [Hidden]),
        (W2, [Hidden, Hidden]), (B2, [Hidden]),
        (W3, [1, Hidden]), (B3, [1]),
    ];

    /// <summary>Glorot-uniform weights and zero biases from a fixed seed.</summary>
    public Dictionary<string, double[]> Initialize(int seed)
    {
        var random = new Random(seed);
        var parameters = new Dictionary<string, double[]>();
        foreach ((string name, int[] shape) in Layout)
        {
            var values = new double[shape.Aggregate(1, (a, b) => a * b)];
            if (shape.Length == 2)
            {
                double limit = Math.Sqrt(6.0 / (shape[0] + shape[1]));
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = limit * (2 * random.NextDouble() - 1);
                }
            }

            parameters[name] = values;
        }

        return parameters;
    }

    /// <summary>The logit for one point.</summary>
    public double Logit(IReadOnlyDictionary<string, double[]> p, double x, double y)
    {
        Span<double> h1 = stackalloc double[Hidden];
        Span<double> h2 = stackalloc double[Hidden];
        return Forward(p, x, y, h1, h2);
    }

    /// <summary>Mean cross-entropy and accuracy over <paramref name="samples"/>.</summary>
    public (double Loss, double Accuracy) Evaluate(IReadOnlyDictionary<string, double[]> p, IReadOnlyList<Sample> samples)
    {
        double loss = 0;
        int correct = 0;
        foreach (Sample s in samples)
        {
            double z = Logit(p, s.X, s.Y);
            loss += CrossEntropy(z, s.Label);
            correct += (z > 0) == (s.Label > 0.5) ? 1 : 0;
        }

        return (loss / samples.Count, (double)correct / samples.Count);
    }

    /// <summary>Mean loss over the batch and its gradient with respect to every parameter, by backpropagation.</summary>
    public (double Loss, Dictionary<string, double[]> Gradients) LossAndGradients(IReadOnlyDictionary<string, double[]> p, ReadOnlySpan<Sample> batch)
    {
        int h = Hidden;
        var g = Layout.ToDictionary(l => l.Name, l => new double[l.Shape.Aggregate(1, (a, b) => a * b)]);
        double[] w2 = p[W2], w3 = p[W3];
        double[] gw1 = g[W1], gb1 = g[B1], gw2 = g[W2], gb2 = g[B2], gw3 = g[W3], gb3 = g[B3];
        Span<double> h1 = stackalloc double[h];
        Span<double> h2 = stackalloc double[h];
        Span<double> d2 = stackalloc double[h];
        Span<double> d1 = stackalloc double[h];
        double loss = 0;
        double scale = 1.0 / batch.Length;
        foreach (Sample s in batch)
        {
            double z = Forward(p, s.X, s.Y, h1, h2);
            loss += CrossEntropy(z, s.Label);

            // d loss / d z of the logistic cross-entropy is sigmoid(z) - label.
            double dz = (Sigmoid(z) - s.Label) * scale;
            gb3[0] += dz;
            for (int j = 0; j < h; j++)
            {
                gw3[j] += dz * h2[j];
                d2[j] = dz * w3[j] * (1 - h2[j] * h2[j]);   // through tanh
            }

            for (int i = 0; i < h; i++)
            {
                gb2[i] += d2[i];
                for (int j = 0; j < h; j++)
                {
                    gw2[i * h + j] += d2[i] * h1[j];
                }
            }

            for (int j = 0; j < h; j++)
            {
                double back = 0;
                for (int i = 0; i < h; i++)
                {
                    back += w2[i * h + j] * d2[i];
                }

                d1[j] = back * (1 - h1[j] * h1[j]);
                gb1[j] += d1[j];
                gw1[2 * j] += d1[j] * s.X;
                gw1[2 * j + 1] += d1[j] * s.Y;
            }
        }

        return (loss * scale, g);
    }

    private double Forward(IReadOnlyDictionary<string, double[]> p, double x, double y, Span<double> h1, Span<double> h2)
    {
        int h = Hidden;
        double[] w1 = p[W1], b1 = p[B1], w2 = p[W2], b2 = p[B2], w3 = p[W3], b3 = p[B3];
        for (int j = 0; j < h; j++)
        {
            h1[j] = Math.Tanh(w1[2 * j] * x + w1[2 * j + 1] * y + b1[j]);
        }

        double z = b3[0];
        for (int i = 0; i < h; i++)
        {
            double a = b2[i];
            for (int j = 0; j < h; j++)
            {
                a += w2[i * h + j] * h1[j];
            }

            h2[i] = Math.Tanh(a);
            z += w3[i] * h2[i];
        }

        return z;
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>-log p(label | z), computed without overflow for large |z|.</summary>
    private static double CrossEntropy(double z, double label) => Math.Max(z, 0) - z * label + Math.Log(1 + Math.Exp(-Math.Abs(z)));
}
