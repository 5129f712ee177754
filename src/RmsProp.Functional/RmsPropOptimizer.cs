using System;
using System.Collections.Immutable;
using System.Numerics;

namespace RmsProp.Functional;

/// <summary>
/// RMSProp as pure functions over immutable states, plus one in-place entry point for hot loops.
/// </summary>
/// <remarks>
/// <para>The rule (Hinton, lecture 6e; PyTorch's default form), per coordinate:</para>
/// <code>
/// s = rho*s + (1 - rho)*g^2
/// w = w - lr*g / (sqrt(s) + eps)      (EpsilonPlacement.InsideRoot: w - lr*g / sqrt(s + eps))
/// </code>
/// <para>
/// Two shapes, as in Optax: <see cref="Init{T}"/>/<see cref="Step{T}"/> carry the parameters in the state;
/// <see cref="InitMoments{T}"/>/<see cref="Update{T}"/> leave them to the caller and return updates to add.
/// <see cref="Step{T}"/> is <see cref="UpdateWithParameters{T}"/> with the updates added to the parameters as they
/// are made; both run the same kernel, so the rule lives in one place. Every function validates all of its arguments before it computes anything, and none mutates an
/// argument: a failed call leaves everything as it was.
/// </para>
/// </remarks>
public static class RmsPropOptimizer
{
    /// <summary>Starts optimizing <paramref name="parameters"/> (which are copied).</summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="options">The hyperparameters.</param>
    /// <param name="parameters">The initial parameters; every entry finite.</param>
    /// <returns>A state with the parameters, a square average at <see cref="RmsPropOptions.InitialSquareAverage"/>, and step count 0.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">A parameter is NaN or infinite.</exception>
    public static RmsPropState<T> Init<T>(RmsPropOptions options, ReadOnlySpan<T> parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(options, nameof(options));
        Guard.AllFinite(parameters, nameof(parameters));
        return new RmsPropState<T>(ImmutableArray.Create(parameters), InitMoments<T>(options, parameters.Length));
    }

    /// <summary>Starts the moments for <paramref name="length"/> coordinates (Optax's <c>init</c>).</summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="options">The hyperparameters.</param>
    /// <param name="length">The number of coordinates; at least 0.</param>
    /// <returns>Moments at their initial values and step count 0.</returns>
    public static RmsPropMoments<T> InitMoments<T>(RmsPropOptions options, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(options, nameof(options));
        if (length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"{nameof(length)} must be at least 0, but was {length}.");
        }

