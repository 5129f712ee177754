using System;
using System.Collections.Immutable;
using System.Numerics;

namespace RmsProp.Functional.Transforms;

/// <summary>
/// Divides each update by the root of a running average of its squares: Optax's <c>scale_by_rms</c>
/// (optax/_src/transform.py), the heart of RMSProp without the learning rate. It runs the fused optimizer's own
/// stages (Stages/Stages.cs) over the span, so in a chain it gives the bits of <see cref="RmsPropOptimizer"/> with
/// <see cref="OperationOrder.Optax"/>.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
public sealed record ScaleByRms<T> : IGradientTransformation<T, ScaleByRmsState<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the piece; the defaults are Optax's.</summary>
    /// <param name="decay">rho, in [0, 1).</param>
    /// <param name="epsilon">Finite and at least 0.</param>
    /// <param name="epsilonPlacement">Optax's <c>eps_in_sqrt</c>: <see cref="EpsilonPlacement.InsideRoot"/> (its default) multiplies by <c>rsqrt(nu + eps)</c>, <see cref="EpsilonPlacement.OutsideRoot"/> by <c>1 / (sqrt(nu) + eps)</c>.</param>
    /// <param name="initialScale">Optax's <c>initial_scale</c>: where <c>nu</c> starts; finite and at least 0.</param>
    /// <param name="biasCorrection">Optax's <c>bias_correction</c>: divide <c>nu</c> by <c>1 - decay^t</c> before the root.</param>
    public ScaleByRms(double decay = 0.9, double epsilon = 1e-8, EpsilonPlacement epsilonPlacement = EpsilonPlacement.InsideRoot, double initialScale = 0, bool biasCorrection = false)
    {
        Decay = Guard.UnitInterval(decay, nameof(decay));
        Epsilon = Guard.NonNegativeFinite(epsilon, nameof(epsilon));
        Placement = Guard.Defined(epsilonPlacement, nameof(epsilonPlacement));
        InitialScale = Guard.NonNegativeFinite(initialScale, nameof(initialScale));
        BiasCorrection = biasCorrection;
    }

    /// <summary>rho.</summary>
    public double Decay { get; }

    /// <summary>eps.</summary>
    public double Epsilon { get; }

    /// <summary>Where eps goes.</summary>
    public EpsilonPlacement Placement { get; }

    /// <summary>Where <c>nu</c> starts.</summary>
    public double InitialScale { get; }

    /// <summary>Whether <c>nu</c> is divided by <c>1 - decay^t</c>.</summary>
    public bool BiasCorrection { get; }

    /// <inheritdoc/>
    public ScaleByRmsState<T> Init(ReadOnlySpan<T> parameters) => new(Values.Filled(parameters.Length, T.CreateChecked(InitialScale)), 0);

    /// <inheritdoc/>
    public Transformed<T, ScaleByRmsState<T>> Update(ReadOnlySpan<T> updates, ScaleByRmsState<T> state, ReadOnlySpan<T> parameters)
    {
        Guard.NotNull(state, nameof(state));
        (ImmutableArray<T> output, ImmutableArray<T> nu, _) = Pieces.ScaleByRoot(updates, state.Nu, default, state.Count, Decay, Epsilon, Placement, BiasCorrection);
        return new(output, new ScaleByRmsState<T>(nu, state.Count + 1));
    }
}

/// <summary>The state of <see cref="ScaleByRms{T}"/>: Optax's <c>ScaleByRmsState</c>.</summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="Nu">The running average of squared updates.</param>
/// <param name="Count">Steps taken (for the bias correction).</param>
public sealed record ScaleByRmsState<T>(ImmutableArray<T> Nu, long Count);

