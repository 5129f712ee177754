using System;
using System.Collections.Generic;
using System.Numerics;

namespace RmsProp.Functional.Transforms;

/// <summary>
/// Whole optimizers built from the pieces, as Optax builds them (optax/_src/alias.py). The pieces run the fused
/// optimizer's own stages, so <see cref="RmsProp{T}(RmsPropOptions)"/> gives bit for bit what
/// <see cref="RmsPropOptimizer"/> gives with the same options in <see cref="OperationOrder.Optax"/> (the property
/// tests hold them equal). The pieces follow Optax's rounding, not PyTorch's: Optax multiplies by a reciprocal root
/// and rounds each multiply and add; PyTorch divides by the root and fuses multiply-adds. Use
/// <see cref="RmsPropOptimizer"/> with <see cref="RmsPropOptions.PyTorch"/> to reproduce PyTorch.
/// </summary>
public static class Compose
{
    /// <summary>Pieces in sequence: Optax's <c>chain</c> (optax/_src/combine.py), with a flat state.</summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="pieces">The pieces, first applied first.</param>
    /// <returns>The chain.</returns>
    public static Chain<T> Chain<T>(params IGradientTransformation<T>[] pieces)
        where T : unmanaged, IFloatingPointIeee754<T> => new(pieces);

    /// <summary>
    /// Optax's <c>rmsprop(learning_rate, decay, eps, initial_scale, eps_in_sqrt, centered, momentum, nesterov,
    /// bias_correction)</c>: <c>chain(scale_by_rms | scale_by_stddev, scale_by_learning_rate, trace)</c>, the trace
    /// only with momentum (the learning rate inside it, <see cref="MomentumConvention.LearningRateInsideBuffer"/>).
    /// </summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="learningRate">Finite and greater than 0.</param>
    /// <param name="decay">rho, in [0, 1).</param>
    /// <param name="epsilon">Finite and at least 0.</param>
    /// <param name="initialScale">Where the square average starts.</param>
    /// <param name="epsilonPlacement">Optax's <c>eps_in_sqrt</c> (inside, its default).</param>
    /// <param name="centered">Divide by the standard deviation (<see cref="ScaleByStdDev{T}"/>).</param>
    /// <param name="momentum">In [0, 1); 0 is Optax's <c>None</c>.</param>
    /// <param name="nesterov">Nesterov momentum.</param>
    /// <param name="biasCorrection">Correct the averages' bias.</param>
    /// <returns>The optimizer as one transformation.</returns>
#pragma warning disable RS0026 // Optax's one rmsprop takes a rate or a schedule: two overloads with one optional tail are its C# form.
    public static Chain<T> RmsProp<T>(
        double learningRate,
        double decay = 0.9,
        double epsilon = 1e-8,
        double initialScale = 0,
        EpsilonPlacement epsilonPlacement = EpsilonPlacement.InsideRoot,
        bool centered = false,
        double momentum = 0,
        bool nesterov = false,
        bool biasCorrection = false)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        RmsProp<T>(Schedule.Constant(Guard.PositiveFinite(learningRate, nameof(learningRate))), decay, epsilon, initialScale, epsilonPlacement, centered, momentum, nesterov, biasCorrection);

