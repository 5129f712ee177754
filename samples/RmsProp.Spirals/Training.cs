using System.Collections.Immutable;
using RmsProp.Functional.Transforms;

namespace RmsProp.Spirals;

/// <summary>The loss and accuracy over the whole data set after each epoch, per optimizer.</summary>
public sealed record TrainingRun(Sample[] Data, Mlp Model, IReadOnlyList<ITrainer> Trainers, IReadOnlyList<double[]> Losses, IReadOnlyList<double[]> Accuracies);

/// <summary>Trains the same MLP from the same start with four optimizers side by side, on the same batches.</summary>
public static class Training
{
    public const int DataSeed = 2026, WeightSeed = 7, ShuffleSeed = 11;

    public static TrainingRun Run(int epochs, TextWriter output, int perClass = 200, int hidden = 24, int batchSize = 40)
    {
        Sample[] data = TwoSpirals.Generate(perClass, DataSeed);
        var model = new Mlp(hidden);
        Dictionary<string, double[]> initial = model.Initialize(WeightSeed);
        int batches = (data.Length + batchSize - 1) / batchSize;
        long steps = (long)epochs * batches;
        TrainingSetup Setup(double peak) => new(peak, WeightDecay: 1e-4, TotalSteps: steps + 1, WarmupSteps: Math.Max(1, steps / 20), MaxGradientNorm: 5.0);

        ITrainer[] trainers =
        [
            new PiecesTrainer<(NoState, NoState)>("SGD", model, initial, Setup(1.0),
                (decay, lr) => Compose.Chain(new AddDecayedWeights<double>(decay), new Scale<double>(-lr))),
            new PiecesTrainer<((NoState, ImmutableArray<double>), NoState)>("momentum", model, initial, Setup(0.1),
                (decay, lr) => Compose.Chain(Compose.Chain(new AddDecayedWeights<double>(decay), new Trace<double>(0.9)), new Scale<double>(-lr))),
            new RmsPropTrainer(model, initial, Setup(0.02)),
            new PiecesTrainer<(((ImmutableArray<double>, ImmutableArray<double>, long), NoState), NoState)>("Adam", model, initial, Setup(0.02),
                (decay, lr) => Compose.Chain(Compose.Chain(new ScaleByAdam(), new AddDecayedWeights<double>(decay)), new Scale<double>(-lr))),
        ];

        var losses = trainers.Select(_ => new double[epochs]).ToArray();
        var accuracies = trainers.Select(_ => new double[epochs]).ToArray();
        var shuffle = new Random(ShuffleSeed);
        Sample[] order = (Sample[])data.Clone();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            shuffle.Shuffle(order);
            for (int start = 0; start < order.Length; start += batchSize)
            {
                ReadOnlySpan<Sample> batch = order.AsSpan(start, Math.Min(batchSize, order.Length - start));
                foreach (ITrainer trainer in trainers)
                {
                    trainer.Step(model.LossAndGradients(trainer.Parameters, batch).Gradients);
                }
            }

            var line = new System.Text.StringBuilder($"epoch {epoch + 1,4}/{epochs}");
            for (int t = 0; t < trainers.Length; t++)
            {
                (losses[t][epoch], accuracies[t][epoch]) = model.Evaluate(trainers[t].Parameters, data);
                line.Append($"   {trainers[t].Name} {losses[t][epoch]:F4} ({accuracies[t][epoch]:P0})");
            }

            output.WriteLine(line);
        }

        return new TrainingRun(data, model, trainers, losses, accuracies);
    }
}