/// <summary>
/// Centered RMSProp's scaling: Optax's <c>scale_by_stddev</c> (optax/_src/transform.py), the root of the running
/// variance <c>nu - mu^2</c>. Unlike Optax, the variance is floored at 0 before the root (see
/// <see cref="RmsPropOptions.Centered"/>): the floor changes nothing except where rounding leaves it below 0, where
/// Optax's root would be NaN if eps were smaller than the shortfall.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
public sealed record ScaleByStdDev<T> : IGradientTransformation<T, ScaleByStdDevState<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the piece; the defaults are Optax's.</summary>
    /// <param name="decay">rho, in [0, 1).</param>
    /// <param name="epsilon">Finite and at least 0.</param>
    /// <param name="epsilonPlacement">Optax's <c>eps_in_sqrt</c>.</param>
    /// <param name="initialScale">Where <c>nu</c> starts; finite and at least 0 (<c>mu</c> starts at 0).</param>
    /// <param name="biasCorrection">Divide both averages by <c>1 - decay^t</c>.</param>
    public ScaleByStdDev(double decay = 0.9, double epsilon = 1e-8, EpsilonPlacement epsilonPlacement = EpsilonPlacement.InsideRoot, double initialScale = 0, bool biasCorrection = false)
    {
        Decay = Guard.UnitInterval(decay, nameof(decay));
        Epsilon = Guard.NonNegativeFinite(epsilon, nameof(epsilon));
        Placement = Guard.Defined(epsilonPlacement, nameof(epsilonPlacement));
        InitialScale = Guard.NonNegativeFinite(initialScale, nameof(initialScale));
        BiasCorrection = biasCorrection;
    }

    /// <summary>rho.</summary>
    public double Decay { get; }

    /// <summary>eps.</summary>
    public double Epsilon { get; }

    /// <summary>Where eps goes.</summary>
    public EpsilonPlacement Placement { get; }

    /// <summary>Where <c>nu</c> starts.</summary>
    public double InitialScale { get; }

    /// <summary>Whether the averages are divided by <c>1 - decay^t</c>.</summary>
    public bool BiasCorrection { get; }

    /// <inheritdoc/>
    public ScaleByStdDevState<T> Init(ReadOnlySpan<T> parameters) =>
        new(Values.Filled(parameters.Length, T.Zero), Values.Filled(parameters.Length, T.CreateChecked(InitialScale)), 0);

    /// <inheritdoc/>
    public Transformed<T, ScaleByStdDevState<T>> Update(ReadOnlySpan<T> updates, ScaleByStdDevState<T> state, ReadOnlySpan<T> parameters)
    {
        Guard.NotNull(state, nameof(state));
        Guard.SameLength(Pieces.Made(state.Nu, "state.Nu").Length, Pieces.Made(state.Mu, "state.Mu").Length, "state.Mu", "state.Nu");
        (ImmutableArray<T> output, ImmutableArray<T> nu, ImmutableArray<T> mu) = Pieces.ScaleByRoot(updates, state.Nu, state.Mu, state.Count, Decay, Epsilon, Placement, BiasCorrection);
        return new(output, new ScaleByStdDevState<T>(mu, nu, state.Count + 1));
    }
}

/// <summary>The state of <see cref="ScaleByStdDev{T}"/>: Optax's <c>ScaleByRStdDevState</c>.</summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="Mu">The running average of updates.</param>
/// <param name="Nu">The running average of squared updates.</param>
/// <param name="Count">Steps taken.</param>
public sealed record ScaleByStdDevState<T>(ImmutableArray<T> Mu, ImmutableArray<T> Nu, long Count);

/// <summary>Multiplies every update by a constant: Optax's <c>scale</c> (optax/_src/transform.py).</summary>
/// <typeparam name="T">The number type.</typeparam>
public sealed record Scale<T> : IGradientTransformation<T, NoState>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the piece.</summary>
    /// <param name="factor">The finite factor.</param>
    public Scale(double factor)
    {
        Factor = double.IsFinite(factor) ? factor : throw new ArgumentOutOfRangeException(nameof(factor), factor, $"{nameof(factor)} must be finite, but was {factor}.");
    }

    /// <summary>The factor.</summary>
    public double Factor { get; }

    /// <inheritdoc/>
    public NoState Init(ReadOnlySpan<T> parameters) => NoState.Instance;

    /// <inheritdoc/>
    public Transformed<T, NoState> Update(ReadOnlySpan<T> updates, NoState state, ReadOnlySpan<T> parameters)
    {
        Guard.AllFinite(updates, nameof(updates));
        return new(Pieces.Scaled(updates, T.CreateChecked(Factor)), NoState.Instance);
    }
}

/// <summary>
/// Multiplies every update by minus the learning rate of this step: Optax's <c>scale_by_learning_rate</c>
/// (optax/_src/alias.py helper, <c>scale_by_schedule</c> for a schedule), <c>-lr(count) * u</c>. The rate comes from
/// a <see cref="Schedule"/> at the piece's own step count, which starts at 0 as Optax's does.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
public sealed record ScaleByLearningRate<T> : IGradientTransformation<T, ScaleByScheduleState>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A constant learning rate.</summary>
    /// <param name="learningRate">Finite and greater than 0.</param>
    /// <param name="flipSign">Optax's <c>flip_sign</c>: negate (descend), the default.</param>
