using System.Collections.Generic;
using RmsProp.Functional;

namespace RmsProp.Laws;

/// <summary>
/// What an implementation declares it implements. The laws generate only options inside the declaration, so a step
/// is never blamed for an option it never claimed; a law that needs an option outside it is reported as not
/// applicable, never as passed.
/// </summary>
/// <remarks>
/// <para>
/// The default, <see cref="Plain"/>, is the lesson's RMSProp: <c>s = rho*s + (1-rho)*g^2</c>,
/// <c>w -= lr*g/(sqrt(s) + eps)</c>, any lr, rho and eps, nothing else. Declare more in one line, in C# with
/// <c>RmsPropSupport.Plain with { Centered = true }</c> or from any language with the <c>With...</c> methods:
/// <c>RmsPropSupport.Plain.WithCentered().WithMomentum(MomentumConvention.LearningRateOutsideBuffer)</c>.
/// </para>
/// <para>
/// Every option is a property that is off in <see cref="Plain"/>, so when RmsPropOptions gains an option, the
/// declaration gains a property that is off by default and every existing declaration keeps its meaning.
/// </para>
/// </remarks>
public sealed record RmsPropSupport
{
    /// <summary>The lesson's plain RMSProp: lr, rho and eps outside the root; nothing else.</summary>
    public static RmsPropSupport Plain { get; } = new();

    /// <summary>
    /// Every option the laws generate: both eps placements, centring, momentum in both conventions and Nesterov's form,
    /// coupled and decoupled weight decay, maximize, an initial average.
    /// </summary>
    public static RmsPropSupport Everything { get; } = new()
    {
        EpsilonInsideRoot = true,
        Centered = true,
        MomentumWithLearningRateOutsideBuffer = true,
        MomentumWithLearningRateInsideBuffer = true,
        WeightDecay = true,
        Maximize = true,
        InitialSquareAverage = true,
        Nesterov = true,
        DecoupledWeightDecay = true,
    };

    /// <summary><c>sqrt(s) + eps</c> (the lesson, PyTorch). On in <see cref="Plain"/>.</summary>
    public bool EpsilonOutsideRoot { get; init; } = true;

    /// <summary><c>sqrt(s + eps)</c> (Keras, TensorFlow 1, Optax).</summary>
    public bool EpsilonInsideRoot { get; init; }

    /// <summary>Centred RMSProp: divides by <c>sqrt(s - m^2)</c>, m the running average of gradients.</summary>
    public bool Centered { get; init; }

    /// <summary>Momentum as PyTorch has it: <c>b = mu*b + g/denom; w -= lr*b</c>.</summary>
    public bool MomentumWithLearningRateOutsideBuffer { get; init; }

    /// <summary>Momentum as Keras, TensorFlow 1 and Optax have it: <c>b = mu*b + lr*g/denom; w -= b</c>.</summary>
    public bool MomentumWithLearningRateInsideBuffer { get; init; }

    /// <summary>Coupled (L2) weight decay: <c>g += wd*w</c> before the averages.</summary>
    public bool WeightDecay { get; init; }

    /// <summary>Ascent on the objective: the gradient's sign flipped.</summary>
    public bool Maximize { get; init; }

    /// <summary>A square average that starts at <see cref="RmsPropOptions.InitialSquareAverage"/> instead of 0.</summary>
    public bool InitialSquareAverage { get; init; }

    /// <summary>
    /// Nesterov momentum, <see cref="RmsPropOptions.Nesterov"/> (Optax's <c>trace(nesterov=True)</c>): the step is
    /// <c>x + mu*b</c> with the buffer already updated, <c>b = mu*b + x</c>. Drawn only with momentum on, in the
    /// declared conventions.
    /// </summary>
    public bool Nesterov { get; init; }

    /// <summary>
    /// Decoupled weight decay, <see cref="RmsPropOptions.DecoupledWeightDecay"/> (AdamW's): <c>w -= lr*wd*w</c> beside
    /// the adaptive step, not through the gradient.
    /// </summary>
    public bool DecoupledWeightDecay { get; init; }

    /// <summary>Whether some momentum convention is declared.</summary>
    public bool Momentum => MomentumWithLearningRateOutsideBuffer || MomentumWithLearningRateInsideBuffer;

