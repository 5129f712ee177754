using System.Numerics;
using System.Runtime.CompilerServices;

namespace RmsProp.Functional;

/// <summary>
/// The fused step: every stage of <see cref="Stages{T, TVector, TLanes}"/> that one option set needs, in sequence,
/// over a range of coordinates, each vector loaded once and its results stored once. This is what
/// <c>RmsPropOptimizer</c> runs; <see cref="RmsPropKernel.Coordinate"/> is its readable statement.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <typeparam name="TVector">The vector type (<typeparamref name="T"/> itself with <see cref="ScalarLanes{T}"/>).</typeparam>
/// <typeparam name="TLanes">Its operations.</typeparam>
/// <typeparam name="TVariant">The options, as types, so that the JIT removes every test of them.</typeparam>
internal sealed class FusedStep<T, TVector, TLanes, TVariant> : Stages<T, TVector, TLanes>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TVector : struct
    where TLanes : struct, ILanes<TVector, T>
    where TVariant : struct, IVariant
{
    private FusedStep()
    {
    }

    /// <summary>
    /// Steps [<paramref name="start"/>, <paramref name="end"/>), whose length is a multiple of the width. Returns
    /// false if any effective gradient is NaN, infinite or above <see cref="RmsPropKernel.SafeGradient{T}"/> in
    /// magnitude; the values are computed and written either way.
    /// </summary>
    internal static unsafe bool Range(in RmsPropKernel.Coefficients<T> c, in RmsPropKernel.Pointers<T> p, int start, int end)
    {
        TVector rho = TLanes.Splat(c.Rho), oneMinusRho = TLanes.Splat(c.OneMinusRho), epsilon = TLanes.Splat(c.Epsilon);
        TVector learningRate = TLanes.Splat(c.LearningRate), negativeLearningRate = TLanes.Splat(c.NegativeLearningRate);
        TVector momentum = TLanes.Splat(c.Momentum), weightDecay = TLanes.Splat(c.WeightDecay);
        TVector decoupled = TLanes.Splat(c.DecoupledWeightDecay), keep = TLanes.Splat(c.DecoupledKeep);
        TVector decoupledStep = TLanes.Splat(c.NegativeDecoupledStep), divisor = TLanes.Splat(c.BiasCorrectionDivisor);
        TVector bound = TLanes.Splat(RmsPropKernel.SafeGradient<T>()), zero = default;
        TVector bad = zero;

        ref T gradient = ref Unsafe.AsRef<T>(p.Gradient);
        ref T parameters = ref Unsafe.AsRef<T>(p.Parameters);
        ref T squareIn = ref Unsafe.AsRef<T>(p.SquareIn);
        ref T squareOut = ref Unsafe.AsRef<T>(p.SquareOut);
        ref T averageIn = ref Unsafe.AsRef<T>(p.AverageIn);
        ref T averageOut = ref Unsafe.AsRef<T>(p.AverageOut);
        ref T momentumIn = ref Unsafe.AsRef<T>(p.MomentumIn);
        ref T momentumOut = ref Unsafe.AsRef<T>(p.MomentumOut);
        ref T output = ref Unsafe.AsRef<T>(p.Output);

        // Every arithmetic line below is one stage (Stages.cs): the pieces of Transforms/ run the same stages over
        // spans, so a chain of them gives these bits.
        int i = start;
        for (; i <= end - TLanes.Count; i += TLanes.Count)
        {
            nuint k = (nuint)i;
            TVector g = TLanes.Load(ref gradient, k);
            TVector w = TVariant.ReadsParameters ? TLanes.Load(ref parameters, k) : zero;
            if (TVariant.Maximize)
            {
                g = TLanes.Negate(g);
            }

            if (TVariant.CoupledDecay)
            {
                g = TVariant.OptaxOrder ? AddDecayedWeights(g, weightDecay, w) : AddDecayedWeightsFused(g, weightDecay, w);
            }

            bad = TLanes.Or(bad, TLanes.OutOfBound(g, bound));

            TVector s = TLanes.Load(ref squareIn, k);
            s = TVariant.OptaxOrder ? SquareAverage(g, s, rho, oneMinusRho) : SquareAverageFused(g, s, rho, oneMinusRho);
            TLanes.Store(s, ref squareOut, k);
            TVector variance = TVariant.BiasCorrection ? BiasCorrection(s, divisor) : s;
            if (TVariant.Centered)
            {
                TVector m = TLanes.Load(ref averageIn, k);
                m = TVariant.OptaxOrder ? GradientAverage(g, m, rho, oneMinusRho) : GradientAverageFused(g, m, rho, oneMinusRho);
                TLanes.Store(m, ref averageOut, k);
                TVector mean = TVariant.BiasCorrection ? BiasCorrection(m, divisor) : m;
                variance = TVariant.OptaxOrder ? CenteredVariance(variance, mean) : CenteredVarianceFused(variance, mean);
            }

            TVector result;
            if (!TVariant.OptaxOrder)
            {
                TVector denominator = RmsDenominator(variance, epsilon, TVariant.EpsilonInside);
                TVector decayed = TVariant.DecoupledDecay ? ShrinkParameters(w, keep) : w;
                if (!TVariant.HasMomentum)
                {
                    TVector update = DivideByRoot(Scale(negativeLearningRate, g), denominator);
                    result = TVariant.AddParameters ? ApplyUpdates(decayed, update)
                        : TVariant.DecoupledDecay ? AddDecayedWeightsFused(update, decoupledStep, w) : update;
                }
                else
                {
                    TVector x = DivideByRoot(TVariant.LearningRateInsideBuffer ? Scale(learningRate, g) : g, denominator);
                    TVector b = MomentumBuffer(x, momentum, TLanes.Load(ref momentumIn, k));
                    TLanes.Store(b, ref momentumOut, k);
                    TVector step = TVariant.Nesterov ? NesterovStep(x, momentum, b) : b;
                    if (TVariant.AddParameters)
                    {
                        result = TVariant.LearningRateInsideBuffer
                            ? ApplyNegatedStep(decayed, step)
                            : ApplyScaledStepFused(decayed, negativeLearningRate, step);
                    }
                    else
                    {
                        TVector update = TVariant.LearningRateInsideBuffer ? TLanes.Negate(step) : Scale(negativeLearningRate, step);
                        result = TVariant.DecoupledDecay ? AddDecayedWeightsFused(update, decoupledStep, w) : update;
                    }
                }
            }
            else
            {
                // Optax: scale_by_rms | scale_by_stddev, add_decayed_weights (decoupled), then scale_by_learning_rate
                // and trace in the convention's order.
                TVector x = ApplyScaling(g, RmsScaling(variance, epsilon, TVariant.EpsilonInside));
                if (TVariant.DecoupledDecay)
                {
                    x = AddDecayedWeights(x, decoupled, w);
                }

                TVector update;
                if (!TVariant.HasMomentum)
                {
                    update = Scale(negativeLearningRate, x);
                }
                else if (TVariant.LearningRateInsideBuffer)
                {
                    TVector y = Scale(negativeLearningRate, x);
                    TVector b = Trace(y, momentum, TLanes.Load(ref momentumIn, k));
                    TLanes.Store(b, ref momentumOut, k);
                    update = TVariant.Nesterov ? Trace(y, momentum, b) : b;
                }
                else
                {
                    TVector b = Trace(x, momentum, TLanes.Load(ref momentumIn, k));
                    TLanes.Store(b, ref momentumOut, k);
                    update = Scale(negativeLearningRate, TVariant.Nesterov ? Trace(x, momentum, b) : b);
                }

                result = TVariant.AddParameters ? ApplyUpdates(w, update) : update;
            }

            TLanes.Store(result, ref output, k);
        }

        return !TLanes.AnyBitSet(bad);
    }
}
