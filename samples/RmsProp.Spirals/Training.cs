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

        // The piece-built optimizers, Optax style: clip_by_global_norm across all tensors, the method's own
        // scaling, add_decayed_weights masked to the weight matrices, scale_by_learning_rate(warmup-cosine).
        ITrainer[] trainers =
        [
            new PiecesTrainer("SGD", model, initial, decays => Pieces(Setup(1.0), decays)),
            new PiecesTrainer("momentum", model, initial, decays => Pieces(Setup(0.1), decays, new Trace<double>(0.9))),
            new RmsPropTrainer(model, initial, Setup(0.02)),
            new PiecesTrainer("Adam", model, initial, decays => Pieces(Setup(0.02), decays, new ScaleByAdam<double>())),
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

    /// <summary>
    /// <c>chain(clip_by_global_norm, [scaling], add_decayed_weights(mask), [trace], scale_by_learning_rate)</c>:
    /// Adam scales before the decay (optax.adamw); momentum traces the decayed gradient (SGD with coupled decay).
    /// </summary>
    private static Chain<double> Pieces(TrainingSetup setup, ImmutableArray<bool> decays, IGradientTransformation<double>? method = null)
    {
        var clip = new ClipByGlobalNorm<double>(setup.MaxGradientNorm);
        var decay = new AddDecayedWeights<double>(setup.WeightDecay, decays);
        var learningRate = new ScaleByLearningRate<double>(setup.LearningRate);
        return method switch
        {
            null => Compose.Chain(clip, decay, learningRate),
            Trace<double> trace => Compose.Chain(clip, decay, trace, learningRate),
            _ => Compose.Chain(clip, method, decay, learningRate),
        };
    }
}