        return new RmsPropMoments<T>(
            options,
            Values.Filled(length, T.CreateChecked(options.InitialSquareAverage)),
            options.Centered ? Values.Filled(length, T.Zero) : ImmutableArray<T>.Empty,
            options.Momentum != 0 ? Values.Filled(length, T.Zero) : ImmutableArray<T>.Empty,
            stepCount: 0);
    }

    /// <summary>One RMSProp step: the new state after following <paramref name="gradient"/>.</summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="state">The current state; not changed.</param>
    /// <param name="gradient">The gradient at <c>state.Parameters</c>; one finite entry per parameter. Read, not kept.</param>
    /// <returns>The next state.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="ArgumentException">The gradient has the wrong length or a NaN or infinite entry.</exception>
    public static RmsPropState<T> Step<T>(RmsPropState<T> state, ReadOnlySpan<T> gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(state, nameof(state));
        (T[] parameters, RmsPropMoments<T> moments) = UpdateCore(state.Moments, gradient, state.Parameters.AsSpan(), applyToParameters: true);
        return new RmsPropState<T>(Values.Freeze(parameters), moments);
    }

    /// <summary>
    /// One step with scheduled options: the step uses <paramref name="schedule"/>'s options at
    /// <see cref="RmsPropState{T}.StepCount"/>, and the returned state keeps <paramref name="state"/>'s own options,
    /// so the schedule stays a pure function of the step count.
    /// </summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="state">The current state; not changed.</param>
    /// <param name="gradient">The gradient; one finite entry per parameter.</param>
    /// <param name="schedule">The schedules of the options.</param>
    /// <returns>The next state.</returns>
    /// <exception cref="ArgumentException">A scheduled value cannot be taken at this step (the message names the step), or the gradient is bad.</exception>
    public static RmsPropState<T> StepWithSchedule<T>(RmsPropState<T> state, ReadOnlySpan<T> gradient, RmsPropSchedule schedule)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(state, nameof(state));
        Guard.NotNull(schedule, nameof(schedule));
        RmsPropOptions options = schedule.OptionsAt(state.Options, state.StepCount);
        return Step(state.WithOptions(options), gradient).WithOptions(state.Options);
    }

    /// <summary>
    /// One RMSProp step for callers who keep the parameters (Optax's <c>update</c>): the updates to add to them and
    /// the new moments. Coupled weight decay reads the parameters, so with <see cref="RmsPropOptions.WeightDecay"/>
    /// not 0 use <see cref="UpdateWithParameters{T}"/>.
    /// </summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="moments">The current moments; not changed.</param>
    /// <param name="gradient">One finite entry per coordinate. Read, not kept.</param>
    /// <returns>The updates (<c>w_new = w + update</c>) and the next moments.</returns>
    /// <exception cref="ArgumentException">Weight decay is on, or the gradient has the wrong length or a non-finite entry.</exception>
    public static RmsPropUpdate<T> Update<T>(RmsPropMoments<T> moments, ReadOnlySpan<T> gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(moments, nameof(moments));
        if (moments.Options.WeightDecay != 0 || moments.Options.DecoupledWeightDecay != 0)
        {
            throw new ArgumentException(
                moments.Options.WeightDecay != 0
                    ? $"Options.WeightDecay is {moments.Options.WeightDecay}: coupled weight decay adds wd*w to the gradient, so it needs the parameters. Call {nameof(UpdateWithParameters)}."
                    : $"Options.DecoupledWeightDecay is {moments.Options.DecoupledWeightDecay}: decoupled weight decay shrinks the parameters, so it needs them. Call {nameof(UpdateWithParameters)}.",
                nameof(moments));
        }

        (T[] updates, RmsPropMoments<T> next) = UpdateCore(moments, gradient, ReadOnlySpan<T>.Empty, applyToParameters: false);
        return new RmsPropUpdate<T>(Values.Freeze(updates), next);
    }

    /// <summary>
    /// <see cref="Update{T}"/> for options that read the parameters (weight decay); the parameters are read, not kept.
    /// </summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="moments">The current moments; not changed.</param>
    /// <param name="gradient">One finite entry per coordinate.</param>
    /// <param name="parameters">The current parameters, one per coordinate.</param>
    /// <returns>The updates (<c>w_new = w + update</c>) and the next moments.</returns>
    public static RmsPropUpdate<T> UpdateWithParameters<T>(RmsPropMoments<T> moments, ReadOnlySpan<T> gradient, ReadOnlySpan<T> parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(moments, nameof(moments));
        Guard.SameLength(moments.Length, parameters.Length, nameof(parameters), nameof(moments));
        (T[] updates, RmsPropMoments<T> next) = UpdateCore(moments, gradient, parameters, applyToParameters: false);
        return new RmsPropUpdate<T>(Values.Freeze(updates), next);
    }

    /// <summary>Adds <paramref name="updates"/> to <paramref name="parameters"/> (Optax's <c>apply_updates</c>).</summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="parameters">The parameters.</param>
    /// <param name="updates">One update per parameter.</param>
    /// <returns>A new array <c>w + u</c>.</returns>
    public static unsafe ImmutableArray<T> ApplyUpdates<T>(ReadOnlySpan<T> parameters, ReadOnlySpan<T> updates)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.SameLength(parameters.Length, updates.Length, nameof(updates), nameof(parameters));

        // The fused step's own last stage, so that w + u of a composed chain is what the fused step writes.
        T[] result = GC.AllocateUninitializedArray<T>(parameters.Length);
        fixed (T* w = parameters, u = updates, o = result)
        {
            var stage = new ApplyUpdatesStage<T> { Parameters = w, Updates = u, Output = o };
            SpanStages.Run<T, ApplyUpdatesStage<T>>(ref stage, parameters.Length);
        }

        return Values.Freeze(result);
    }

    /// <summary>
    /// The in-place step for hot loops: overwrites the parameters and buffers the caller owns, allocating nothing.
    /// Computes bitwise the same values as <see cref="Step{T}"/>. Checks every argument before writing anything.
    /// </summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="options">The hyperparameters for this step.</param>
    /// <param name="parameters">The parameters, updated in place.</param>
    /// <param name="gradient">One finite entry per parameter.</param>
    /// <param name="squareAverage">The squared-gradient average, updated in place; start it at <see cref="RmsPropOptions.InitialSquareAverage"/>.</param>
    /// <param name="gradientAverage">Centered: the gradient average (start at 0), updated in place; otherwise empty.</param>
    /// <param name="momentumBuffer">With momentum: the buffer (start at 0), updated in place; otherwise empty.</param>
    /// <param name="stepNumber">Which step this is, 1 for the first; read only with <see cref="RmsPropOptions.BiasCorrection"/>.</param>
    /// <exception cref="ArgumentException">A length is wrong, or the gradient has a NaN or infinite entry or one so large that the square average would overflow; nothing is written.</exception>
    public static void StepInPlace<T>(
        RmsPropOptions options,
        Span<T> parameters,
        ReadOnlySpan<T> gradient,
        Span<T> squareAverage,
        Span<T> gradientAverage,
        Span<T> momentumBuffer,
        long stepNumber = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(options, nameof(options));
        Guard.SameLength(parameters.Length, gradient.Length, nameof(gradient), nameof(parameters));
        Guard.SameLength(parameters.Length, squareAverage.Length, nameof(squareAverage), nameof(parameters));
        Values.CheckMoments<T>(options, squareAverage, gradientAverage, momentumBuffer, nameof(squareAverage), nameof(gradientAverage), nameof(momentumBuffer));
        if (stepNumber < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(stepNumber), stepNumber, $"{nameof(stepNumber)} counts from 1, but was {stepNumber}.");
        }

        // The kernel checks the gradient (finite, and no overflow of the square average) before it writes anything.
        var coefficients = new RmsPropKernel.Coefficients<T>(options, stepNumber);
        RmsPropKernel.StepInPlace(
            coefficients,
            new RmsPropKernel.Buffers<T>
            {
                Gradient = gradient,
                Parameters = parameters,
                SquareAverageIn = squareAverage,
                SquareAverageOut = squareAverage,
                GradientAverageIn = gradientAverage,
                GradientAverageOut = gradientAverage,
                MomentumIn = momentumBuffer,
                MomentumOut = momentumBuffer,
                Output = parameters,
                AddParameters = true,
            },
            nameof(gradient),
            nameof(gradient));
    }

    /// <summary>
    /// Validates, then runs the kernel into fresh arrays: the shared body of <see cref="Update{T}"/> and
    /// <see cref="Step{T}"/>. With <paramref name="applyToParameters"/> the output is <c>w + u</c> instead of
    /// <c>u</c>, formed as PyTorch forms it (with momentum, one fused multiply-add), so Step reproduces PyTorch
    /// bit for bit while equalling Update followed by <see cref="ApplyUpdates{T}"/> up to that last rounding.
    /// </summary>
    private static (T[] Output, RmsPropMoments<T> Moments) UpdateCore<T>(RmsPropMoments<T> moments, ReadOnlySpan<T> gradient, ReadOnlySpan<T> parameters, bool applyToParameters)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.SameLength(moments.Length, gradient.Length, nameof(gradient), nameof(moments));

        // Only the outputs are allocated, and not zeroed: the kernel writes every entry. The kernel checks the
        // gradient in the same pass; if it throws, these arrays are dropped and nothing the caller holds changed.
        int length = moments.Length;
        T[] output = GC.AllocateUninitializedArray<T>(length);
        T[] squareAverage = GC.AllocateUninitializedArray<T>(length);
        T[] gradientAverage = moments.Options.Centered ? GC.AllocateUninitializedArray<T>(length) : [];
        T[] momentumBuffer = moments.Options.Momentum != 0 ? GC.AllocateUninitializedArray<T>(length) : [];

        var coefficients = new RmsPropKernel.Coefficients<T>(moments.Options, moments.StepCount + 1);
        RmsPropKernel.StepInto(
            coefficients,
            new RmsPropKernel.Buffers<T>
            {
                Gradient = gradient,
                Parameters = parameters,
                SquareAverageIn = moments.SquareAverage.AsSpan(),
                SquareAverageOut = squareAverage,
                GradientAverageIn = moments.GradientAverage.AsSpan(),
                GradientAverageOut = gradientAverage,
                MomentumIn = moments.MomentumBuffer.AsSpan(),
                MomentumOut = momentumBuffer,
                Output = output,
                AddParameters = applyToParameters,
            },
            nameof(gradient),
            nameof(gradient));

        var next = new RmsPropMoments<T>(
            moments.Options,
            Values.Freeze(squareAverage),
            Values.Freeze(gradientAverage),
            Values.Freeze(momentumBuffer),
            moments.StepCount + 1);
        return (output, next);
    }
}