    /// <summary>Optax's <c>rmsprop</c> with a learning-rate schedule (see the other overload).</summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="learningRate">The learning rate per step.</param>
    /// <param name="decay">rho, in [0, 1).</param>
    /// <param name="epsilon">Finite and at least 0.</param>
    /// <param name="initialScale">Where the square average starts.</param>
    /// <param name="epsilonPlacement">Optax's <c>eps_in_sqrt</c> (inside, its default).</param>
    /// <param name="centered">Divide by the standard deviation.</param>
    /// <param name="momentum">In [0, 1); 0 is Optax's <c>None</c>.</param>
    /// <param name="nesterov">Nesterov momentum.</param>
    /// <param name="biasCorrection">Correct the averages' bias.</param>
    /// <returns>The optimizer as one transformation.</returns>
    public static Chain<T> RmsProp<T>(
        Schedule learningRate,
        double decay = 0.9,
        double epsilon = 1e-8,
        double initialScale = 0,
        EpsilonPlacement epsilonPlacement = EpsilonPlacement.InsideRoot,
        bool centered = false,
        double momentum = 0,
        bool nesterov = false,
        bool biasCorrection = false)
        where T : unmanaged, IFloatingPointIeee754<T>
#pragma warning restore RS0026
    {
        Guard.UnitInterval(momentum, nameof(momentum));
        var pieces = new List<IGradientTransformation<T>>
        {
            centered
                ? new ScaleByStdDev<T>(decay, epsilon, epsilonPlacement, initialScale, biasCorrection)
                : new ScaleByRms<T>(decay, epsilon, epsilonPlacement, initialScale, biasCorrection),
            new ScaleByLearningRate<T>(learningRate),
        };
        if (momentum != 0)
        {
            pieces.Add(new Trace<T>(momentum, nesterov));
        }

        return new Chain<T>([.. pieces]);
    }

    /// <summary>
    /// The chain of pieces that computes what <see cref="RmsPropOptimizer"/> computes with <paramref name="options"/>,
    /// which must be in <see cref="OperationOrder.Optax"/> (<see cref="RmsPropOptions.Optax"/> and its variants):
    /// <c>scale(-1)</c> to maximize, <c>add_decayed_weights</c> first for coupled weight decay,
    /// <c>scale_by_rms</c> or <c>scale_by_stddev</c>, <c>add_decayed_weights</c> after it for decoupled decay (as
    /// <c>optax.adamw</c>), then <c>scale_by_learning_rate</c> and <c>trace</c> in the order the momentum convention
    /// says. Bit for bit the fused step's updates.
    /// </summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="options">Options in Optax's operation order.</param>
    /// <returns>The chain.</returns>
    /// <exception cref="ArgumentException">The options are in PyTorch's order, whose fused roundings no chain of separately rounded pieces reproduces.</exception>
    public static Chain<T> RmsProp<T>(RmsPropOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(options, nameof(options));
        if (options.OperationOrder != OperationOrder.Optax)
        {
            throw new ArgumentException(
                $"options are in {options.OperationOrder} order; the pieces round each operation as Optax does, so only OperationOrder.Optax options (RmsPropOptions.Optax) have a chain. PyTorch's order fuses multiply-adds and divides by the root.",
                nameof(options));
        }

        var pieces = new List<IGradientTransformation<T>>();
        if (options.Maximize)
        {
            pieces.Add(new Scale<T>(-1));
        }

        if (options.WeightDecay != 0)
        {
            pieces.Add(new AddDecayedWeights<T>(options.WeightDecay));
        }

        pieces.Add(options.Centered
            ? new ScaleByStdDev<T>(options.Rho, options.Epsilon, options.EpsilonPlacement, options.InitialSquareAverage, options.BiasCorrection)
            : new ScaleByRms<T>(options.Rho, options.Epsilon, options.EpsilonPlacement, options.InitialSquareAverage, options.BiasCorrection));
        if (options.DecoupledWeightDecay != 0)
        {
            pieces.Add(new AddDecayedWeights<T>(options.DecoupledWeightDecay));
        }

        var learningRate = new ScaleByLearningRate<T>(options.LearningRate);
        if (options.Momentum == 0)
        {
            pieces.Add(learningRate);
        }
        else if (options.MomentumConvention == MomentumConvention.LearningRateInsideBuffer)
        {
            pieces.Add(learningRate);
            pieces.Add(new Trace<T>(options.Momentum, options.Nesterov));
        }
        else
        {
            pieces.Add(new Trace<T>(options.Momentum, options.Nesterov));
            pieces.Add(learningRate);
        }

        return new Chain<T>([.. pieces]);
    }
}
