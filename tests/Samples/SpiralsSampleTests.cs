using RmsProp.Spirals;

namespace RmsProp.Samples.Tests;

/// <summary>The training sample in a short mode: it runs, it learns, it is reproducible, and it draws real PNGs.</summary>
public sealed class SpiralsSampleTests
{
    [Fact]
    public void A_short_run_prints_one_line_per_epoch_and_every_optimizer_lowers_its_loss()
    {
        var output = new StringWriter();
        TrainingRun run = Training.Run(epochs: 20, output);

        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(20, lines.Length);
        Assert.All(lines, line => Assert.Contains("RMSProp", line, StringComparison.Ordinal));
        Assert.Equal(["SGD", "momentum", "RMSProp", "Adam"], run.Trainers.Select(t => t.Name));
        for (int t = 0; t < run.Trainers.Count; t++)
        {
            // The untrained MLP scores about log 2 = 0.693 on balanced classes.
            Assert.True(run.Losses[t][^1] < 0.67, $"{run.Trainers[t].Name}: loss {run.Losses[t][^1]} after 20 epochs");
        }
    }

    [Fact]
    public void The_same_seeds_give_the_same_run_bit_for_bit()
    {
        TrainingRun first = Training.Run(epochs: 3, TextWriter.Null);
        TrainingRun second = Training.Run(epochs: 3, TextWriter.Null);
        for (int t = 0; t < first.Trainers.Count; t++)
        {
            Assert.Equal(first.Losses[t], second.Losses[t]);
        }
    }

    [Fact]
    public void The_samples_adam_piece_follows_optax_scale_by_adam_on_a_hand_derived_case()
    {
        // optax/_src/transform.py scale_by_adam: mu = b1*mu + (1-b1)*g, nu = b2*nu + (1-b2)*g^2, both
        // bias-corrected by 1 - b^t; update = mu_hat / (sqrt(nu_hat) + eps).
        var adam = new ScaleByAdam();
        var first = adam.Update([2.0], adam.Init([0.0]), [0.0]);
        Assert.Equal(2.0 / (2.0 + 1e-8), first.Updates[0], 15);   // the first step is g / (|g| + eps)

        var second = adam.Update([-1.0], first.State, [0.0]);
        double mu = (0.9 * 0.2) + (0.1 * -1), nu = (0.999 * 0.004) + (0.001 * 1);
        double expected = mu / (1 - (0.9 * 0.9)) / (Math.Sqrt(nu / (1 - (0.999 * 0.999))) + 1e-8);
        Assert.Equal(expected, second.Updates[0], 14);
    }

    [Fact]
    public void Plot_writes_four_png_files()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"spirals-plots-{Guid.NewGuid():N}");
        try
        {
            TrainingRun run = Training.Run(epochs: 2, TextWriter.Null);
            string[] files = Plots.WriteAll(run, folder).ToArray();

            Assert.Equal(["spirals-loss.png", "spirals-decision-boundary.png", "paths-bowl.png", "paths-ill-conditioned.png"], files.Select(Path.GetFileName));
            byte[] signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
            foreach (string file in files)
            {
                byte[] bytes = File.ReadAllBytes(file);
                Assert.True(bytes.Length > 10_000, $"{file}: only {bytes.Length} bytes");
                Assert.Equal(signature, bytes[..8]);
            }
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
