using System;

namespace RmsProp.Functional;

/// <summary>
/// The hyperparameters of RMSProp. Immutable and always valid: every property checks its value when it is set
/// (also through a <c>with</c> expression), so an invalid set of options cannot exist.
/// </summary>
/// <remarks>
/// The defaults are PyTorch's (<c>lr = 0.01</c>, <c>rho = 0.99</c>, <c>eps = 1e-8</c> outside the root, no
/// momentum, centring or weight decay), because PyTorch is the implementation most users compare against and the
/// project's reference trajectories come from it. Keras uses <c>rho = 0.9</c> and <c>eps = 1e-7</c> inside the
/// root; <see cref="Keras"/>, <see cref="TensorFlow1"/> and <see cref="Optax"/> give those conventions in one call.
/// </remarks>
public sealed record RmsPropOptions
{
    private readonly double _learningRate = 0.01;
    private readonly double _rho = 0.99;
    private readonly double _epsilon = 1e-8;
    private readonly EpsilonPlacement _epsilonPlacement = EpsilonPlacement.OutsideRoot;
    private readonly double _momentum;
    private readonly MomentumConvention _momentumConvention = MomentumConvention.LearningRateOutsideBuffer;
    private readonly double _weightDecay;
    private readonly double _initialSquareAverage;
    private readonly double _decoupledWeightDecay;
    private readonly OperationOrder _operationOrder = OperationOrder.PyTorch;

    /// <summary>The step size <c>lr</c>: finite and greater than 0. Default 0.01.</summary>
    public double LearningRate
    {
        get => _learningRate;
        init => _learningRate = Guard.PositiveFinite(value, nameof(LearningRate));
    }

    /// <summary>
    /// The decay rate <c>rho</c> (PyTorch's <c>alpha</c>, TF's <c>decay</c>) of the squared-gradient average:
    /// in [0, 1). Default 0.99. At 0 the average is just the last squared gradient.
    /// </summary>
    public double Rho
    {
        get => _rho;
        init => _rho = Guard.UnitInterval(value, nameof(Rho));
    }

    /// <summary>The guard <c>eps</c> that keeps the denominator away from 0: finite and at least 0. Default 1e-8.</summary>
    public double Epsilon
    {
        get => _epsilon;
        init => _epsilon = Guard.NonNegativeFinite(value, nameof(Epsilon));
    }

    /// <summary>Whether <see cref="Epsilon"/> goes outside the root (default) or inside it.</summary>
    public EpsilonPlacement EpsilonPlacement
    {
        get => _epsilonPlacement;
        init => _epsilonPlacement = Guard.Defined(value, nameof(EpsilonPlacement));
    }

    /// <summary>
    /// Centered RMSProp (Graves 2013): also average the gradient <c>m</c> and divide by the root of the variance
    /// estimate <c>s - m^2</c> instead of the raw second moment. Default false.
    /// </summary>
    public bool Centered { get; init; }

    /// <summary>The momentum coefficient <c>mu</c>: in [0, 1). 0 (the default) turns momentum off.</summary>
    public double Momentum
    {
        get => _momentum;
        init => _momentum = Guard.UnitInterval(value, nameof(Momentum));
    }

    /// <summary>Where the learning rate enters when <see cref="Momentum"/> is on. Default: PyTorch's.</summary>
    public MomentumConvention MomentumConvention
    {
        get => _momentumConvention;
        init => _momentumConvention = Guard.Defined(value, nameof(MomentumConvention));
    }

    /// <summary>
    /// Coupled L2 weight decay, PyTorch's <c>weight_decay</c>: the gradient becomes <c>g + wd*w</c> before anything
    /// else. Finite and at least 0; default 0.
    /// </summary>
    public double WeightDecay
    {
        get => _weightDecay;
        init => _weightDecay = Guard.NonNegativeFinite(value, nameof(WeightDecay));
    }

    /// <summary>Ascend instead of descend: the gradient is negated first (PyTorch's <c>maximize</c>). Default false.</summary>
    public bool Maximize { get; init; }

    /// <summary>
    /// The value every coordinate of the squared-gradient average starts at: finite and at least 0. Default 0
    /// (PyTorch, Keras, Optax); TensorFlow 1 starts at 1.
    /// </summary>
    public double InitialSquareAverage
    {
        get => _initialSquareAverage;
        init => _initialSquareAverage = Guard.NonNegativeFinite(value, nameof(InitialSquareAverage));
    }

