using System;
using System.Collections.Generic;
using System.Linq;

namespace RmsProp.Functional;

/// <summary>How a one-cycle schedule moves between its phase ends (PyTorch's <c>anneal_strategy</c>, Optax's <c>interpolate_type</c>).</summary>
public enum AnnealStrategy
{
    /// <summary>Cosine interpolation: <c>end + (start - end) / 2 * (cos(pi * pct) + 1)</c> (PyTorch's <c>'cos'</c>, the default).</summary>
    Cosine,

    /// <summary>Linear interpolation: <c>(end - start) * pct + start</c> (PyTorch's <c>'linear'</c>).</summary>
    Linear,
}

/// <summary>
/// One cycle of Optax's <c>sgdr_schedule</c>: the arguments of a <c>warmup_cosine_decay_schedule</c>
/// (<see cref="Schedule.WarmupCosineDecay"/>); the cycle lasts <see cref="DecaySteps"/> steps, warmup included.
/// </summary>
/// <param name="InitValue">The value at the cycle's first step.</param>
/// <param name="PeakValue">The value at the end of its warmup.</param>
/// <param name="WarmupSteps">The warmup's length: at least 0.</param>
/// <param name="DecaySteps">The cycle's length, warmup included: greater than <paramref name="WarmupSteps"/>.</param>
/// <param name="EndValue">The value the cosine decays to.</param>
/// <param name="Exponent">The exponent of the cosine factor: greater than 0.</param>
public sealed record WarmupCosineCycle(double InitValue, double PeakValue, long WarmupSteps, long DecaySteps, double EndValue = 0, double Exponent = 1);

/// <summary>The cyclical schedules: one-cycle (PyTorch and Optax) and cosine annealing with warm restarts (PyTorch and Optax).</summary>
public sealed partial class Schedule
{
    /// <summary>
    /// The learning rates PyTorch's <c>OneCycleLR(optimizer, max_lr, total_steps, pct_start, anneal_strategy,
    /// div_factor=..., final_div_factor=..., three_phase=...)</c> gives the steps of its cycle, as
    /// <c>scheduler.step()</c> computes them (<c>get_lr</c> in torch/optim/lr_scheduler.py, PyTorch 1.13): from
    /// <c>max_lr / div_factor</c> up to <paramref name="maxLearningRate"/> at step <c>pct_start * total_steps - 1</c>,
    /// then down to <c>max_lr / div_factor / final_div_factor</c> at step <c>total_steps - 1</c>; with
    /// <paramref name="threePhase"/>, down to the initial rate at <c>2 * pct_start * total_steps - 2</c> first, then to
    /// the minimum. Each phase interpolates with <c>pct = (step - phase start) / (phase end - phase start)</c>.
    /// </summary>
    /// <remarks>
    /// The schedule covers the cycle's <paramref name="totalSteps"/> steps, 0 to <c>total_steps - 1</c>. A later step
    /// is refused, naming it: PyTorch computes one more value, at <c>total_steps</c>, which only a step past the cycle
    /// would use and which the linear anneal takes below the minimum (negative for any cycle shorter than
    /// <c>div_factor * final_div_factor</c> steps), and it raises on the step after. PyTorch also cycles the momentum
    /// by default (<c>cycle_momentum=True</c>); <see cref="PyTorchOneCycleMomentum"/> gives those values, for
    /// <see cref="RmsPropSchedule.Momentum"/>.
    /// </remarks>
    /// <param name="maxLearningRate">PyTorch's <c>max_lr</c>, the peak: finite and greater than 0.</param>
    /// <param name="totalSteps">The cycle's length: greater than 0.</param>
    /// <param name="pctStart">The fraction of the cycle spent rising: in [0, 1]; <c>pctStart * totalSteps</c> must not be exactly 1 (PyTorch divides by zero then).</param>
    /// <param name="annealStrategy">Cosine (PyTorch's default) or linear interpolation.</param>
    /// <param name="divFactor">The initial rate is <c>max_lr / div_factor</c>: finite and greater than 0.</param>
    /// <param name="finalDivFactor">The last rate is the initial one over this: finite and greater than 0.</param>
    /// <param name="threePhase">PyTorch's <c>three_phase</c>: back down to the initial rate symmetrically, then to the minimum.</param>
    /// <returns>The schedule.</returns>
    public static Schedule PyTorchOneCycleLR(
        double maxLearningRate,
        long totalSteps,
        double pctStart = 0.3,
        AnnealStrategy annealStrategy = AnnealStrategy.Cosine,
        double divFactor = 25,
        double finalDivFactor = 1e4,
        bool threePhase = false)
    {
        Guard.PositiveFinite(maxLearningRate, nameof(maxLearningRate));
        Guard.PositiveFinite(divFactor, nameof(divFactor));
        Guard.PositiveFinite(finalDivFactor, nameof(finalDivFactor));
        Guard.Defined(annealStrategy, nameof(annealStrategy));
        double initial = maxLearningRate / divFactor;
        double minimum = initial / finalDivFactor;
        return OneCycle(
            $"OneCycleLR(max_lr {F(maxLearningRate)}, total_steps {totalSteps}, pct_start {F(pctStart)}, {annealStrategy}, div {F(divFactor)}, final div {F(finalDivFactor)}{(threePhase ? ", three_phase" : string.Empty)})",
            totalSteps,
            pctStart,
            annealStrategy,
            threePhase,
            (initial, maxLearningRate, initial, minimum));
    }

