namespace RmsProp.Spirals;

/// <summary>One labelled point: coordinates and class (0 or 1).</summary>
public readonly record struct Sample(double X, double Y, double Label);

/// <summary>
/// The two-spirals problem (Lang and Witbrock, 1988): two interleaved arms, one per class, with Gaussian noise.
/// A linear model cannot separate them; a small MLP can, which makes it a quick test of an optimizer.
/// </summary>
public static class TwoSpirals
{
    /// <summary><paramref name="perClass"/> points per arm, from a fixed seed: the same data on every run.</summary>
    public static Sample[] Generate(int perClass, int seed, double noise = 0.15, double turns = 1.5)
    {
        var random = new Random(seed);
        var samples = new Sample[2 * perClass];
        for (int i = 0; i < perClass; i++)
        {
            // Radius grows with the angle; the second arm is the first turned by half a circle.
            double t = (double)(i + 1) / perClass;
            double angle = turns * 2 * Math.PI * t;
            double radius = 0.3 + 2.7 * t;
            for (int arm = 0; arm < 2; arm++)
            {
                double phase = arm * Math.PI;
                samples[2 * i + arm] = new Sample(
                    radius * Math.Cos(angle + phase) + noise * Normal(random),
                    radius * Math.Sin(angle + phase) + noise * Normal(random),
                    arm);
            }
        }

        return samples;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
