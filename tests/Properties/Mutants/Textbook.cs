using System;
using System.Collections.Generic;
using System.Numerics;
using RmsProp.Functional;
using RmsProp.Laws;

namespace RmsProp.Properties.Mutants;

/// <summary>The mistakes the suite must catch, each a one-line change to the textbook step.</summary>
internal enum Mistake
{
    /// <summary>The honest textbook step, as a control: no law may reject it.</summary>
    None,

    /// <summary><c>s = rho*s + (1-rho)*g</c>: the raw gradient instead of its square.</summary>
    RawGradientInAverage,

    /// <summary>eps dropped: <c>g / sqrt(s)</c>.</summary>
    NoEpsilon,

    /// <summary><c>s = (1-rho)*s + rho*g^2</c> (and the same swap in the centred m): the decay weights exchanged.</summary>
    SwappedDecayWeights,

    /// <summary>s, m and b start afresh every step: the state is never carried.</summary>
    StateResetEveryStep,

    /// <summary>The denominator is computed from the average before this step's gradient is folded in.</summary>
    StaleAverageInDenominator,

    /// <summary><c>rho = tenths / 10</c> in integer arithmetic: rho is 0 whatever the options say.</summary>
    RhoZeroByIntegerDivision,

    /// <summary>The notebook's running sum of gradients takes the gradient's place in the numerator.</summary>
    NotebookRunningSum,

    /// <summary>The vector body multiplies and adds separately while the scalar tail fuses them.</summary>
    UnfusedVectorBody,

    /// <summary>The step writes its results into the arrays it was given (an in-place step wrapped carelessly).</summary>
    WritesIntoItsInputs,

    /// <summary>The averages live in a field of the optimizer object; the state passed in is read only the first time.</summary>
    StateKeptInAField,

    /// <summary><c>s = rho*s + g^2</c>: the (1 - rho) factor missing from the new term.</summary>
    NoOneMinusRho,

    /// <summary><c>w += lr*g/denom</c>: ascent where descent was asked for.</summary>
    Ascent,

    /// <summary><c>w -= lr*lr*g/denom</c>: the learning rate applied twice.</summary>
    LearningRateSquared,

    /// <summary><c>w -= lr*g/(s + eps)</c>: the square root forgotten.</summary>
    NoSquareRoot,

    /// <summary><c>sqrt(s + eps)</c> whatever the options say: the other source's placement.</summary>
    EpsilonAlwaysInsideRoot,

    /// <summary><c>w -= lr*g/sqrt(s) + eps</c>: eps added to the update by a missing pair of parentheses.</summary>
    EpsilonOutsideTheFraction,

    /// <summary><c>s = rho*s + (1-rho)*(g^2 + g)</c>: the notebook's square plus raw gradient.</summary>
    SquarePlusRawGradient,

    /// <summary><c>w -= lr*sign(g)</c>: RMSProp confused with Rprop's sign rule.</summary>
    SignOfGradient,

    /// <summary>Adam's bias correction <c>s/(1 - rho^t)</c> applied to an RMSProp that has none.</summary>
    BiasCorrected,

    /// <summary>One average for all coordinates: <c>s = rho*s + (1-rho)*mean(g^2)</c>.</summary>
    SharedAverage,

    /// <summary>Nesterov's look-ahead taken with the old buffer: <c>x + mu*b_old</c> instead of <c>x + mu*b_new</c>.</summary>
    NesterovWithOldBuffer,

    /// <summary>Decoupled weight decay without the learning rate: <c>w -= wd*w</c> instead of <c>w -= lr*wd*w</c>.</summary>
    DecoupledDecayWithoutLearningRate,
}

/// <summary>
/// RMSProp as a textbook writes it, one coordinate at a time, with every option the laws use (both eps placements,
/// centring, both momentum conventions and Nesterov's form, coupled and decoupled weight decay, maximize, an initial
/// average; the decoupled decay and Nesterov in PyTorch's operation order, AdamW's <c>w *= 1 - lr*wd</c>), and at most one
/// <see cref="Mistake"/>. Because the honest version passes every law, a law that rejects a mutant rejects its
/// mistake, not a gap in what the mutant can represent.
/// </summary>
internal sealed class Textbook
{
    private const int VectorWidth = 4;

