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
/// An optimizer composed from Optax-style pieces, one chain per tensor: the chain's state is kept per tensor and
/// its last piece, <c>Scale(-lr)</c>, is rebuilt each step with the scheduled rate (it has no state of its own).
/// Clipping by global norm runs first, across all tensors.
/// </summary>
/// <typeparam name="TState">The chain's state.</typeparam>
public sealed class PiecesTrainer<TState> : ITrainer
{
    private readonly Func<double, double, IGradientTransformation<double, TState>> _chain;
    private readonly HashSet<string> _weights;
    private readonly TrainingSetup _setup;
    private readonly Dictionary<string, double[]> _parameters;
    private readonly Dictionary<string, TState> _states = [];
    private long _step;

    /// <param name="name">For the progress lines and the legend.</param>
    /// <param name="chain">Builds the chain for a weight decay and a learning rate.</param>
    public PiecesTrainer(string name, Mlp model, IReadOnlyDictionary<string, double[]> initial, TrainingSetup setup, Func<double, double, IGradientTransformation<double, TState>> chain)
    {
        Name = name;
        _chain = chain;
        _setup = setup;
        _weights = [.. RmsPropTrainer.Groups(model).Weights];
        _parameters = initial.ToDictionary(p => p.Key, p => (double[])p.Value.Clone());
        foreach ((string tensor, double[] values) in _parameters)
        {
            _states[tensor] = Chain(tensor, setup.LearningRate.ValueAt(0)).Init(values);
        }
    }

    public string Name { get; }

    public IReadOnlyDictionary<string, double[]> Parameters => _parameters;

    public void Step(Dictionary<string, double[]> gradients)
    {
        GlobalNorm.Clip(gradients.Values, _setup.MaxGradientNorm);
        double learningRate = _setup.LearningRate.ValueAt(_step);
        foreach ((string tensor, double[] values) in _parameters)
        {
            Transformed<double, TState> result = Chain(tensor, learningRate).Update(gradients[tensor], _states[tensor], values);
            _states[tensor] = result.State;
            for (int i = 0; i < values.Length; i++)
            {
                values[i] += result.Updates[i];
            }
        }

        _step++;
    }

    // The two groups differ only in the decay piece's rate: 0 for the biases.
    private IGradientTransformation<double, TState> Chain(string tensor, double learningRate) =>
        _chain(_weights.Contains(tensor) ? _setup.WeightDecay : 0, learningRate);
}

/// <summary>Optax's <c>clip_by_global_norm</c> for the piece-built optimizers, with PyTorch's coefficient.</summary>
/// <remarks>
/// Written here because the library applies its <see cref="GradientClipping"/> only inside
/// <see cref="RmsPropModel.Step{T}(RmsPropModelState{T}, IReadOnlyDictionary{string, T[]}, RmsPropPlan)"/>;
/// the pieces have no clipping piece yet.
/// </remarks>
public static class GlobalNorm
{
    public static void Clip(IEnumerable<double[]> gradients, double maxNorm)
    {
        double sum = 0;
        foreach (double[] gradient in gradients)
        {
            foreach (double g in gradient)
            {
                sum += g * g;
            }
        }

        double coefficient = Math.Min(maxNorm / (Math.Sqrt(sum) + GradientClipping.NormEpsilon), 1.0);
        foreach (double[] gradient in gradients)
        {
            for (int i = 0; i < gradient.Length; i++)
            {
                gradient[i] *= coefficient;
            }
        }
    }
}

/// <summary>
/// Optax's <c>scale_by_adam</c> (<c>optax/_src/transform.py</c>): bias-corrected averages of the gradient and of
/// its square, <c>m_hat / (sqrt(v_hat) + eps)</c>. Written here as a piece because the library's pieces have no
/// first-moment average; chained with the library's <see cref="AddDecayedWeights{T}"/> and <see cref="Scale{T}"/>
/// it gives Optax's <c>adamw</c>.
/// </summary>
public sealed record ScaleByAdam(double Beta1 = 0.9, double Beta2 = 0.999, double Epsilon = 1e-8)
    : IGradientTransformation<double, (ImmutableArray<double> Mu, ImmutableArray<double> Nu, long Count)>
{
    public (ImmutableArray<double> Mu, ImmutableArray<double> Nu, long Count) Init(ReadOnlySpan<double> parameters) =>
        (ImmutableArray.Create(new double[parameters.Length]), ImmutableArray.Create(new double[parameters.Length]), 0);

    public Transformed<double, (ImmutableArray<double> Mu, ImmutableArray<double> Nu, long Count)> Update(
        ReadOnlySpan<double> updates, (ImmutableArray<double> Mu, ImmutableArray<double> Nu, long Count) state, ReadOnlySpan<double> parameters)
    {
        long count = state.Count + 1;
        double correction1 = 1 - Math.Pow(Beta1, count), correction2 = 1 - Math.Pow(Beta2, count);
        var mu = new double[updates.Length];
        var nu = new double[updates.Length];
        var result = new double[updates.Length];
        for (int i = 0; i < updates.Length; i++)
        {
            mu[i] = Beta1 * state.Mu[i] + (1 - Beta1) * updates[i];
            nu[i] = Beta2 * state.Nu[i] + (1 - Beta2) * updates[i] * updates[i];
            result[i] = mu[i] / correction1 / (Math.Sqrt(nu[i] / correction2) + Epsilon);
        }

        return new([.. result], ([.. mu], [.. nu], count));
    }
}