#pragma warning disable RS0026 // Optax's scale_by_learning_rate takes a rate or a schedule: two overloads with one optional tail are its C# form.
    public ScaleByLearningRate(double learningRate, bool flipSign = true)
        : this(Schedule.Constant(Guard.PositiveFinite(learningRate, nameof(learningRate))), flipSign)
    {
    }

    /// <summary>A scheduled learning rate.</summary>
    /// <param name="learningRate">The schedule; refused if it is known to go below 0, and at the step it gives 0.</param>
    /// <param name="flipSign">Optax's <c>flip_sign</c>: negate (descend), the default.</param>
    public ScaleByLearningRate(Schedule learningRate, bool flipSign = true)
#pragma warning restore RS0026
    {
        LearningRate = Guard.NotNull(learningRate, nameof(learningRate));
        // As RmsPropSchedule: below 0 somewhere is refused now; exactly 0 (a cosine decay's last step, which loops
        // rarely take) is refused at that step.
        if (learningRate.Lowest is { } lowest && lowest.Value < 0)
        {
            throw new ArgumentException(
                $"{nameof(learningRate)} {learningRate.Description} goes down to {lowest.Value} at step {lowest.Step}; a learning rate must be greater than 0.",
                nameof(learningRate));
        }

        FlipSign = flipSign;
    }

    /// <summary>The learning rate per step.</summary>
    public Schedule LearningRate { get; }

    /// <summary>Whether the rate is negated.</summary>
    public bool FlipSign { get; }

    /// <inheritdoc/>
    public ScaleByScheduleState Init(ReadOnlySpan<T> parameters) => new(0);

    /// <inheritdoc/>
    public Transformed<T, ScaleByScheduleState> Update(ReadOnlySpan<T> updates, ScaleByScheduleState state, ReadOnlySpan<T> parameters)
    {
        Guard.NotNull(state, nameof(state));
        Guard.AllFinite(updates, nameof(updates));
        double rate = LearningRate.ValueAt(state.Count);
        if (!(rate > 0))
        {
            throw new ArgumentException(
                $"the learning rate {LearningRate.Description} is {rate} at step {state.Count}; a learning rate must be greater than 0.",
                nameof(state));
        }

        // -lr is formed in double and rounded once, as the fused optimizer and Optax (-1 * learning_rate) form it.
        return new(Pieces.Scaled(updates, T.CreateChecked(FlipSign ? -rate : rate)), new ScaleByScheduleState(state.Count + 1));
    }
}

/// <summary>The state of <see cref="ScaleByLearningRate{T}"/>: Optax's <c>ScaleByScheduleState</c>.</summary>
/// <param name="Count">Steps taken: the schedule's argument at the next step.</param>
public sealed record ScaleByScheduleState(long Count);

/// <summary>
/// Momentum as a trace of past updates, <c>t = u + decay*t</c>, returning <c>t</c>, or with Nesterov
/// <c>u + decay*t</c> on the new trace: Optax's <c>trace</c> (optax/_src/transform.py).
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
public sealed record Trace<T> : IGradientTransformation<T, TraceState<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the piece.</summary>
    /// <param name="decay">The momentum coefficient, in [0, 1).</param>
    /// <param name="nesterov">Optax's <c>nesterov</c>.</param>
    public Trace(double decay, bool nesterov = false)
    {
        Decay = Guard.UnitInterval(decay, nameof(decay));
        Nesterov = nesterov;
    }

    /// <summary>The momentum coefficient.</summary>
    public double Decay { get; }

    /// <summary>Whether the update looks ahead along the new trace.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    public TraceState<T> Init(ReadOnlySpan<T> parameters) => new(Values.Filled(parameters.Length, T.Zero));

    /// <inheritdoc/>
    public unsafe Transformed<T, TraceState<T>> Update(ReadOnlySpan<T> updates, TraceState<T> state, ReadOnlySpan<T> parameters)
    {
        Guard.NotNull(state, nameof(state));
        Pieces.Check(updates, Pieces.Made(state.Trace, "state.Trace").Length);
        T[] trace = GC.AllocateUninitializedArray<T>(updates.Length);
        T[] output = Nesterov ? GC.AllocateUninitializedArray<T>(updates.Length) : trace;
        fixed (T* u = updates, traceIn = state.Trace.AsSpan(), traceOut = trace, o = output)
        {
            var stage = new TraceStage<T> { Updates = u, TraceIn = traceIn, TraceOut = traceOut, Output = o, Decay = T.CreateChecked(Decay), Nesterov = Nesterov };
            SpanStages.Run<T, TraceStage<T>>(ref stage, updates.Length);
        }

        ImmutableArray<T> frozen = Values.Freeze(trace);
        return new(Nesterov ? Values.Freeze(output) : frozen, new TraceState<T>(frozen));
    }
}