    /// <summary>This declaration with eps in the given place only.</summary>
    /// <param name="placement">Where the implementation puts eps.</param>
    /// <returns>The declaration.</returns>
    public RmsPropSupport WithEpsilon(EpsilonPlacement placement) =>
        this with { EpsilonOutsideRoot = placement == EpsilonPlacement.OutsideRoot, EpsilonInsideRoot = placement == EpsilonPlacement.InsideRoot };

    /// <summary>This declaration with eps in either place, as <see cref="RmsPropOptions.EpsilonPlacement"/> says.</summary>
    /// <returns>The declaration.</returns>
    public RmsPropSupport WithBothEpsilonPlacements() => this with { EpsilonOutsideRoot = true, EpsilonInsideRoot = true };

    /// <summary>This declaration with centring.</summary>
    /// <returns>The declaration.</returns>
    public RmsPropSupport WithCentered() => this with { Centered = true };

    /// <summary>This declaration with momentum in the given convention (call twice for both).</summary>
    /// <param name="convention">Where the learning rate enters.</param>
    /// <returns>The declaration.</returns>
    public RmsPropSupport WithMomentum(MomentumConvention convention) =>
        convention == MomentumConvention.LearningRateInsideBuffer
            ? this with { MomentumWithLearningRateInsideBuffer = true }
            : this with { MomentumWithLearningRateOutsideBuffer = true };

    /// <summary>This declaration with coupled weight decay.</summary>
    /// <returns>The declaration.</returns>
    public RmsPropSupport WithWeightDecay() => this with { WeightDecay = true };

    /// <summary>This declaration with maximize.</summary>
    /// <returns>The declaration.</returns>
    public RmsPropSupport WithMaximize() => this with { Maximize = true };

    /// <summary>This declaration with a nonzero starting square average.</summary>
    /// <returns>The declaration.</returns>
    public RmsPropSupport WithInitialSquareAverage() => this with { InitialSquareAverage = true };

    /// <summary>This declaration with Nesterov momentum (declare a momentum convention too).</summary>
    /// <returns>The declaration.</returns>
    public RmsPropSupport WithNesterov() => this with { Nesterov = true };

    /// <summary>This declaration with decoupled weight decay.</summary>
    /// <returns>The declaration.</returns>
    public RmsPropSupport WithDecoupledWeightDecay() => this with { DecoupledWeightDecay = true };

    /// <summary>Whether <paramref name="options"/> use only what is declared.</summary>
    /// <param name="options">The options.</param>
    /// <returns>True when the implementation claims to handle them.</returns>
    public bool Covers(RmsPropOptions options) =>
        options is not null
        && (options.EpsilonPlacement == EpsilonPlacement.OutsideRoot ? EpsilonOutsideRoot : EpsilonInsideRoot)
        && (Centered || !options.Centered)
        && (options.Momentum == 0
            || (options.MomentumConvention == MomentumConvention.LearningRateInsideBuffer ? MomentumWithLearningRateInsideBuffer : MomentumWithLearningRateOutsideBuffer))
        && (WeightDecay || options.WeightDecay == 0)
        && (Maximize || !options.Maximize)
        && (InitialSquareAverage || options.InitialSquareAverage == 0)
        && (Nesterov || !options.Nesterov || options.Momentum == 0)
        && (DecoupledWeightDecay || options.DecoupledWeightDecay == 0);

    /// <inheritdoc/>
    public override string ToString()
    {
        var parts = new List<string> { "lr", "rho" };
        parts.Add(EpsilonOutsideRoot && EpsilonInsideRoot ? "eps outside or inside the root"
            : EpsilonInsideRoot ? "eps inside the root"
            : "eps outside the root");
        if (Centered)
        {
            parts.Add("centered");
        }

        if (MomentumWithLearningRateOutsideBuffer && MomentumWithLearningRateInsideBuffer)
        {
            parts.Add("momentum (lr outside or inside the buffer)");
        }
        else if (Momentum)
        {
            parts.Add(MomentumWithLearningRateInsideBuffer ? "momentum (lr inside the buffer)" : "momentum (lr outside the buffer)");
        }

        if (Nesterov)
        {
            parts.Add("Nesterov");
        }

        if (WeightDecay)
        {
            parts.Add("weight decay");
        }

        if (DecoupledWeightDecay)
        {
            parts.Add("decoupled weight decay");
        }

        if (Maximize)
        {
            parts.Add("maximize");
        }

        if (InitialSquareAverage)
        {
            parts.Add("initial square average");
        }

        return (this == Plain ? "plain RMSProp: " : string.Empty) + string.Join(", ", parts);
    }
}
