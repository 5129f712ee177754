using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;

namespace RmsProp.Functional;

/// <summary>
/// A value as a pure function of the step count (the number of steps taken before the one that uses it, Optax's
/// <c>count</c>, PyTorch's <c>last_epoch</c>): a learning rate, or any other real-valued option. Immutable and
/// composable (<see cref="Join"/>, <see cref="Times"/>, <see cref="Map"/>).
/// </summary>
/// <remarks>
/// <para>
/// The Optax schedules follow <c>optax/schedules/_schedule.py</c> and <c>optax/schedules/_join.py</c> formula for
/// formula, in double precision (Optax usually runs them in float32). The PyTorch schedules follow
/// <c>torch/optim/lr_scheduler.py</c>, including its recursive (chainable) forms, which round differently from the
/// closed forms: <see cref="PyTorchExponentialLR"/>, <see cref="PyTorchStepLR"/> and
/// <see cref="PyTorchCosineAnnealingLR"/> reproduce the learning rates <c>scheduler.step()</c> leaves in
/// <c>param_groups</c> bit for bit.
/// </para>
/// <para>
/// Each schedule knows, where it can, its lowest value and the first step that reaches it
/// (<see cref="Lowest"/>), so a schedule used as a learning rate that goes below 0 is refused when it is attached
/// (<see cref="RmsPropSchedule"/>), and one that reaches 0 only at some step (a cosine decay to 0 at its last step,
/// which the usual loop never takes) fails at that step, naming it.
/// </para>
/// </remarks>
public sealed partial class Schedule
{
    private readonly Func<long, double> _value;

    private Schedule(string description, Func<long, double> value, (double Value, long Step)? lowest)
    {
        Description = description;
        _value = value;
        Lowest = lowest;
    }

    /// <summary>What the schedule is, e.g. <c>cosine_decay(init 0.1, 1000 steps, alpha 0)</c>; used in messages.</summary>
    public string Description { get; }

    /// <summary>The lowest value over all steps and the first step that reaches it, when known; null when it is not (an exponential decay toward 0, a custom function).</summary>
    public (double Value, long Step)? Lowest { get; }

    /// <summary>The value at <paramref name="step"/>.</summary>
    /// <param name="step">The step count: at least 0.</param>
    /// <returns>The value; finite.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    /// <exception cref="ArgumentException">The schedule gives a NaN or infinite value at that step (the message names the step).</exception>
    public double ValueAt(long step)
    {
        if (step < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"{nameof(step)} must be at least 0, but was {step}.");
        }

