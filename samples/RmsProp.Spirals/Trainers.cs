using System.Collections.Immutable;
using RmsProp.Functional;
using RmsProp.Functional.Transforms;

namespace RmsProp.Spirals;

/// <summary>Everything the four optimizers share: two parameter groups, one schedule shape and one clipping.</summary>
/// <param name="PeakLearningRate">The warmup-cosine schedule's peak.</param>
/// <param name="WeightDecay">For the weight matrices; the biases' group has none.</param>
/// <param name="TotalSteps">The schedule's length, warmup included.</param>
/// <param name="WarmupSteps">The linear warmup's length.</param>
/// <param name="MaxGradientNorm">Global-norm clipping before every update.</param>
public sealed record TrainingSetup(double PeakLearningRate, double WeightDecay, long TotalSteps, long WarmupSteps, double MaxGradientNorm)
{
    /// <summary>Optax's <c>warmup_cosine_decay_schedule</c>, from 5% of the peak up and back down to 1% of it.</summary>
    public Schedule LearningRate => Schedule.WarmupCosineDecay(0.05 * PeakLearningRate, PeakLearningRate, WarmupSteps, TotalSteps, 0.01 * PeakLearningRate);
}

/// <summary>An optimizer driving the model's named parameters.</summary>
public interface ITrainer
{
    string Name { get; }

    IReadOnlyDictionary<string, double[]> Parameters { get; }

    void Step(Dictionary<string, double[]> gradients);
}

/// <summary>
/// RMSProp as the library's model optimizer: two parameter groups (PyTorch's <c>param_groups</c>), the schedule on
/// both groups' learning rate and global-norm clipping, all in one <see cref="RmsPropPlan"/>.
/// </summary>
public sealed class RmsPropTrainer : ITrainer
{
    private readonly RmsPropPlan _plan;
    private RmsPropModelState<double> _state;

    public RmsPropTrainer(Mlp model, IReadOnlyDictionary<string, double[]> initial, TrainingSetup setup, double rho = 0.9, double epsilon = 1e-8)
    {
        var options = new RmsPropOptions { LearningRate = setup.PeakLearningRate, Rho = rho, Epsilon = epsilon };
        (string[] weights, string[] biases) = Groups(model);
        RmsPropGroup[] groups =
        [
            new("weights", options.WithWeightDecay(setup.WeightDecay), weights),
            new("biases", options, biases),
        ];
        _state = RmsPropModel.Init<double>(groups, model.Layout.Select(l => NamedTensor.Create<double>(l.Name, l.Shape, initial[l.Name])));
        _plan = RmsPropPlan.None
            .WithLearningRate("weights", setup.LearningRate)
            .WithLearningRate("biases", setup.LearningRate)
            .WithClipping(GradientClipping.ByGlobalNorm(setup.MaxGradientNorm));
    }

    public string Name => "RMSProp";

    public IReadOnlyDictionary<string, double[]> Parameters => _state.TensorNames.ToDictionary(n => n, n => _state.ParametersOf(n).ToArray());

    public void Step(Dictionary<string, double[]> gradients) => _state = RmsPropModel.Step(_state, gradients, _plan);

    /// <summary>Weight matrices (two-dimensional) decay; biases do not.</summary>
    public static (string[] Weights, string[] Biases) Groups(Mlp model) =>
        (model.Layout.Where(l => l.Shape.Length == 2).Select(l => l.Name).ToArray(),
         model.Layout.Where(l => l.Shape.Length == 1).Select(l => l.Name).ToArray());
}

/// <summary>
/// An optimizer composed from the library's Optax-style pieces: one chain over all the model's coordinates, its
/// tensors laid end to end in layout order (what Optax users do with <c>jax.flatten_util.ravel_pytree</c>). So
/// <see cref="ClipByGlobalNorm{T}"/> sees the global norm across every tensor, and the two parameter groups are
/// <see cref="AddDecayedWeights{T}"/>' mask (true on the weight matrices' coordinates, false on the biases').
/// </summary>
public sealed class PiecesTrainer : ITrainer
{
    private readonly Chain<double> _chain;
    private readonly (string Name, int Offset, int Length)[] _layout;
    private readonly Dictionary<string, double[]> _parameters;
    private ImmutableArray<double> _flat;
    private ChainState _state;

    /// <param name="name">For the progress lines and the legend.</param>
    /// <param name="chain">Builds the chain from the mask of coordinates that decay.</param>
    public PiecesTrainer(string name, Mlp model, IReadOnlyDictionary<string, double[]> initial, Func<ImmutableArray<bool>, Chain<double>> chain)
    {
        Name = name;
        int offset = 0;
        _layout = model.Layout.Select(l =>
        {
            int length = l.Shape.Aggregate(1, (a, b) => a * b);
            offset += length;
            return (l.Name, offset - length, length);
        }).ToArray();
        _flat = [.. Flatten(initial)];
        _chain = chain([.. model.Layout.SelectMany(l => Enumerable.Repeat(l.Shape.Length == 2, l.Shape.Aggregate(1, (a, b) => a * b)))]);
        _state = _chain.Init(_flat.AsSpan());
        _parameters = Unflatten(_flat.AsSpan());
    }

    public string Name { get; }

    public IReadOnlyDictionary<string, double[]> Parameters => _parameters;

    public void Step(Dictionary<string, double[]> gradients)
    {
        (ImmutableArray<double> updates, _state) = _chain.Update(Flatten(gradients), _state, _flat.AsSpan());
        _flat = RmsPropOptimizer.ApplyUpdates<double>(_flat.AsSpan(), updates.AsSpan());
        foreach ((string tensor, int offset, int length) in _layout)
        {
            _flat.AsSpan(offset, length).CopyTo(_parameters[tensor]);
        }
    }

    private double[] Flatten(IReadOnlyDictionary<string, double[]> tensors)
    {
        double[] flat = new double[_layout.Sum(l => l.Length)];
        foreach ((string tensor, int offset, int length) in _layout)
        {
            tensors[tensor].AsSpan(0, length).CopyTo(flat.AsSpan(offset));
        }

        return flat;
    }

    private Dictionary<string, double[]> Unflatten(ReadOnlySpan<double> flat)
    {
        var tensors = new Dictionary<string, double[]>();
        foreach ((string tensor, int offset, int length) in _layout)
        {
            tensors[tensor] = flat.Slice(offset, length).ToArray();
        }

        return tensors;
    }
}