/// <summary>The state of <see cref="Trace{T}"/>: Optax's <c>TraceState</c>.</summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="Trace">The trace (the momentum buffer).</param>
public sealed record TraceState<T>(ImmutableArray<T> Trace);

/// <summary>
/// Adds <c>wd*w</c> to every update: Optax's <c>add_decayed_weights</c> (optax/_src/transform.py). First in a chain
/// it is coupled L2 decay; after the scaling it is decoupled decay, as in <c>optax.adamw</c>.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
public sealed record AddDecayedWeights<T> : IGradientTransformation<T, NoState>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the piece.</summary>
    /// <param name="weightDecay">Finite and at least 0.</param>
    /// <param name="mask">
    /// Optax's <c>mask</c>, one entry per coordinate: where it is false the update passes unchanged (biases and norms
    /// usually decay not at all). Default: every coordinate decays.
    /// </param>
    public AddDecayedWeights(double weightDecay, ImmutableArray<bool> mask = default)
    {
        WeightDecay = Guard.NonNegativeFinite(weightDecay, nameof(weightDecay));
        Mask = mask;
    }

    /// <summary>wd.</summary>
    public double WeightDecay { get; }

    /// <summary>Which coordinates decay; default (not an empty array) for all.</summary>
    public ImmutableArray<bool> Mask { get; }

    /// <inheritdoc/>
    public NoState Init(ReadOnlySpan<T> parameters) => NoState.Instance;

    /// <inheritdoc/>
    public unsafe Transformed<T, NoState> Update(ReadOnlySpan<T> updates, NoState state, ReadOnlySpan<T> parameters)
    {
        Guard.AllFinite(updates, nameof(updates));
        Guard.SameLength(updates.Length, parameters.Length, nameof(parameters), nameof(updates));
        if (!Mask.IsDefault)
        {
            Guard.SameLength(updates.Length, Mask.Length, "mask", nameof(updates));
        }

        T[] output = GC.AllocateUninitializedArray<T>(updates.Length);
        fixed (T* u = updates, w = parameters, o = output)
        {
            var stage = new AddDecayedWeightsStage<T> { Updates = u, Parameters = w, Output = o, WeightDecay = T.CreateChecked(WeightDecay) };
            SpanStages.Run<T, AddDecayedWeightsStage<T>>(ref stage, updates.Length);
        }

        if (!Mask.IsDefault)
        {
            for (int i = 0; i < output.Length; i++)
            {
                if (!Mask[i])
                {
                    output[i] = updates[i];
                }
            }
        }

        return new(Values.Freeze(output), NoState.Instance);
    }
}

/// <summary>
/// Scales the updates down when their L2 norm is at least <see cref="MaxNorm"/>: Optax's
/// <c>clip_by_global_norm</c> (optax/_src/clipping.py), <c>(u / norm) * max_norm</c>, the updates unchanged below.
/// Global over the span: chain it over all of a model's coordinates (one flat span) for the norm across all its
/// tensors. The norm is the one <see cref="GradientClipping.ByGlobalNorm"/> takes (<c>torch.norm</c>'s summation in
/// <typeparamref name="T"/>, finite for any finite input), whose order may differ from XLA's in the last bits; the
/// formula applied to it is Optax's (PyTorch's <c>clip_grad_norm_</c> formula, with its <c>1e-6</c>, is
/// <see cref="GradientClipping.ByGlobalNorm"/>).
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
public sealed record ClipByGlobalNorm<T> : IGradientTransformation<T, NoState>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the piece.</summary>
    /// <param name="maxNorm">Finite and greater than 0.</param>
    public ClipByGlobalNorm(double maxNorm)
    {
        MaxNorm = Guard.PositiveFinite(maxNorm, nameof(maxNorm));
    }

    /// <summary>The largest norm let through.</summary>
    public double MaxNorm { get; }

    /// <inheritdoc/>
    public NoState Init(ReadOnlySpan<T> parameters) => NoState.Instance;

    /// <inheritdoc/>
    public unsafe Transformed<T, NoState> Update(ReadOnlySpan<T> updates, NoState state, ReadOnlySpan<T> parameters)
    {
        Guard.AllFinite(updates, nameof(updates));
        T norm = T.CreateChecked(Clipper.Norm(updates));
        T maxNorm = T.CreateChecked(MaxNorm);
        if (norm < maxNorm)
        {
            return new(Values.Freeze(updates.ToArray()), NoState.Instance);
        }

        T[] output = GC.AllocateUninitializedArray<T>(updates.Length);
        fixed (T* u = updates, o = output)
        {
            var stage = new ClipStage<T> { Updates = u, Output = o, Norm = norm, MaxNorm = maxNorm };
            SpanStages.Run<T, ClipStage<T>>(ref stage, updates.Length);
        }

        return new(Values.Freeze(output), NoState.Instance);
    }
}