    /// <summary>
    /// Nesterov momentum as Optax's <c>trace(decay, nesterov=True)</c> (optax/_src/transform.py) forms it: the step is
    /// <c>x + mu*b</c> with the new buffer <c>b = mu*b + x</c>, where <c>x</c> is what enters the buffer. Has no
    /// effect while <see cref="Momentum"/> is 0 (as in Optax, where <c>nesterov</c> without momentum adds nothing).
    /// PyTorch's RMSprop has no Nesterov form. Default false.
    /// </summary>
    public bool Nesterov { get; init; }

    /// <summary>
    /// Decoupled weight decay (Loshchilov and Hutter's AdamW idea): the parameters shrink by <c>lr*wd*w</c> beside the
    /// adaptive step instead of through the gradient, so the decay is not divided by the root. With
    /// <see cref="OperationOrder.PyTorch"/> it follows torch.optim.AdamW (<c>param.mul_(1 - lr*weight_decay)</c>
    /// before the step); with <see cref="OperationOrder.Optax"/> it follows optax.adamw, whose chain adds
    /// <c>wd*w</c> after the scaling and before the learning rate (<c>add_decayed_weights</c> in
    /// optax/_src/transform.py). Independent of the coupled <see cref="WeightDecay"/>. Finite and at least 0;
    /// default 0.
    /// </summary>
    public double DecoupledWeightDecay
    {
        get => _decoupledWeightDecay;
        init => _decoupledWeightDecay = Guard.NonNegativeFinite(value, nameof(DecoupledWeightDecay));
    }

    /// <summary>
    /// Optax's <c>bias_correction=True</c> (<c>scale_by_rms</c>/<c>scale_by_stddev</c> in optax/_src/transform.py):
    /// the root is taken of <c>s / (1 - rho^t)</c> (and, centered, <c>m / (1 - rho^t)</c>) at step <c>t</c> = 1, 2, ...,
    /// which undoes the pull towards the initial average in the first steps. The stored averages stay uncorrected.
    /// <c>1 - rho^t</c> is formed in double and rounded once to the number type. Default false.
    /// </summary>
    public bool BiasCorrection { get; init; }

    /// <summary>Which framework's rounding to reproduce; see <see cref="Functional.OperationOrder"/>. Default PyTorch's.</summary>
    public OperationOrder OperationOrder
    {
        get => _operationOrder;
        init => _operationOrder = Guard.Defined(value, nameof(OperationOrder));
    }

    // The With* methods are the same as C#'s `with { X = value }`; they exist for languages without `with` on
    // C# records (F#, VB) and for fluent pipelines. Each validates like the property it sets.

    /// <summary>These options with another <see cref="LearningRate"/>.</summary>
    /// <param name="learningRate">Finite and greater than 0.</param>
    /// <returns>New options.</returns>
    public RmsPropOptions WithLearningRate(double learningRate) => this with { LearningRate = learningRate };

    /// <summary>These options with another <see cref="Rho"/>.</summary>
    /// <param name="rho">In [0, 1).</param>
    /// <returns>New options.</returns>
    public RmsPropOptions WithRho(double rho) => this with { Rho = rho };

    /// <summary>These options with another <see cref="Epsilon"/>.</summary>
    /// <param name="epsilon">Finite and at least 0.</param>
    /// <returns>New options.</returns>
    public RmsPropOptions WithEpsilon(double epsilon) => this with { Epsilon = epsilon };

    /// <summary>These options with another <see cref="EpsilonPlacement"/>.</summary>
    /// <param name="placement">Where epsilon goes.</param>
    /// <returns>New options.</returns>
    public RmsPropOptions WithEpsilonPlacement(EpsilonPlacement placement) => this with { EpsilonPlacement = placement };

    /// <summary>These options with <see cref="Centered"/> set.</summary>
    /// <param name="centered">Whether to centre.</param>
    /// <returns>New options.</returns>
    public RmsPropOptions WithCentered(bool centered) => this with { Centered = centered };

    /// <summary>These options with another <see cref="Momentum"/>.</summary>
    /// <param name="momentum">In [0, 1).</param>
    /// <returns>New options.</returns>
    public RmsPropOptions WithMomentum(double momentum) => this with { Momentum = momentum };

    /// <summary>These options with another <see cref="MomentumConvention"/>.</summary>
    /// <param name="convention">Where the learning rate enters with momentum.</param>
    /// <returns>New options.</returns>
    public RmsPropOptions WithMomentumConvention(MomentumConvention convention) => this with { MomentumConvention = convention };

    /// <summary>These options with another <see cref="WeightDecay"/>.</summary>
    /// <param name="weightDecay">Finite and at least 0.</param>
    /// <returns>New options.</returns>
    public RmsPropOptions WithWeightDecay(double weightDecay) => this with { WeightDecay = weightDecay };

