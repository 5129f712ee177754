using System;
using System.Globalization;

namespace RmsProp.Functional;

/// <summary>
/// Schedules for the real-valued options of one group (or of a single-tensor state): each option with a schedule
/// takes the schedule's value at the step count; the others keep the base options' value. Immutable.
/// </summary>
/// <remarks>
/// Attaching a learning-rate schedule that is non-positive at step 0, or that goes below 0 at a step it can name
/// (<see cref="Schedule.Lowest"/>), is refused at once. A value no option can take that only a particular step
/// reveals (a cosine decay reaching 0 at its last step, an exponential decay underflowing) fails at that step
/// with the step number in the message, before anything is computed.
/// </remarks>
public sealed record RmsPropSchedule
{
    private readonly Schedule? _learningRate;

    /// <summary>No schedule: every option keeps its value.</summary>
    public static RmsPropSchedule None { get; } = new();

    /// <summary>The learning rate's schedule, or null.</summary>
    /// <exception cref="ArgumentException">The schedule is non-positive at step 0 or negative at a step it knows of.</exception>
    public Schedule? LearningRate
    {
        get => _learningRate;
        init => _learningRate = CheckLearningRate(value);
    }

    /// <summary>The decay rate rho's schedule, or null; its values must lie in [0, 1).</summary>
    public Schedule? Rho { get; init; }

    /// <summary>Epsilon's schedule, or null; its values must be at least 0.</summary>
    public Schedule? Epsilon { get; init; }

    /// <summary>The momentum coefficient's schedule, or null; its values must lie in [0, 1) and must not switch momentum on or off.</summary>
    public Schedule? Momentum { get; init; }

    /// <summary>The coupled weight decay's schedule, or null; its values must be at least 0.</summary>
    public Schedule? WeightDecay { get; init; }

    /// <summary>A schedule for the learning rate alone.</summary>
    /// <param name="learningRate">The learning rate's schedule.</param>
    /// <returns>The schedule.</returns>
    public static RmsPropSchedule ForLearningRate(Schedule learningRate) => new() { LearningRate = Guard.NotNull(learningRate, nameof(learningRate)) };

    /// <summary>These schedules with another learning-rate schedule.</summary>
    /// <param name="learningRate">The schedule.</param>
    /// <returns>New schedules.</returns>
    public RmsPropSchedule WithLearningRate(Schedule learningRate) => this with { LearningRate = Guard.NotNull(learningRate, nameof(learningRate)) };

    /// <summary>These schedules with another rho schedule.</summary>
    /// <param name="rho">The schedule.</param>
    /// <returns>New schedules.</returns>
    public RmsPropSchedule WithRho(Schedule rho) => this with { Rho = Guard.NotNull(rho, nameof(rho)) };

    /// <summary>These schedules with another epsilon schedule.</summary>
    /// <param name="epsilon">The schedule.</param>
    /// <returns>New schedules.</returns>
    public RmsPropSchedule WithEpsilon(Schedule epsilon) => this with { Epsilon = Guard.NotNull(epsilon, nameof(epsilon)) };

    /// <summary>These schedules with another momentum schedule.</summary>
    /// <param name="momentum">The schedule.</param>
    /// <returns>New schedules.</returns>
    public RmsPropSchedule WithMomentum(Schedule momentum) => this with { Momentum = Guard.NotNull(momentum, nameof(momentum)) };

    /// <summary>These schedules with another weight-decay schedule.</summary>
    /// <param name="weightDecay">The schedule.</param>
    /// <returns>New schedules.</returns>
    public RmsPropSchedule WithWeightDecay(Schedule weightDecay) => this with { WeightDecay = Guard.NotNull(weightDecay, nameof(weightDecay)) };

    /// <summary>The options a step at <paramref name="step"/> uses: <paramref name="options"/> with every scheduled option replaced by its schedule's value.</summary>
    /// <param name="options">The base options.</param>
    /// <param name="step">The step count: at least 0.</param>
    /// <returns>The options for that step.</returns>
    /// <exception cref="ArgumentException">A schedule's value at that step is one its option cannot take; the message names the option and the step.</exception>
    public RmsPropOptions OptionsAt(RmsPropOptions options, long step)
    {
        Guard.NotNull(options, nameof(options));
        RmsPropOptions result = options;
        try
        {
            if (LearningRate is not null)
            {
                result = result.WithLearningRate(LearningRate.ValueAt(step));
            }

            if (Rho is not null)
            {
                result = result.WithRho(Rho.ValueAt(step));
            }

            if (Epsilon is not null)
            {
                result = result.WithEpsilon(Epsilon.ValueAt(step));
            }

            if (Momentum is not null)
            {
                result = result.WithMomentum(Momentum.ValueAt(step));
            }

            if (WeightDecay is not null)
            {
                result = result.WithWeightDecay(WeightDecay.ValueAt(step));
            }
        }
        catch (ArgumentException error) when (error.ParamName != nameof(step))
        {
            throw new ArgumentException($"At step {step} the schedule of {error.ParamName} gives a value it cannot take: {error.Message}", nameof(step), error);
        }

        if ((result.Momentum != 0) != (options.Momentum != 0))
        {
            throw new ArgumentException(
                $"At step {step} the momentum schedule {Momentum} gives {result.Momentum} while the options' momentum is {options.Momentum}; a schedule cannot switch momentum on or off, because that decides whether a momentum buffer is kept.",
                nameof(step));
        }

        return result;
    }

    private static Schedule? CheckLearningRate(Schedule? schedule)
    {
        if (schedule is null)
        {
            return null;
        }

        double first = schedule.ValueAt(0);
        if (first <= 0)
        {
            throw new ArgumentException($"The learning-rate schedule {schedule} gives {first.ToString("R", CultureInfo.InvariantCulture)} at step 0; a learning rate must be greater than 0.", nameof(LearningRate));
        }

        if (schedule.Lowest is (double lowest, long step) && lowest < 0)
        {
            throw new ArgumentException($"The learning-rate schedule {schedule} goes down to {lowest.ToString("R", CultureInfo.InvariantCulture)} (at step {step}); a learning rate must be greater than 0.", nameof(LearningRate));
        }

        return schedule;
    }
}