        double value = _value(step);
        return double.IsFinite(value)
            ? value
            : throw new ArgumentException($"The schedule {Description} gives {value} at step {step}; a schedule's values must be finite.", nameof(step));
    }

    /// <summary>The schedule as a plain function (for F#, LINQ, plotting).</summary>
    /// <returns><see cref="ValueAt"/> as a delegate.</returns>
    public Func<long, double> ToFunc() => ValueAt;

    /// <inheritdoc/>
    public override string ToString() => Description;

    /// <summary>The same value at every step (Optax's <c>constant_schedule</c>).</summary>
    /// <param name="value">The value: finite.</param>
    /// <returns>The schedule.</returns>
    public static Schedule Constant(double value)
    {
        Finite(value, nameof(value));
        return new Schedule($"constant({F(value)})", _ => value, (value, 0));
    }

    /// <summary>
    /// Optax's <c>polynomial_schedule</c>: <paramref name="initValue"/> until <paramref name="transitionBegin"/>,
    /// then <c>(init - end) * (1 - t/T)^power + end</c> with <c>t = clip(count - begin, 0, T)</c>, then
    /// <paramref name="endValue"/>. A <paramref name="transitionSteps"/> of 0 or less holds <paramref name="initValue"/>, as in Optax.
    /// </summary>
    /// <param name="initValue">The value before the transition: finite.</param>
    /// <param name="endValue">The value after it: finite.</param>
    /// <param name="power">The polynomial's power: finite and greater than 0.</param>
    /// <param name="transitionSteps">How many steps the transition takes (<c>T</c>).</param>
    /// <param name="transitionBegin">The step it starts at: at least 0.</param>
    /// <returns>The schedule.</returns>
    public static Schedule Polynomial(double initValue, double endValue, double power, long transitionSteps, long transitionBegin = 0)
    {
        Finite(initValue, nameof(initValue));
        Finite(endValue, nameof(endValue));
        Guard.PositiveFinite(power, nameof(power));
        NonNegative(transitionBegin, nameof(transitionBegin));
        string description = $"polynomial({F(initValue)} -> {F(endValue)}, power {F(power)}, {transitionSteps} steps from {transitionBegin})";
        if (transitionSteps <= 0)
        {
            return new Schedule(description, _ => initValue, (initValue, 0));
        }

        double steps = transitionSteps;
        return new Schedule(
            description,
            count =>
            {
                double t = Math.Clamp(count - transitionBegin, 0, transitionSteps);
                double fraction = 1 - t / steps;
                return (initValue - endValue) * Math.Pow(fraction, power) + endValue;
            },
            endValue < initValue ? (endValue, transitionBegin + transitionSteps) : (initValue, 0));
    }

    /// <summary>Optax's <c>linear_schedule</c>: <see cref="Polynomial"/> with power 1.</summary>
    /// <param name="initValue">The value before the transition: finite.</param>
    /// <param name="endValue">The value after it: finite.</param>
    /// <param name="transitionSteps">How many steps the transition takes.</param>
    /// <param name="transitionBegin">The step it starts at: at least 0.</param>
    /// <returns>The schedule.</returns>
    public static Schedule Linear(double initValue, double endValue, long transitionSteps, long transitionBegin = 0) =>
        Polynomial(initValue, endValue, 1, transitionSteps, transitionBegin);

    /// <summary>
    /// Optax's <c>exponential_decay</c>: <c>init * rate^((count - begin) / T)</c> once <c>count &gt; begin</c>
    /// (the exponent floored with <paramref name="staircase"/>), clipped at <paramref name="endValue"/> from below
    /// when the rate is under 1 and from above otherwise. A <paramref name="transitionSteps"/> of 0 or less, or a
    /// rate of 0, holds <paramref name="initValue"/>, as in Optax.
    /// </summary>
    /// <param name="initValue">The initial value: finite.</param>
    /// <param name="transitionSteps">The steps over which the value is multiplied by <paramref name="decayRate"/> once.</param>
    /// <param name="decayRate">The rate: finite and at least 0.</param>
    /// <param name="transitionBegin">The step decay starts at: at least 0.</param>
    /// <param name="staircase">Decay in whole steps of <paramref name="transitionSteps"/>.</param>
    /// <param name="endValue">Where decay stops, or null: finite.</param>
    /// <returns>The schedule.</returns>
    public static Schedule ExponentialDecay(double initValue, long transitionSteps, double decayRate, long transitionBegin = 0, bool staircase = false, double? endValue = null)
    {
        Finite(initValue, nameof(initValue));
        Guard.NonNegativeFinite(decayRate, nameof(decayRate));
        NonNegative(transitionBegin, nameof(transitionBegin));
        if (endValue is double end)
        {
            Finite(end, nameof(endValue));
        }

        string description = $"exponential_decay(init {F(initValue)}, rate {F(decayRate)} per {transitionSteps} steps from {transitionBegin}{(staircase ? ", staircase" : string.Empty)}{(endValue is null ? string.Empty : $", end {F(endValue.Value)}")})";
        if (transitionSteps <= 0 || decayRate == 0)
        {
            return new Schedule(description, _ => initValue, (initValue, 0));
        }

        double steps = transitionSteps;
        bool decaying = decayRate < 1;
        double Value(long count)
        {
            long decreased = count - transitionBegin;
            double p = decreased / steps;
            if (staircase)
            {
                p = Math.Floor(p);
            }

            double decayed = decreased <= 0 ? initValue : initValue * Math.Pow(decayRate, p);
            return endValue is double clip ? (decaying ? Math.Max(decayed, clip) : Math.Min(decayed, clip)) : decayed;
        }

        // Growing (rate >= 1) from a positive start never goes lower than step 0; decaying only reaches its clip.
        (double, long)? lowest = (decaying, initValue >= 0, endValue) switch
        {
            (false, true, _) => (Value(0), 0),
            (true, true, double clip) when clip >= initValue => (Value(0), 0),
            (true, _, double clip) => (Math.Min(clip, Value(0)), FirstStepAtOrBelow(Value, clip, transitionBegin, transitionSteps)),
            _ => null,
        };
        return new Schedule(description, Value, lowest);
    }

    /// <summary>
    /// Optax's <c>piecewise_constant_schedule</c>: <paramref name="initValue"/> times every scale whose boundary
    /// the step has reached (<c>count &gt;= boundary</c>).
    /// </summary>
    /// <param name="initValue">The value before the first boundary: finite.</param>
    /// <param name="boundariesAndScales">Step boundaries (at least 0, distinct) and the scale (finite, at least 0) applied from each.</param>
    /// <returns>The schedule.</returns>
    public static Schedule PiecewiseConstant(double initValue, IEnumerable<(long Boundary, double Scale)> boundariesAndScales)
    {
        Finite(initValue, nameof(initValue));
        (long Boundary, double Scale)[] pieces = SortedPieces(boundariesAndScales, nameof(boundariesAndScales));
        double Value(long count)
        {
            double value = initValue;
            foreach ((long boundary, double scale) in pieces)
            {
                // Optax: indicator = max(0, sign(threshold - count)); v = v*indicator + (1 - indicator)*scale*v.
                value = count < boundary ? value : scale * value;
            }

            return value;
        }

        IEnumerable<long> candidates = pieces.Select(piece => piece.Boundary).Prepend(0);
        return new Schedule(
            $"piecewise_constant(init {F(initValue)}, {string.Join(", ", pieces.Select(p => $"x{F(p.Scale)} at {p.Boundary}"))})",
            Value,
            LowestAmong(Value, candidates));
    }

    /// <summary>
    /// Optax's <c>cosine_decay_schedule</c>: <c>init * ((1 - alpha) * (0.5 * (1 + cos(pi * t / T)))^exponent + alpha)</c>
    /// with <c>t = min(count, T)</c>.
    /// </summary>
    /// <param name="initValue">The initial value: finite.</param>
    /// <param name="decaySteps">The steps the decay takes (<c>T</c>): greater than 0.</param>
    /// <param name="alpha">The final value as a fraction of <paramref name="initValue"/>: finite.</param>
    /// <param name="exponent">The exponent of the cosine factor: finite and greater than 0.</param>
    /// <returns>The schedule.</returns>
    public static Schedule CosineDecay(double initValue, long decaySteps, double alpha = 0, double exponent = 1)
    {
        Finite(initValue, nameof(initValue));
        Positive(decaySteps, nameof(decaySteps));
        Finite(alpha, nameof(alpha));
        Guard.PositiveFinite(exponent, nameof(exponent));
        double steps = decaySteps;
        double Value(long count)
        {
            double t = Math.Min(count, steps);
            double cosineDecay = 0.5 * (1 + Math.Cos(Math.PI * t / steps));
            double decayed = (1 - alpha) * Math.Pow(cosineDecay, exponent) + alpha;
            return initValue * decayed;
        }

        return new Schedule(
            $"cosine_decay(init {F(initValue)}, {decaySteps} steps, alpha {F(alpha)}, exponent {F(exponent)})",
            Value,
            LowestAmong(Value, [0, decaySteps]));
    }

    /// <summary>
    /// Optax's <c>warmup_cosine_decay_schedule</c>: a linear warmup from <paramref name="initValue"/> to
    /// <paramref name="peakValue"/> over <paramref name="warmupSteps"/>, then a cosine decay to
    /// <paramref name="endValue"/> over the remaining <c>decaySteps - warmupSteps</c> (joined at <paramref name="warmupSteps"/>).
    /// </summary>
    /// <param name="initValue">The value at step 0: finite.</param>
    /// <param name="peakValue">The value at the end of the warmup: finite.</param>
    /// <param name="warmupSteps">The warmup's length: at least 0.</param>
    /// <param name="decaySteps">The whole schedule's length, warmup included: greater than <paramref name="warmupSteps"/>.</param>
    /// <param name="endValue">The final value: finite.</param>
    /// <param name="exponent">The exponent of the cosine factor: finite and greater than 0.</param>
    /// <returns>The schedule.</returns>
    public static Schedule WarmupCosineDecay(double initValue, double peakValue, long warmupSteps, long decaySteps, double endValue = 0, double exponent = 1)
    {
        Finite(peakValue, nameof(peakValue));
        Finite(endValue, nameof(endValue));
        NonNegative(warmupSteps, nameof(warmupSteps));
        if (decaySteps <= warmupSteps)
        {
            throw new ArgumentOutOfRangeException(nameof(decaySteps), decaySteps, $"{nameof(decaySteps)} ({decaySteps}) counts the warmup too, so it must be greater than {nameof(warmupSteps)} ({warmupSteps}).");
        }

        double alpha = peakValue == 0 ? 0 : endValue / peakValue;
        Schedule joined = Join([Linear(initValue, peakValue, warmupSteps), CosineDecay(peakValue, decaySteps - warmupSteps, alpha, exponent)], [warmupSteps]);
        return new Schedule(
            $"warmup_cosine_decay(init {F(initValue)}, peak {F(peakValue)} at {warmupSteps}, end {F(endValue)} at {decaySteps}, exponent {F(exponent)})",
            joined._value,
            joined.Lowest);
    }

    /// <summary>
    /// Optax's <c>cosine_onecycle_schedule</c> (Smith's one-cycle policy): from <c>peak / divFactor</c> up to
    /// <paramref name="peakValue"/> at <c>int(pctStart * T)</c>, then down to <c>peak / (divFactor * finalDivFactor)</c>
    /// at <c>T</c>, both by cosine interpolation (Optax's <c>piecewise_interpolate_schedule('cosine', ...)</c>).
    /// </summary>
    /// <param name="transitionSteps">The cycle's length <c>T</c>: greater than 0.</param>
    /// <param name="peakValue">The highest value: finite.</param>
    /// <param name="pctStart">The fraction of the cycle spent rising: in [0, 1].</param>
    /// <param name="divFactor">The initial value is <c>peak / divFactor</c>: finite and greater than 0.</param>
    /// <param name="finalDivFactor">The final value is the initial one over this: finite and greater than 0.</param>
    /// <returns>The schedule.</returns>
    public static Schedule CosineOneCycle(long transitionSteps, double peakValue, double pctStart = 0.3, double divFactor = 25, double finalDivFactor = 1e4)
    {
        Positive(transitionSteps, nameof(transitionSteps));
        Finite(peakValue, nameof(peakValue));
        if (!(pctStart >= 0 && pctStart <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(pctStart), pctStart, $"{nameof(pctStart)} must be in [0, 1], but was {pctStart}.");
        }

        Guard.PositiveFinite(divFactor, nameof(divFactor));
        Guard.PositiveFinite(finalDivFactor, nameof(finalDivFactor));
        Schedule interpolated = PiecewiseCosineInterpolate(
            peakValue / divFactor,
            [((long)(pctStart * transitionSteps), divFactor), (transitionSteps, 1.0 / (divFactor * finalDivFactor))]);
        return new Schedule(
            $"cosine_onecycle({transitionSteps} steps, peak {F(peakValue)}, pct_start {F(pctStart)}, div {F(divFactor)}, final div {F(finalDivFactor)})",
            interpolated._value,
            interpolated.Lowest);
    }

    /// <summary>
    /// Optax's <c>join_schedules</c>: <c>schedules[0]</c> until <c>boundaries[0]</c>, then <c>schedules[1]</c>
    /// evaluated at <c>step - boundaries[0]</c>, and so on (each schedule restarts its count at its boundary).
    /// </summary>
    /// <param name="schedules">The pieces, one more than the boundaries.</param>
    /// <param name="boundaries">Increasing steps, each at least 0.</param>
    /// <returns>The schedule.</returns>
    public static Schedule Join(IEnumerable<Schedule> schedules, IEnumerable<long> boundaries)
    {
        ArgumentNullException.ThrowIfNull(schedules, nameof(schedules));
        ArgumentNullException.ThrowIfNull(boundaries, nameof(boundaries));
        Schedule[] parts = [.. schedules];
        long[] bounds = [.. boundaries];
        if (parts.Length != bounds.Length + 1)
        {
            throw new ArgumentException($"{nameof(schedules)} has {parts.Length} schedules and {nameof(boundaries)} has {bounds.Length} boundaries; there must be one schedule more than boundaries.", nameof(schedules));
        }

        for (int i = 0; i < parts.Length; i++)
        {
            if (parts[i] is null)
            {
                throw new ArgumentException($"{nameof(schedules)}[{i}] is null.", nameof(schedules));
            }
        }

        for (int i = 0; i < bounds.Length; i++)
        {
            if (bounds[i] < 0 || (i > 0 && bounds[i] < bounds[i - 1]))
            {
                throw new ArgumentException($"{nameof(boundaries)}[{i}] is {bounds[i]}; boundaries must be at least 0 and not decreasing.", nameof(boundaries));
            }
        }

        double Value(long step)
        {
            double output = parts[0]._value(step);
            for (int i = 0; i < bounds.Length; i++)
            {
                if (step >= bounds[i])
                {
                    output = parts[i + 1]._value(step - bounds[i]);
                }
            }

            return output;
        }

        // The lowest value is looked for where the pieces put theirs (when inside their window) and at the ends of
        // every window; the built-in pieces are monotone between those points.
        var candidates = new List<long> { 0 };
        bool known = true;
        for (int i = 0; i < parts.Length; i++)
        {
            long start = i == 0 ? 0 : bounds[i - 1];
            long end = i < bounds.Length ? bounds[i] : long.MaxValue;
            candidates.Add(start);
            if (end != long.MaxValue && end > start)
            {
                candidates.Add(end - 1);
            }

            if (parts[i].Lowest is (_, long step) && start + step < end)
            {
                candidates.Add(start + step);
            }
            else if (end == long.MaxValue)
            {
                known = false;
            }
        }

        return new Schedule($"join_schedules([{string.Join(", ", parts.Select(p => p.Description))}] at [{string.Join(", ", bounds)}])", Value, known ? LowestAmong(Value, candidates) : null);
    }

    /// <summary>This schedule times another, step by step (e.g. a warmup factor times a decay).</summary>
    /// <param name="other">The other schedule.</param>
    /// <returns>The product schedule; its lowest value is not known in general.</returns>
    public Schedule Times(Schedule other)
    {
        ArgumentNullException.ThrowIfNull(other, nameof(other));
        return new Schedule($"({Description}) * ({other.Description})", step => _value(step) * other._value(step), null);
    }

    /// <summary>This schedule with a function applied to every value.</summary>
    /// <param name="map">The function.</param>
    /// <param name="description">What the function does, for messages.</param>
    /// <returns>The mapped schedule; its lowest value is not known.</returns>
    public Schedule Map(Func<double, double> map, string description)
    {
        ArgumentNullException.ThrowIfNull(map, nameof(map));
        return new Schedule($"{description}({Description})", step => map(_value(step)), null);
    }

    /// <summary>A schedule from any pure function of the step; its values are checked when they are used.</summary>
    /// <param name="value">The function; must be pure (the same step always gives the same value).</param>
    /// <param name="description">What it is, for messages.</param>
    /// <returns>The schedule.</returns>
    public static Schedule FromFunction(Func<long, double> value, string description)
    {
        ArgumentNullException.ThrowIfNull(value, nameof(value));
        NamedTensor.CheckName(description, nameof(description));
        return new Schedule(description, value, null);
    }

    /// <summary>
    /// The learning rates PyTorch's <c>ExponentialLR(optimizer, gamma)</c> leaves in <c>param_groups</c> after
    /// <c>step</c> calls: <c>lr</c> at 0, then the previous rate times <paramref name="gamma"/> (the recursive
    /// <c>get_lr</c>, which rounds differently from <c>lr * gamma^t</c>).
    /// </summary>
    /// <param name="learningRate">The initial rate: finite and greater than 0.</param>
    /// <param name="gamma">The factor per step: finite and greater than 0.</param>
    /// <returns>The schedule.</returns>
    public static Schedule PyTorchExponentialLR(double learningRate, double gamma)
    {
        Guard.PositiveFinite(learningRate, nameof(learningRate));
        Guard.PositiveFinite(gamma, nameof(gamma));
        var recurrence = new Recurrence(learningRate, (step, previous) => previous * gamma);
        return new Schedule($"ExponentialLR(lr {F(learningRate)}, gamma {F(gamma)})", recurrence.ValueAt, gamma >= 1 ? (learningRate, 0) : null);
    }

    /// <summary>
    /// PyTorch's <c>StepLR(optimizer, step_size, gamma)</c>: the rate is multiplied by <paramref name="gamma"/>
    /// at every multiple of <paramref name="stepSize"/> (recursively, as its <c>get_lr</c> does).
    /// </summary>
    /// <param name="learningRate">The initial rate: finite and greater than 0.</param>
    /// <param name="stepSize">The period: greater than 0.</param>
    /// <param name="gamma">The factor: finite and greater than 0. PyTorch's default is 0.1.</param>
    /// <returns>The schedule.</returns>
    public static Schedule PyTorchStepLR(double learningRate, long stepSize, double gamma = 0.1)
    {
        Guard.PositiveFinite(learningRate, nameof(learningRate));
        Positive(stepSize, nameof(stepSize));
        Guard.PositiveFinite(gamma, nameof(gamma));
        var recurrence = new Recurrence(learningRate, (step, previous) => step % stepSize != 0 ? previous : previous * gamma);
        return new Schedule($"StepLR(lr {F(learningRate)}, step_size {stepSize}, gamma {F(gamma)})", recurrence.ValueAt, gamma >= 1 ? (learningRate, 0) : null);
    }

    /// <summary>
    /// PyTorch's <c>CosineAnnealingLR(optimizer, T_max, eta_min)</c> as <c>scheduler.step()</c> computes it
    /// (the recursive <c>get_lr</c>: <c>(1 + cos(pi t / T)) / (1 + cos(pi (t-1) / T)) * (lr - eta_min) + eta_min</c>,
    /// and <c>lr + (base_lr - eta_min) * (1 - cos(pi / T)) / 2</c> when <c>(t - 1 - T) % 2T == 0</c>). It reaches
    /// <paramref name="etaMin"/> at step <paramref name="tMax"/> and rises again after it, as PyTorch's does.
    /// </summary>
    /// <param name="learningRate">The initial (and largest) rate: finite and greater than 0.</param>
    /// <param name="tMax">Half the period: greater than 0.</param>
    /// <param name="etaMin">The lowest rate: finite and at least 0.</param>
    /// <returns>The schedule.</returns>
    public static Schedule PyTorchCosineAnnealingLR(double learningRate, long tMax, double etaMin = 0)
    {
        Guard.PositiveFinite(learningRate, nameof(learningRate));
        Positive(tMax, nameof(tMax));
        Guard.NonNegativeFinite(etaMin, nameof(etaMin));
        double period = tMax;
        var recurrence = new Recurrence(learningRate, (step, previous) =>
            (step - 1 - tMax) % (2 * tMax) == 0
                ? previous + (learningRate - etaMin) * (1 - Math.Cos(Math.PI / period)) / 2
                : (1 + Math.Cos(Math.PI * step / period)) / (1 + Math.Cos(Math.PI * (step - 1) / period)) * (previous - etaMin) + etaMin);
        return new Schedule($"CosineAnnealingLR(lr {F(learningRate)}, T_max {tMax}, eta_min {F(etaMin)})", recurrence.ValueAt, LowestAmong(recurrence.ValueAt, [0, tMax]));
    }

    /// <summary>Optax's <c>piecewise_interpolate_schedule('cosine', ...)</c>.</summary>
    private static Schedule PiecewiseCosineInterpolate(double initValue, IEnumerable<(long Boundary, double Scale)> boundariesAndScales) =>
        PiecewiseInterpolate(initValue, boundariesAndScales, AnnealStrategy.Cosine);

    /// <summary>
    /// Optax's <c>piecewise_interpolate_schedule</c>: <c>_cosine_interpolate</c>
    /// (<c>end + (start - end) / 2 * (cos(pi * pct) + 1)</c>) or <c>_linear_interpolate</c>
    /// (<c>(end - start) * pct + start</c>) between the cumulative products of the scales.
    /// </summary>
    private static Schedule PiecewiseInterpolate(double initValue, IEnumerable<(long Boundary, double Scale)> boundariesAndScales, AnnealStrategy strategy)
    {
        (long Boundary, double Scale)[] pieces = SortedPieces(boundariesAndScales, nameof(boundariesAndScales));
        long[] bounds = [0, .. pieces.Select(p => p.Boundary)];
        double[] values = new double[pieces.Length + 1];
        values[0] = initValue;
        for (int i = 0; i < pieces.Length; i++)
        {
            values[i + 1] = values[i] * pieces[i].Scale;
        }

        double Value(long count)
        {
            double result = bounds[^1] <= count ? values[^1] : 0;
            for (int i = 0; i + 1 < bounds.Length; i++)
            {
                if (bounds[i] <= count && count < bounds[i + 1])
                {
                    double pct = (double)(count - bounds[i]) / Math.Max(bounds[i + 1] - bounds[i], 1);
                    result += strategy == AnnealStrategy.Cosine
                        ? values[i + 1] + (values[i] - values[i + 1]) / 2.0 * (Math.Cos(Math.PI * pct) + 1)
                        : (values[i + 1] - values[i]) * pct + values[i];
                }
            }

            return result;
        }

        return new Schedule($"piecewise_interpolate({strategy})", Value, LowestAmong(Value, bounds));
    }

    private static (long Boundary, double Scale)[] SortedPieces(IEnumerable<(long Boundary, double Scale)>? pieces, string name)
    {
        ArgumentNullException.ThrowIfNull(pieces, name);
        (long Boundary, double Scale)[] sorted = [.. pieces.OrderBy(piece => piece.Boundary)];
        for (int i = 0; i < sorted.Length; i++)
        {
            if (sorted[i].Boundary < 0 || (i > 0 && sorted[i].Boundary == sorted[i - 1].Boundary))
            {
                throw new ArgumentException($"{name} has boundary {sorted[i].Boundary}; boundaries must be at least 0 and distinct.", name);
            }

            if (!(double.IsFinite(sorted[i].Scale) && sorted[i].Scale >= 0))
            {
                throw new ArgumentException($"{name} has scale {sorted[i].Scale} at boundary {sorted[i].Boundary}; scales must be finite and at least 0 (Optax's rule).", name);
            }
        }

        return sorted;
    }

    private static (double, long)? LowestAmong(Func<long, double> value, IEnumerable<long> steps)
    {
        (double Value, long Step)? lowest = null;
        foreach (long step in steps.Where(s => s >= 0).Distinct().Order())
        {
            double v = value(step);
            if (lowest is null || v < lowest.Value.Value)
            {
                lowest = (v, step);
            }
        }

        return lowest;
    }

    /// <summary>The first step at which a decaying exponential reaches <paramref name="clip"/> (found by bisection on the monotone schedule).</summary>
    private static long FirstStepAtOrBelow(Func<long, double> value, double clip, long begin, long transitionSteps)
    {
        long low = begin, high = begin + transitionSteps;
        while (value(high) > clip)
        {
            if (high > long.MaxValue / 4)
            {
                return high;
            }

            low = high;
            high = begin + (high - begin) * 2;
        }

        while (high - low > 1)
        {
            long middle = low + (high - low) / 2;
            if (value(middle) > clip)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return value(low) <= clip ? low : high;
    }

    private static void Finite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite, but was {value}.");
        }
    }

    private static void Positive(long value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be greater than 0, but was {value}.");
        }
    }

    private static void NonNegative(long value, string name)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 0, but was {value}.");
        }
    }

    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// A value defined by a recurrence on the previous one (PyTorch's chainable schedulers), computed once per step
    /// and remembered, so evaluating step after step costs O(1) each and the function stays pure.
    /// </summary>
    private sealed class Recurrence(double first, Func<long, double, double> next)
    {
        private readonly List<double> _values = [first];
        private readonly object _gate = new();

        public double ValueAt(long step)
        {
            lock (_gate)
            {
                while (_values.Count <= step)
                {
                    _values.Add(next(_values.Count, _values[^1]));
                }

                return _values[(int)step];
            }
        }
    }
}