/// <summary>
/// Adam's scaling: Optax's <c>scale_by_adam</c> (optax/_src/transform.py), bias-corrected running averages of the
/// updates and of their squares, <c>mu_hat / (sqrt(nu_hat + eps_root) + eps)</c>. Chained with
/// <see cref="ScaleByLearningRate{T}"/> it is <c>optax.adam</c>; with <see cref="AddDecayedWeights{T}"/> between
/// them, <c>optax.adamw</c>.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
public sealed record ScaleByAdam<T> : IGradientTransformation<T, ScaleByAdamState<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the piece; the defaults are Optax's.</summary>
    /// <param name="beta1">The first moment's decay, in [0, 1).</param>
    /// <param name="beta2">The second moment's decay, in [0, 1).</param>
    /// <param name="epsilon">Added to the root; finite and at least 0.</param>
    /// <param name="epsilonRoot">Added under the root; finite and at least 0.</param>
    public ScaleByAdam(double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double epsilonRoot = 0)
    {
        Beta1 = Guard.UnitInterval(beta1, nameof(beta1));
        Beta2 = Guard.UnitInterval(beta2, nameof(beta2));
        Epsilon = Guard.NonNegativeFinite(epsilon, nameof(epsilon));
        EpsilonRoot = Guard.NonNegativeFinite(epsilonRoot, nameof(epsilonRoot));
    }

    /// <summary>b1.</summary>
    public double Beta1 { get; }

    /// <summary>b2.</summary>
    public double Beta2 { get; }

    /// <summary>eps.</summary>
    public double Epsilon { get; }

    /// <summary>eps_root.</summary>
    public double EpsilonRoot { get; }

    /// <inheritdoc/>
    public ScaleByAdamState<T> Init(ReadOnlySpan<T> parameters) =>
        new(Values.Filled(parameters.Length, T.Zero), Values.Filled(parameters.Length, T.Zero), 0);

    /// <inheritdoc/>
    public unsafe Transformed<T, ScaleByAdamState<T>> Update(ReadOnlySpan<T> updates, ScaleByAdamState<T> state, ReadOnlySpan<T> parameters)
    {
        Guard.NotNull(state, nameof(state));
        Pieces.Check(updates, Pieces.Made(state.Nu, "state.Nu").Length);
        Guard.SameLength(state.Nu.Length, Pieces.Made(state.Mu, "state.Mu").Length, "state.Mu", "state.Nu");
        long count = state.Count + 1;
        T[] mu = GC.AllocateUninitializedArray<T>(updates.Length);
        T[] nu = GC.AllocateUninitializedArray<T>(updates.Length);
        T[] output = GC.AllocateUninitializedArray<T>(updates.Length);
        fixed (T* u = updates, muIn = state.Mu.AsSpan(), muOut = mu, nuIn = state.Nu.AsSpan(), nuOut = nu, o = output)
        {
            var stage = new ScaleByAdamStage<T>
            {
                Updates = u,
                MuIn = muIn,
                MuOut = muOut,
                NuIn = nuIn,
                NuOut = nuOut,
                Output = o,
                Beta1 = T.CreateChecked(Beta1),
                OneMinusBeta1 = T.CreateChecked(1.0 - Beta1),
                Beta2 = T.CreateChecked(Beta2),
                OneMinusBeta2 = T.CreateChecked(1.0 - Beta2),
                Divisor1 = T.CreateChecked(1.0 - Math.Pow(Beta1, count)),
                Divisor2 = T.CreateChecked(1.0 - Math.Pow(Beta2, count)),
                Epsilon = T.CreateChecked(Epsilon),
                EpsilonRoot = T.CreateChecked(EpsilonRoot),
            };
            SpanStages.Run<T, ScaleByAdamStage<T>>(ref stage, updates.Length);
        }

        Pieces.CheckSquares(updates, nu);
        return new(Values.Freeze(output), new ScaleByAdamState<T>(Values.Freeze(mu), Values.Freeze(nu), count));
    }
}