    /// <summary>These options with <see cref="Maximize"/> set.</summary>
    /// <param name="maximize">Whether to ascend.</param>
    /// <returns>New options.</returns>
    public RmsPropOptions WithMaximize(bool maximize) => this with { Maximize = maximize };

    /// <summary>These options with another <see cref="InitialSquareAverage"/>.</summary>
    /// <param name="initialSquareAverage">Finite and at least 0.</param>
    /// <returns>New options.</returns>
    public RmsPropOptions WithInitialSquareAverage(double initialSquareAverage) => this with { InitialSquareAverage = initialSquareAverage };

    /// <summary>These options with <see cref="Nesterov"/> set.</summary>
    /// <param name="nesterov">Whether momentum is Nesterov's.</param>
    /// <returns>New options.</returns>
    public RmsPropOptions WithNesterov(bool nesterov) => this with { Nesterov = nesterov };

    /// <summary>These options with another <see cref="DecoupledWeightDecay"/>.</summary>
    /// <param name="decoupledWeightDecay">Finite and at least 0.</param>
    /// <returns>New options.</returns>
    public RmsPropOptions WithDecoupledWeightDecay(double decoupledWeightDecay) => this with { DecoupledWeightDecay = decoupledWeightDecay };

    /// <summary>These options with <see cref="BiasCorrection"/> set.</summary>
    /// <param name="biasCorrection">Whether to correct the averages' bias.</param>
    /// <returns>New options.</returns>
    public RmsPropOptions WithBiasCorrection(bool biasCorrection) => this with { BiasCorrection = biasCorrection };

    /// <summary>These options with another <see cref="OperationOrder"/>.</summary>
    /// <param name="order">Which framework's rounding to reproduce.</param>
    /// <returns>New options.</returns>
    public RmsPropOptions WithOperationOrder(OperationOrder order) => this with { OperationOrder = order };

    /// <summary>PyTorch's <c>torch.optim.RMSprop</c> defaults; the same as <c>new RmsPropOptions()</c>.</summary>
    public static RmsPropOptions PyTorch { get; } = new();

    /// <summary>Keras 3 defaults: <c>lr = 0.001</c>, <c>rho = 0.9</c>, <c>eps = 1e-7</c> inside the root, learning rate inside the momentum buffer.</summary>
    public static RmsPropOptions Keras { get; } = new()
    {
        LearningRate = 0.001,
        Rho = 0.9,
        Epsilon = 1e-7,
        EpsilonPlacement = EpsilonPlacement.InsideRoot,
        MomentumConvention = MomentumConvention.LearningRateInsideBuffer,
    };

    /// <summary>
    /// TensorFlow 1's <c>RMSPropOptimizer</c>: <c>decay = 0.9</c>, <c>eps = 1e-10</c> inside the root, the average
    /// starting at 1, learning rate inside the momentum buffer. TF1 has no default learning rate.
    /// </summary>
    /// <param name="learningRate">The step size; finite and greater than 0.</param>
    /// <returns>The options.</returns>
    public static RmsPropOptions TensorFlow1(double learningRate) => new()
    {
        LearningRate = learningRate,
        Rho = 0.9,
        Epsilon = 1e-10,
        EpsilonPlacement = EpsilonPlacement.InsideRoot,
        InitialSquareAverage = 1.0,
        MomentumConvention = MomentumConvention.LearningRateInsideBuffer,
    };

    /// <summary>
    /// Optax's <c>rmsprop</c> (optax/_src/alias.py): <c>decay = 0.9</c>, <c>eps = 1e-8</c> inside the root, learning
    /// rate inside the momentum trace, in Optax's operation order (<see cref="OperationOrder.Optax"/>), so that
    /// <c>Transforms.Compose.RmsProp</c> equals it bit for bit. Its <c>initial_scale</c> is
    /// <see cref="InitialSquareAverage"/>, its <c>nesterov</c> <see cref="Nesterov"/>, its <c>bias_correction</c>
    /// <see cref="BiasCorrection"/>, its <c>eps_in_sqrt=False</c> <see cref="EpsilonPlacement.OutsideRoot"/>.
    /// Optax has no default learning rate.
    /// </summary>
    /// <param name="learningRate">The step size; finite and greater than 0.</param>
    /// <returns>The options.</returns>
    public static RmsPropOptions Optax(double learningRate) => new()
    {
        LearningRate = learningRate,
        Rho = 0.9,
        Epsilon = 1e-8,
        EpsilonPlacement = EpsilonPlacement.InsideRoot,
        MomentumConvention = MomentumConvention.LearningRateInsideBuffer,
        OperationOrder = OperationOrder.Optax,
    };
}