    /// <summary>
    /// The momentum PyTorch's <c>OneCycleLR</c> sets with <c>cycle_momentum=True</c> (its default), step by step:
    /// inversely to the learning rate, from <paramref name="maxMomentum"/> down to <paramref name="baseMomentum"/>
    /// at the rate's peak and back up to <paramref name="maxMomentum"/> (three-phase: back up symmetrically, then held).
    /// Use it as <see cref="RmsPropSchedule.Momentum"/> beside <see cref="PyTorchOneCycleLR"/> with the same cycle
    /// arguments, on options with momentum on (PyTorch overwrites every group's momentum, so the group's own value only
    /// has to be non-zero).
    /// </summary>
    /// <param name="totalSteps">The cycle's length: greater than 0.</param>
    /// <param name="pctStart">The fraction of the cycle spent rising (for the rate): in [0, 1], <c>pctStart * totalSteps</c> not exactly 1.</param>
    /// <param name="annealStrategy">Cosine or linear interpolation, as for the rate.</param>
    /// <param name="baseMomentum">The momentum at the rate's peak: in [0, 1).</param>
    /// <param name="maxMomentum">The momentum at the cycle's ends: in [0, 1).</param>
    /// <param name="threePhase">PyTorch's <c>three_phase</c>.</param>
    /// <returns>The schedule.</returns>
    public static Schedule PyTorchOneCycleMomentum(
        long totalSteps,
        double pctStart = 0.3,
        AnnealStrategy annealStrategy = AnnealStrategy.Cosine,
        double baseMomentum = 0.85,
        double maxMomentum = 0.95,
        bool threePhase = false)
    {
        Guard.UnitInterval(baseMomentum, nameof(baseMomentum));
        Guard.UnitInterval(maxMomentum, nameof(maxMomentum));
        Guard.Defined(annealStrategy, nameof(annealStrategy));
        return OneCycle(
            $"OneCycleLR momentum(total_steps {totalSteps}, pct_start {F(pctStart)}, {annealStrategy}, base {F(baseMomentum)}, max {F(maxMomentum)}{(threePhase ? ", three_phase" : string.Empty)})",
            totalSteps,
            pctStart,
            annealStrategy,
            threePhase,
            (maxMomentum, baseMomentum, maxMomentum, maxMomentum));
    }

    /// <summary>
    /// The learning rates PyTorch's <c>CosineAnnealingWarmRestarts(optimizer, T_0, T_mult, eta_min)</c> gives when
    /// <c>scheduler.step()</c> is called once per step without an epoch: <c>eta_min + (lr - eta_min) * (1 +
    /// cos(pi * T_cur / T_i)) / 2</c>, where <c>T_cur</c> counts the steps since the last restart and a restart
    /// happens when it reaches <c>T_i</c>, which starts at <paramref name="t0"/> and is multiplied by
    /// <paramref name="tMult"/> at each restart.
    /// </summary>
    /// <param name="learningRate">The rate at each restart (the group's <c>lr</c>): finite and greater than 0.</param>
    /// <param name="t0">The first cycle's length: greater than 0.</param>
    /// <param name="tMult">How much longer each cycle is than the one before: at least 1.</param>
    /// <param name="etaMin">The rate each cycle decays towards: finite and at least 0.</param>
    /// <returns>The schedule.</returns>
    public static Schedule PyTorchCosineAnnealingWarmRestarts(double learningRate, long t0, long tMult = 1, double etaMin = 0)
    {
        Guard.PositiveFinite(learningRate, nameof(learningRate));
        Positive(t0, nameof(t0));
        Positive(tMult, nameof(tMult));
        Guard.NonNegativeFinite(etaMin, nameof(etaMin));
        double Value(long step)
        {
            // The scheduler's own bookkeeping, restart by restart: cycles grow geometrically (or T_mult = 1 is one
            // division), so this is O(log step) and not O(step).
            long current = step, length = t0;
            if (tMult == 1)
            {
                current = step % t0;
            }
            else
            {
                while (current >= length)
                {
                    current -= length;
                    length = checked(length * tMult);
                }
            }

            return etaMin + ((learningRate - etaMin) * (1 + Math.Cos(Math.PI * current / length)) / 2);
        }

        // Within a cycle the rate moves from lr towards eta_min. Above lr, the lowest is every restart's lr; below it,
        // with equal cycles, every cycle's last step; with growing cycles, each cycle ends lower than the one before,
        // approaching eta_min without reaching it, so no step is the lowest.
        (double, long)? lowest = etaMin >= learningRate ? (learningRate, 0)
            : tMult == 1 ? LowestAmong(Value, [0, t0 - 1])
            : null;
        return new Schedule(
            $"CosineAnnealingWarmRestarts(lr {F(learningRate)}, T_0 {t0}, T_mult {tMult}, eta_min {F(etaMin)})",
            Value,
            lowest);
    }