    private readonly Mistake _mistake;
    private readonly Dictionary<Type, object> _fields = [];

    internal Textbook(Mistake mistake) => _mistake = mistake;

    internal RmsPropImplementation ToImplementation(string name, RmsPropSupport support) =>
        new RmsPropImplementation(name, Step<float>, Step<double>).Supporting(support);

    private sealed class Memory<T>(RmsPropStepState<T> state)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T[] Square { get; } = (T[])state.SquareAverage.Clone();

        public T[] Average { get; } = (T[])state.GradientAverage.Clone();

        public T[] Buffer { get; } = (T[])state.MomentumBuffer.Clone();

        public T[] Sum { get; } = (T[])state.Auxiliary.Clone();
    }

    internal RmsPropStepState<T> Step<T>(RmsPropOptions options, RmsPropStepState<T> state, T[] gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = state.Length;
        T[] squareIn = state.SquareAverage, averageIn = state.GradientAverage, bufferIn = state.MomentumBuffer, sumIn = state.Auxiliary;
        Memory<T>? memory = null;
        if (_mistake == Mistake.StateKeptInAField)
        {
            if (!_fields.TryGetValue(typeof(T), out object? kept) || ((Memory<T>)kept).Square.Length != n)
            {
                _fields[typeof(T)] = new Memory<T>(state);
            }

            memory = (Memory<T>)_fields[typeof(T)];
            (squareIn, averageIn, bufferIn, sumIn) = (memory.Square, memory.Average, memory.Buffer, memory.Sum);
        }

        T lr = T.CreateChecked(options.LearningRate);
        T rho = T.CreateChecked(options.Rho);
        if (_mistake == Mistake.RhoZeroByIntegerDivision)
        {
            int tenths = (int)(options.Rho * 10);
            rho = T.CreateChecked(tenths / 10);
        }

        T keep = _mistake == Mistake.SwappedDecayWeights ? T.One - rho : rho;
        T take = _mistake == Mistake.SwappedDecayWeights ? rho : _mistake == Mistake.NoOneMinusRho ? T.One : T.One - rho;
        if (_mistake == Mistake.LearningRateSquared)
        {
            lr *= lr;
        }
        T eps = T.CreateChecked(options.Epsilon);
        T mu = T.CreateChecked(options.Momentum);
        T wd = T.CreateChecked(options.WeightDecay);
        T initialSquare = T.CreateChecked(options.InitialSquareAverage);
        bool reset = _mistake == Mistake.StateResetEveryStep;

        var w = new T[n];
        var square = new T[n];
        var average = (T[])state.GradientAverage.Clone();
        var buffer = (T[])state.MomentumBuffer.Clone();
        var sum = (T[])state.Auxiliary.Clone();
        int vectorEnd = n - (n % VectorWidth);
        T meanSquare = T.Zero;
        for (int i = 0; i < n; i++)
        {
            T g = (options.Maximize ? -gradient[i] : gradient[i]) + (wd * state.Parameters[i]);
            meanSquare += g * g / T.CreateChecked(n);
        }
        for (int i = 0; i < n; i++)
        {
            bool fused = _mistake == Mistake.UnfusedVectorBody && i >= vectorEnd;
            T Ema(T old, T x) => fused ? T.FusedMultiplyAdd(take, x, keep * old) : (keep * old) + (take * x);

            T g = options.Maximize ? -gradient[i] : gradient[i];
            if (options.WeightDecay != 0)
            {
                g = fused ? T.FusedMultiplyAdd(wd, state.Parameters[i], g) : g + (wd * state.Parameters[i]);
            }

            T sOld = reset ? initialSquare : squareIn[i];
            T mOld = reset ? T.Zero : averageIn[i];
            T bOld = reset ? T.Zero : bufferIn[i];

            T s = Ema(sOld, _mistake switch
            {
                Mistake.RawGradientInAverage => g,
                Mistake.SquarePlusRawGradient => (g * g) + g,
                Mistake.SharedAverage => meanSquare,
                _ => g * g,
            });
            square[i] = s;
            T m = mOld;
            if (options.Centered)
            {
                m = Ema(mOld, g);
                average[i] = m;
            }

            T variance = _mistake == Mistake.StaleAverageInDenominator
                ? (options.Centered ? sOld - (mOld * mOld) : sOld)
                : (options.Centered ? s - (m * m) : s);
            if (_mistake == Mistake.BiasCorrected)
            {
                sum[i] = sumIn[i] + T.One;   // the step count t
                variance /= T.One - T.Pow(rho, sum[i]);
            }
            if (options.Centered && variance < T.Zero)
            {
                variance = T.Zero;
            }

            T denominator = _mistake switch
            {
                Mistake.NoEpsilon or Mistake.EpsilonOutsideTheFraction => T.Sqrt(variance),
                Mistake.NoSquareRoot => variance + eps,
                Mistake.EpsilonAlwaysInsideRoot => T.Sqrt(variance + eps),
                _ => options.EpsilonPlacement == EpsilonPlacement.InsideRoot ? T.Sqrt(variance + eps) : T.Sqrt(variance) + eps,
            };

            T numerator = g;
            if (_mistake == Mistake.SignOfGradient)
            {
                numerator = T.CreateChecked(T.Sign(g));
                denominator = T.One;
            }

            if (_mistake == Mistake.Ascent)
            {
                numerator = -numerator;
            }
            if (_mistake == Mistake.NotebookRunningSum)
            {
                numerator = sumIn[i] + g;
                sum[i] = numerator;
            }

            // AdamW's decoupled decay, w *= 1 - lr*wd, before the adaptive step (lr forgotten by one mistake).
            T decayed = state.Parameters[i];
            if (options.DecoupledWeightDecay != 0)
            {
                double shrink = _mistake == Mistake.DecoupledDecayWithoutLearningRate ? options.DecoupledWeightDecay : options.LearningRate * options.DecoupledWeightDecay;
                decayed *= T.CreateChecked(1 - shrink);
            }

            if (options.Momentum == 0)
            {
                w[i] = decayed - (_mistake == Mistake.EpsilonOutsideTheFraction ? (lr * numerator / denominator) + eps : lr * numerator / denominator);
            }
            else
            {
                bool lrInside = options.MomentumConvention == MomentumConvention.LearningRateInsideBuffer;
                T x = lrInside ? lr * numerator / denominator : numerator / denominator;
                buffer[i] = (mu * bOld) + x;

                // Nesterov's step looks ahead with the buffer just updated: x + mu*b.
                T step = !options.Nesterov ? buffer[i]
                    : _mistake == Mistake.NesterovWithOldBuffer ? x + (mu * bOld)
                    : x + (mu * buffer[i]);
                w[i] = decayed - (lrInside ? step : lr * step);
            }
        }

        if (memory is not null)
        {
            square.CopyTo(memory.Square, 0);
            average.CopyTo(memory.Average, 0);
            buffer.CopyTo(memory.Buffer, 0);
            sum.CopyTo(memory.Sum, 0);
        }

        if (_mistake == Mistake.WritesIntoItsInputs)
        {
            w.CopyTo(state.Parameters, 0);
            square.CopyTo(state.SquareAverage, 0);
            average.CopyTo(state.GradientAverage, 0);
            buffer.CopyTo(state.MomentumBuffer, 0);
            sum.CopyTo(state.Auxiliary, 0);
            return new RmsPropStepState<T>(state.Parameters, state.SquareAverage, state.GradientAverage, state.MomentumBuffer, state.Auxiliary);
        }

        return new RmsPropStepState<T>(w, square, average, buffer, sum);
    }
}
