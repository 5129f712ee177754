using System.Numerics;
using System.Runtime.CompilerServices;

namespace RmsProp.Functional;

/// <summary>
/// The arithmetic of one step, one small function per stage, for one vector width (<typeparamref name="TLanes"/>;
/// <see cref="ScalarLanes{T}"/> for one coordinate). The fused kernel (<c>RmsPropKernel.VectorRange</c>) is these
/// stages in sequence; the pieces of <c>RmsProp.Functional.Transforms</c> run each stage over a span
/// (Stages/SpanStages.cs), so a chain of pieces computes what the fused kernel computes, rounding for rounding.
/// </summary>
/// <remarks>
/// <para>Each Optax stage is named after the Optax piece it is (optax/_src/transform.py) and rounds each operation
/// as that piece writes it. Where PyTorch rounds otherwise (it fuses a multiply and an add, or divides where Optax
/// multiplies by a reciprocal root), the PyTorch form is a separate stage whose name says so; the two give different
/// bits, which is the whole reason <see cref="OperationOrder"/> exists.</para>
/// <para>Operand order is kept as each framework writes it. IEEE addition and multiplication are commutative, so
/// only a NaN's payload could tell the orders apart; keeping them costs nothing and leaves no doubt.</para>
/// </remarks>
/// <typeparam name="T">float or double (any IEEE type with <see cref="ScalarLanes{T}"/>).</typeparam>
/// <typeparam name="TVector">The vector type.</typeparam>
/// <typeparam name="TLanes">Its operations.</typeparam>
/// <remarks>
/// A class to derive from rather than a static class: the loops that compose the stages derive from it and call
/// them by their bare names (C# has no alias for an open generic type).
/// </remarks>
internal abstract class Stages<T, TVector, TLanes>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TVector : struct
    where TLanes : struct, ILanes<TVector, T>
{
    private protected Stages()
    {
    }

    /// <summary>Optax's <c>add_decayed_weights</c>: <c>updates + weight_decay * params</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector AddDecayedWeights(TVector updates, TVector weightDecay, TVector parameters) =>
        TLanes.Add(updates, TLanes.Multiply(weightDecay, parameters));

    /// <summary>PyTorch's coupled decay, <c>grad.add(param, alpha=weight_decay)</c>: <c>fma(wd, w, g)</c>, rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector AddDecayedWeightsFused(TVector updates, TVector weightDecay, TVector parameters) =>
        TLanes.FusedMultiplyAdd(weightDecay, parameters, updates);

    /// <summary>
    /// The second moment of Optax's <c>scale_by_rms</c> (<c>update_moment_per_elem_norm</c>, order 2):
    /// <c>(1 - decay) * (g * g) + decay * nu</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector SquareAverage(TVector g, TVector nu, TVector decay, TVector oneMinusDecay) =>
        TLanes.Add(TLanes.Multiply(oneMinusDecay, TLanes.Multiply(g, g)), TLanes.Multiply(decay, nu));

    /// <summary>PyTorch's <c>square_avg.mul_(alpha).addcmul_(grad, grad, value=1-alpha)</c>: <c>fma((1-rho)*g, g, s*rho)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector SquareAverageFused(TVector g, TVector s, TVector rho, TVector oneMinusRho) =>
        TLanes.FusedMultiplyAdd(TLanes.Multiply(oneMinusRho, g), g, TLanes.Multiply(s, rho));

    /// <summary>
    /// The first moment of Optax's <c>scale_by_stddev</c> (<c>update_moment</c>, order 1):
    /// <c>(1 - decay) * g + decay * mu</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector GradientAverage(TVector g, TVector mu, TVector decay, TVector oneMinusDecay) =>
        TLanes.Add(TLanes.Multiply(oneMinusDecay, g), TLanes.Multiply(decay, mu));

    /// <summary>PyTorch's <c>grad_avg.lerp_(grad, 1-alpha)</c> as its CPU kernel rounds it: <c>fma(1-rho, g, m*rho)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector GradientAverageFused(TVector g, TVector m, TVector rho, TVector oneMinusRho) =>
        TLanes.FusedMultiplyAdd(oneMinusRho, g, TLanes.Multiply(m, rho));

    /// <summary>Optax's <c>bias_correction</c>: <c>moment / (1 - decay^t)</c>, the divisor formed in double by the caller.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector BiasCorrection(TVector moment, TVector divisor) => TLanes.Divide(moment, divisor);

    /// <summary>
    /// The variance of Optax's <c>scale_by_stddev</c>, <c>nu - mu*mu</c>, floored at 0: rounding can leave it a hair
    /// below 0 where the root would be NaN. Optax has no floor; it differs only where Optax would take the root of a
    /// negative number (eps inside the root hides that unless eps is smaller than the hair).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector CenteredVariance(TVector square, TVector mean) =>
        TLanes.ZeroIfNegative(TLanes.Subtract(square, TLanes.Multiply(mean, mean)));

    /// <summary>PyTorch's centered variance, <c>square_avg.addcmul(grad_avg, grad_avg, value=-1)</c>, floored at 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector CenteredVarianceFused(TVector square, TVector mean) =>
        TLanes.ZeroIfNegative(TLanes.FusedMultiplyAdd(TLanes.Negate(mean), mean, square));

    /// <summary>
    /// The scaling of Optax's <c>scale_by_rms</c> / <c>scale_by_stddev</c>: <c>rsqrt(v + eps)</c> with
    /// <c>eps_in_sqrt</c>, else <c>1 / (sqrt(v) + eps)</c>. The reciprocal root is rounded as <c>1 / sqrt</c>:
    /// both correctly rounded, which is what XLA's CPU <c>rsqrt</c> computes for float and double.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector RmsScaling(TVector variance, TVector epsilon, bool epsilonInside)
    {
        TVector one = TLanes.Splat(T.One);
        return epsilonInside
            ? TLanes.Divide(one, TLanes.Sqrt(TLanes.Add(variance, epsilon)))
            : TLanes.Divide(one, TLanes.Add(TLanes.Sqrt(variance), epsilon));
    }

    /// <summary>Optax's <c>scale_by_rms</c> applying its scaling: <c>g * scaling</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector ApplyScaling(TVector g, TVector scaling) => TLanes.Multiply(g, scaling);

    /// <summary>PyTorch's denominator, <c>sqrt(v).add_(eps)</c> or (Keras, TF1) <c>sqrt(v + eps)</c>: divided by, not inverted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector RmsDenominator(TVector variance, TVector epsilon, bool epsilonInside) =>
        epsilonInside ? TLanes.Sqrt(TLanes.Add(variance, epsilon)) : TLanes.Add(TLanes.Sqrt(variance), epsilon);

    /// <summary>PyTorch's scaling by the root: <c>x / denominator</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector DivideByRoot(TVector x, TVector denominator) => TLanes.Divide(x, denominator);

    /// <summary>
    /// Optax's <c>scale</c> and <c>scale_by_learning_rate</c> (<c>step_size * g</c>; the learning rate's negation,
    /// <c>-lr</c>, is formed in double by the caller, as Optax forms <c>-1 * learning_rate</c> in Python).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Scale(TVector factor, TVector x) => TLanes.Multiply(factor, x);

    /// <summary>Optax's <c>trace</c>: <c>g + decay * t</c>, both for the new trace and for Nesterov's look-ahead.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Trace(TVector g, TVector decay, TVector trace) => TLanes.Add(g, TLanes.Multiply(decay, trace));

    /// <summary>PyTorch's momentum buffer, <c>buf.mul_(momentum).add_(x)</c>: <c>b*mu + x</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector MomentumBuffer(TVector x, TVector momentum, TVector buffer) => TLanes.Add(TLanes.Multiply(buffer, momentum), x);

    /// <summary>PyTorch's Nesterov step, <c>x.add(buf, alpha=momentum)</c>: <c>x + b*mu</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector NesterovStep(TVector x, TVector momentum, TVector buffer) => TLanes.Add(x, TLanes.Multiply(buffer, momentum));

    /// <summary>PyTorch's AdamW shrink before the step, <c>param.mul_(1 - lr*wd)</c>: <c>w * keep</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector ShrinkParameters(TVector parameters, TVector keep) => TLanes.Multiply(parameters, keep);

    /// <summary>PyTorch's <c>param.add_(step, alpha=-lr)</c>: <c>fma(-lr, step, w)</c>, rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector ApplyScaledStepFused(TVector parameters, TVector negativeLearningRate, TVector step) =>
        TLanes.FusedMultiplyAdd(negativeLearningRate, step, parameters);

    /// <summary>PyTorch's <c>param.sub_(buf)</c> (learning rate inside the buffer): <c>w - step</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector ApplyNegatedStep(TVector parameters, TVector step) => TLanes.Subtract(parameters, step);

    /// <summary>
    /// Optax's <c>scale_by_adam</c> direction: <c>mu_hat / (sqrt(nu_hat + eps_root) + eps)</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector AdamDirection(TVector meanHat, TVector squareHat, TVector epsilon, TVector epsilonRoot) =>
        TLanes.Divide(meanHat, TLanes.Add(TLanes.Sqrt(TLanes.Add(squareHat, epsilonRoot)), epsilon));

    /// <summary>Optax's <c>clip_by_global_norm</c> once triggered: <c>(t / norm) * max_norm</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector ClipToNorm(TVector updates, TVector norm, TVector maxNorm) =>
        TLanes.Multiply(TLanes.Divide(updates, norm), maxNorm);

    /// <summary>Optax's <c>apply_updates</c>: <c>w + u</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector ApplyUpdates(TVector parameters, TVector updates) => TLanes.Add(parameters, updates);
}