    /// <summary>
    /// Optax's <c>linear_onecycle_schedule</c> (optax/schedules/_schedule.py): three linear phases, from
    /// <c>peak / div_factor</c> up to <paramref name="peakValue"/> at <c>int(pct_start * T)</c>, back down to
    /// <c>peak / div_factor</c> at <c>int(pct_final * T)</c>, then down to that over <paramref name="finalDivFactor"/>
    /// at <c>T</c>, held after (Optax's <c>piecewise_interpolate_schedule('linear', ...)</c>).
    /// </summary>
    /// <param name="transitionSteps">The cycle's length <c>T</c>: greater than 0.</param>
    /// <param name="peakValue">The highest value: finite.</param>
    /// <param name="pctStart">The fraction of the cycle spent rising: in [0, 1], with <c>int(pctStart * T)</c> at least 1 (at 0, Optax's schedule is NaN at every step).</param>
    /// <param name="pctFinal">The fraction of the cycle at which the value is back at the start: in [0, 1], with <c>int(pctStart * T) &lt; int(pctFinal * T) &lt; T</c> (otherwise Optax's boundaries merge).</param>
    /// <param name="divFactor">The initial value is <c>peak / divFactor</c>: finite and greater than 0.</param>
    /// <param name="finalDivFactor">The final value is the initial one over this: finite and greater than 0.</param>
    /// <returns>The schedule.</returns>
    public static Schedule LinearOneCycle(long transitionSteps, double peakValue, double pctStart = 0.3, double pctFinal = 0.85, double divFactor = 25, double finalDivFactor = 1e4)
    {
        Positive(transitionSteps, nameof(transitionSteps));
        Finite(peakValue, nameof(peakValue));
        Fraction(pctStart, nameof(pctStart));
        Fraction(pctFinal, nameof(pctFinal));
        Guard.PositiveFinite(divFactor, nameof(divFactor));
        Guard.PositiveFinite(finalDivFactor, nameof(finalDivFactor));
        long rise = (long)(pctStart * transitionSteps), fall = (long)(pctFinal * transitionSteps);
        if (rise < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(pctStart), pctStart, $"int({nameof(pctStart)} * {nameof(transitionSteps)}) is 0, which gives the rise no steps (Optax's schedule is NaN at every step then); {nameof(pctStart)} must be at least 1/{transitionSteps}.");
        }

        if (fall <= rise || fall >= transitionSteps)
        {
            throw new ArgumentOutOfRangeException(nameof(pctFinal), pctFinal, $"int({nameof(pctFinal)} * {nameof(transitionSteps)}) is {fall}; it must lie after int({nameof(pctStart)} * {nameof(transitionSteps)}) = {rise} and before {transitionSteps}, or Optax's phase boundaries merge.");
        }