/// <summary>The state of <see cref="ScaleByAdam{T}"/>: Optax's <c>ScaleByAdamState</c>.</summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="Mu">The running average of updates.</param>
/// <param name="Nu">The running average of squared updates.</param>
/// <param name="Count">Steps taken.</param>
public sealed record ScaleByAdamState<T>(ImmutableArray<T> Mu, ImmutableArray<T> Nu, long Count);

/// <summary>The span loops the pieces share, and their checks.</summary>
internal static class Pieces
{
    internal static void Check<T>(ReadOnlySpan<T> updates, int stateLength)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.SameLength(stateLength, updates.Length, nameof(updates), "state");
        Guard.AllFinite(updates, nameof(updates));
    }

    /// <summary>
    /// Refuses a step whose squares overflowed the average (a finite update near the square root of the largest
    /// value), as the fused optimizer does, instead of handing on an infinite <c>nu</c>.
    /// </summary>
    internal static void CheckSquares<T>(ReadOnlySpan<T> updates, ReadOnlySpan<T> nu)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < nu.Length; i++)
        {
            if (!T.IsFinite(nu[i]))
            {
                throw new ArgumentException(
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"updates[{i}] is {updates[i]}: its square makes the average of squares overflow to {nu[i]} at this step. Scale the loss down or clip the gradient."),
                    nameof(updates));
            }
        }
    }

    /// <summary>Refuses an array a state was built with but never filled (<c>default(ImmutableArray)</c>).</summary>
    internal static ImmutableArray<T> Made<T>(ImmutableArray<T> values, string name) =>
        values.IsDefault ? throw new ArgumentException($"{name} is a default ImmutableArray; build the state with the piece's Init.", "state") : values;

    /// <summary><c>factor * u</c> into a fresh array.</summary>
    internal static unsafe ImmutableArray<T> Scaled<T>(ReadOnlySpan<T> updates, T factor)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] output = GC.AllocateUninitializedArray<T>(updates.Length);
        fixed (T* u = updates, o = output)
        {
            var stage = new ScaleStage<T> { Updates = u, Output = o, Factor = factor };
            SpanStages.Run<T, ScaleStage<T>>(ref stage, updates.Length);
        }

        return Values.Freeze(output);
    }

    /// <summary>
    /// <c>scale_by_rms</c>, or <c>scale_by_stddev</c> when <paramref name="mu"/> is not default: the new
    /// <c>nu</c> (and <c>mu</c>) and the scaled updates, each into a fresh array.
    /// </summary>
    internal static unsafe (ImmutableArray<T> Output, ImmutableArray<T> Nu, ImmutableArray<T> Mu) ScaleByRoot<T>(
        ReadOnlySpan<T> updates, ImmutableArray<T> nu, ImmutableArray<T> mu, long count, double decay, double epsilon, EpsilonPlacement placement, bool biasCorrection)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(updates, Made(nu, "state.Nu").Length);
        bool centered = !mu.IsDefault;
        T[] nuOut = GC.AllocateUninitializedArray<T>(updates.Length);
        T[] muOut = centered ? GC.AllocateUninitializedArray<T>(updates.Length) : [];
        T[] output = GC.AllocateUninitializedArray<T>(updates.Length);
        fixed (T* u = updates, nuIn = nu.AsSpan(), nuNext = nuOut, muIn = centered ? mu.AsSpan() : default, muNext = muOut, o = output)
        {
            var stage = new ScaleByRmsStage<T>
            {
                Updates = u,
                NuIn = nuIn,
                NuOut = nuNext,
                MuIn = muIn,
                MuOut = muNext,
                Output = o,
                Decay = T.CreateChecked(decay),
                OneMinusDecay = T.CreateChecked(1.0 - decay),
                Epsilon = T.CreateChecked(epsilon),

                // 1 - decay^t in double, rounded once: as the fused optimizer's coefficients.
                Divisor = T.CreateChecked(1.0 - Math.Pow(decay, count + 1)),
                Mean = centered,
                EpsilonInside = placement == EpsilonPlacement.InsideRoot,
                BiasCorrection = biasCorrection,
            };
            SpanStages.Run<T, ScaleByRmsStage<T>>(ref stage, updates.Length);
        }

        CheckSquares(updates, nuOut);
        return (Values.Freeze(output), Values.Freeze(nuOut), centered ? Values.Freeze(muOut) : default);
    }
}
