using System.Collections.Immutable;
using System.Numerics;

namespace RmsProp.Functional.Transforms;

/// <summary>
/// Whole optimizers built from the small pieces, as Optax builds them. They compute the same rule as
/// <see cref="RmsPropOptimizer"/> in Optax's operation order, so they agree with it to rounding rather than to the
/// bit; use <see cref="RmsPropOptimizer"/> to reproduce PyTorch exactly, and these to add or reorder pieces.
/// </summary>
public static class Compose
{
    /// <summary>Two pieces in sequence.</summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <typeparam name="TFirst">The first piece's state.</typeparam>
    /// <typeparam name="TSecond">The second piece's state.</typeparam>
    /// <param name="first">Applied to the gradients.</param>
    /// <param name="second">Applied to the first's output.</param>
    /// <returns>The chain.</returns>
    public static Chain<T, TFirst, TSecond> Chain<T, TFirst, TSecond>(IGradientTransformation<T, TFirst> first, IGradientTransformation<T, TSecond> second)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new(first, second);

    /// <summary>Optax's <c>rmsprop</c> without momentum: <c>chain(scale_by_rms(decay, eps), scale(-lr))</c>.</summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="learningRate">Finite and greater than 0.</param>
    /// <param name="decay">rho, in [0, 1).</param>
    /// <param name="epsilon">Finite and at least 0; inside the root, as in Optax.</param>
    /// <returns>The optimizer as a transformation.</returns>
    public static Chain<T, ImmutableArray<T>, NoState> RmsProp<T>(double learningRate, double decay, double epsilon)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Chain(
            new ScaleByRms<T>(decay, epsilon, EpsilonPlacement.InsideRoot),
            new Scale<T>(-Guard.PositiveFinite(learningRate, nameof(learningRate))));

    /// <summary>
    /// Optax's <c>rmsprop</c> with momentum: <c>chain(scale_by_rms, scale(-lr), trace(momentum))</c> (the learning rate
    /// inside the trace, <see cref="MomentumConvention.LearningRateInsideBuffer"/>).
    /// </summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="learningRate">Finite and greater than 0.</param>
    /// <param name="decay">rho, in [0, 1).</param>
    /// <param name="epsilon">Finite and at least 0; inside the root.</param>
    /// <param name="momentum">In [0, 1).</param>
    /// <returns>The optimizer as a transformation.</returns>
    public static Chain<T, (ImmutableArray<T> First, NoState Second), ImmutableArray<T>> RmsPropWithMomentum<T>(double learningRate, double decay, double epsilon, double momentum)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Chain(RmsProp<T>(learningRate, decay, epsilon), new Trace<T>(momentum));
}