        Schedule interpolated = PiecewiseInterpolate(
            peakValue / divFactor,
            [(rise, divFactor), (fall, 1.0 / divFactor), (transitionSteps, 1.0 / finalDivFactor)],
            AnnealStrategy.Linear);
        return new Schedule(
            $"linear_onecycle({transitionSteps} steps, peak {F(peakValue)}, pct_start {F(pctStart)}, pct_final {F(pctFinal)}, div {F(divFactor)}, final div {F(finalDivFactor)})",
            interpolated._value,
            interpolated.Lowest);
    }

    /// <summary>
    /// Optax's <c>sgdr_schedule</c> (optax/schedules/_schedule.py), stochastic gradient descent with warm restarts:
    /// one <see cref="WarmupCosineDecay"/> per cycle, joined (<see cref="Join"/>) at the running sums of the cycles'
    /// <see cref="WarmupCosineCycle.DecaySteps"/>; the last cycle's end value holds after it.
    /// </summary>
    /// <param name="cycles">The cycles, at least one; each as <see cref="WarmupCosineDecay"/> requires.</param>
    /// <returns>The schedule.</returns>
    public static Schedule Sgdr(IEnumerable<WarmupCosineCycle> cycles)
    {
        ArgumentNullException.ThrowIfNull(cycles, nameof(cycles));
        WarmupCosineCycle[] all = [.. cycles];
        if (all.Length == 0)
        {
            throw new ArgumentException($"{nameof(cycles)} is empty; SGDR needs at least one cycle.", nameof(cycles));
        }

        var schedules = new Schedule[all.Length];
        var boundaries = new long[all.Length - 1];
        long step = 0;
        for (int i = 0; i < all.Length; i++)
        {
            WarmupCosineCycle cycle = all[i] ?? throw new ArgumentException($"{nameof(cycles)}[{i}] is null.", nameof(cycles));
            try
            {
                schedules[i] = WarmupCosineDecay(cycle.InitValue, cycle.PeakValue, cycle.WarmupSteps, cycle.DecaySteps, cycle.EndValue, cycle.Exponent);
            }
            catch (ArgumentException error)
            {
                throw new ArgumentException($"{nameof(cycles)}[{i}]: {error.Message}", nameof(cycles), error);
            }

            step = checked(step + cycle.DecaySteps);
            if (i < boundaries.Length)
            {
                boundaries[i] = step;
            }
        }

        Schedule joined = Join(schedules, boundaries);
        return new Schedule($"sgdr([{string.Join(", ", schedules.Select(s => s.Description))}])", joined._value, joined.Lowest);
    }

    /// <summary>
    /// PyTorch's <c>OneCycleLR</c> phases and <c>get_lr</c>, for the rate or the momentum: <paramref name="values"/>
    /// are the start, peak, back-to-start (three-phase) and final values.
    /// </summary>
    private static Schedule OneCycle(string description, long totalSteps, double pctStart, AnnealStrategy strategy, bool threePhase, (double Start, double Peak, double Back, double Final) values)
    {
        Positive(totalSteps, nameof(totalSteps));
        Fraction(pctStart, nameof(pctStart));
        if (pctStart * totalSteps == 1)
        {
            throw new ArgumentOutOfRangeException(nameof(pctStart), pctStart, $"{nameof(pctStart)} * {nameof(totalSteps)} is exactly 1, which gives the first phase no length (PyTorch divides by zero at step 0).");
        }

        // (end step, start value, end value), as PyTorch's _schedule_phases, in its arithmetic.
        (double End, double From, double To)[] phases = threePhase
            ?
            [
                ((pctStart * totalSteps) - 1, values.Start, values.Peak),
                ((2 * pctStart * totalSteps) - 2, values.Peak, values.Back),
                (totalSteps - 1, values.Back, values.Final),
            ]
            :
            [
                ((pctStart * totalSteps) - 1, values.Start, values.Peak),
                (totalSteps - 1, values.Peak, values.Final),
            ];

        double Value(long step)
        {
            if (step >= totalSteps)
            {
                throw new ArgumentOutOfRangeException(nameof(step), step, $"{description} has rates for steps 0 to {totalSteps - 1}; step {step} is past the cycle (PyTorch raises there too, one scheduler.step() later).");
            }

            double start = 0;
            for (int i = 0; i < phases.Length; i++)
            {
                if (step <= phases[i].End || i == phases.Length - 1)
                {
                    double pct = (step - start) / (phases[i].End - start);
                    return strategy == AnnealStrategy.Cosine
                        ? phases[i].To + ((phases[i].From - phases[i].To) / 2.0 * (Math.Cos(Math.PI * pct) + 1))
                        : ((phases[i].To - phases[i].From) * pct) + phases[i].From;
                }

                start = phases[i].End;
            }

            throw new InvalidOperationException("unreachable: the last phase always matches");
        }

        // Every phase is monotone, so the lowest value is at a phase's first or last step.
        IEnumerable<long> candidates = phases
            .SelectMany(phase => new[] { (long)Math.Floor(phase.End), (long)Math.Floor(phase.End) + 1 })
            .Append(0)
            .Where(step => step >= 0 && step < totalSteps);
        return new Schedule(description, Value, LowestAmong(Value, candidates));
    }

    private static void Fraction(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1], but was {value}.");
        }
    }
}
