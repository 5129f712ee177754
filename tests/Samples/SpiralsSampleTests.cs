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
    public void The_piece_built_optimizers_clip_by_the_norm_across_all_tensors()
    {
        // Every gradient entry 1: the global norm is sqrt(number of coordinates), far above 5, so after
        // clip_by_global_norm(5) and a learning rate of 1 (no decay: mask all false) every tensor moves by the same
        // 5 / sqrt(n); clipped per tensor, the one-entry bias b3 would move by 1 instead.
        var model = new Mlp(hidden: 4);
        Dictionary<string, double[]> initial = model.Layout.ToDictionary(l => l.Name, l => new double[l.Shape.Aggregate(1, (a, b) => a * b)]);
        int n = initial.Values.Sum(v => v.Length);
        var trainer = new PiecesTrainer("clip only", model, initial, _ => RmsProp.Functional.Transforms.Compose.Chain(
            new RmsProp.Functional.Transforms.ClipByGlobalNorm<double>(5.0),
            new RmsProp.Functional.Transforms.ScaleByLearningRate<double>(1.0)));
        trainer.Step(initial.ToDictionary(p => p.Key, p => Enumerable.Repeat(1.0, p.Value.Length).ToArray()));
        double expected = -(1.0 / Math.Sqrt(n) * 5.0);
        Assert.All(trainer.Parameters.Values.SelectMany(v => v), w => Assert.Equal(expected, w, 15));
        Assert.All(initial.Values.SelectMany(v => v), w => Assert.Equal(0.0, w));
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
