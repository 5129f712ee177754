using System;
using System.Collections.Immutable;
using System.Numerics;
using RmsProp.Functional;

namespace RmsProp.Laws;

/// <summary>
/// A step that updates the arrays it is given, the shape of nearly every hand-written optimizer:
/// <c>s = rho*s + (1-rho)*g^2; w -= lr*g/(sqrt(s) + eps)</c>. The laws hand it copies, so it may write freely.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="options">The hyperparameters of this step.</param>
/// <param name="parameters">The parameters w, to update.</param>
/// <param name="gradient">The gradient at w.</param>
/// <param name="squareAverage">The running average s of squared gradients, to update.</param>
public delegate void RmsPropInPlaceStep<T>(RmsPropOptions options, T[] parameters, T[] gradient, T[] squareAverage);

/// <summary>
/// An in-place step with the buffers of centred RMSProp and momentum, <c>(options, w, g, s, m, b)</c>. Each array
/// has one entry per coordinate, whether or not the options use it.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="options">The hyperparameters of this step.</param>
/// <param name="parameters">The parameters w, to update.</param>
/// <param name="gradient">The gradient at w.</param>
/// <param name="squareAverage">The running average s of squared gradients, to update.</param>
/// <param name="gradientAverage">The running average m of gradients (centred RMSProp), to update.</param>
/// <param name="momentumBuffer">The momentum buffer b, to update.</param>
public delegate void RmsPropInPlaceStepWithBuffers<T>(RmsPropOptions options, T[] parameters, T[] gradient, T[] squareAverage, T[] gradientAverage, T[] momentumBuffer);

/// <summary>The step method of an optimizer object that keeps its own averages: moves <paramref name="parameters"/> in place.</summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="parameters">The parameters w, to update.</param>
/// <param name="gradient">The gradient at w.</param>
public delegate void RmsPropObjectStep<T>(T[] parameters, T[] gradient);

/// <summary>The adapters: one factory per shape that real optimizer code has, so no test writes copying code.</summary>
public sealed partial class RmsPropImplementation
{
    /// <summary>A pure step in one number type: "options, state, gradient in; new state out".</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="name">What reports call it.</param>
    /// <param name="step">The step.</param>
    /// <returns>The implementation, declaring <see cref="RmsPropSupport.Plain"/>.</returns>
    public static RmsPropImplementation Pure<T>(string name, RmsPropStep<T> step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(step);
        return OneType(name, step);
    }

    /// <summary>An in-place step <c>(options, w, g, s)</c> in one number type; the laws pass it copies.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="name">What reports call it.</param>
    /// <param name="step">The step.</param>
    /// <returns>The implementation, declaring <see cref="RmsPropSupport.Plain"/>.</returns>
    public static RmsPropImplementation InPlace<T>(string name, RmsPropInPlaceStep<T> step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(step);
        return OneType(name, OnCopies<T>((o, w, g, s, m, b) => step(o, w, g, s)));
    }

    /// <summary>An in-place step <c>(options, w, g, s)</c> in float and in double; the laws pass it copies.</summary>
    /// <param name="name">What reports call it.</param>
    /// <param name="single">The step in float.</param>
    /// <param name="double">The step in double.</param>
    /// <returns>The implementation, declaring <see cref="RmsPropSupport.Plain"/>.</returns>
    public static RmsPropImplementation InPlace(string name, RmsPropInPlaceStep<float> single, RmsPropInPlaceStep<double> @double)
    {
        ArgumentNullException.ThrowIfNull(single);
        ArgumentNullException.ThrowIfNull(@double);
        return new(name, OnCopies<float>((o, w, g, s, m, b) => single(o, w, g, s)), OnCopies<double>((o, w, g, s, m, b) => @double(o, w, g, s)));
    }

    /// <summary>An in-place step <c>(options, w, g, s, m, b)</c> in one number type; the laws pass it copies.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="name">What reports call it.</param>
    /// <param name="step">The step.</param>
    /// <returns>The implementation, declaring <see cref="RmsPropSupport.Plain"/> (add what it supports with <see cref="Supporting"/>).</returns>
    public static RmsPropImplementation InPlace<T>(string name, RmsPropInPlaceStepWithBuffers<T> step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(step);
        return OneType(name, OnCopies(step));
    }

    /// <summary>An in-place step <c>(options, w, g, s, m, b)</c> in float and in double; the laws pass it copies.</summary>
    /// <param name="name">What reports call it.</param>
    /// <param name="single">The step in float.</param>
    /// <param name="double">The step in double.</param>
    /// <returns>The implementation, declaring <see cref="RmsPropSupport.Plain"/> (add what it supports with <see cref="Supporting"/>).</returns>
    public static RmsPropImplementation InPlace(string name, RmsPropInPlaceStepWithBuffers<float> single, RmsPropInPlaceStepWithBuffers<double> @double)
    {
        ArgumentNullException.ThrowIfNull(single);
        ArgumentNullException.ThrowIfNull(@double);
        return new(name, OnCopies(single), OnCopies(@double));
    }

    /// <summary>
    /// An optimizer object that keeps its own averages: <paramref name="create"/> builds a fresh one for each
    /// generated case from the case's options and number of coordinates and returns its step method, e.g.
    /// <c>(options, n) =&gt; new MyRmsProp(options.LearningRate, options.Rho, options.Epsilon, n).Step</c>.
    /// </summary>
    /// <remarks>
    /// The object's averages are hidden, so the laws that read them (1 and 9), change the options between steps
    /// (4) or load a state from a checkpoint (12) are not applicable; every other law runs. To take a step twice
    /// from the same state (law 5), the laws build a second object and replay the gradients that led there.
    /// </remarks>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="name">What reports call it.</param>
    /// <param name="create">Builds a fresh optimizer for the options and the number of coordinates, and returns its step.</param>
    /// <returns>The implementation, declaring <see cref="RmsPropSupport.Plain"/>.</returns>
    public static RmsPropImplementation Stateful<T>(string name, Func<RmsPropOptions, int, RmsPropObjectStep<T>> create)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(create);
        RmsPropImplementation pure = OneType<T>(name, new ObjectSteps<T>(create).Step);
        return new(pure.Name, pure.Single, pure.Double, pure.CheckpointSingle, pure.CheckpointDouble, pure.Support, Capabilities.None);
    }

    private static RmsPropImplementation OneType<T>(string name, RmsPropStep<T> step)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? new(name, (RmsPropStep<float>)(object)step, null)
        : typeof(T) == typeof(double) ? new(name, null, (RmsPropStep<double>)(object)step)
        : throw new NotSupportedException($"The laws run in float and double, not {typeof(T).Name}.");

    private static RmsPropStep<T> OnCopies<T>(RmsPropInPlaceStepWithBuffers<T> step)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        (options, state, gradient) =>
        {
            RmsPropStepState<T> next = state.Copy();
            step(options, next.Parameters, (T[])gradient.Clone(), next.SquareAverage, next.GradientAverage, next.MomentumBuffer);
            return next;
        };

    /// <summary>
    /// Runs optimizer objects behind the pure step the laws speak. Each state an object produced remembers its run
    /// (the start, the options, the gradients so far); stepping from the newest state of a run moves its object on,
    /// stepping from an older one replays the run on a fresh object first.
    /// </summary>
    private sealed class ObjectSteps<T>(Func<RmsPropOptions, int, RmsPropObjectStep<T>> create)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public RmsPropStepState<T> Step(RmsPropOptions options, RmsPropStepState<T> state, T[] gradient)
        {
            ObjectTrail<T> trail = state.Trail ?? Begin(options, state);
            if (trail.Options != options)
            {
                throw new InvalidOperationException(
                    $"An optimizer object takes its options when it is created; step {trail.Gradients.Count + 1} asked for {Describe.Options(options)} after {Describe.Options(trail.Options)}.");
            }

            ObjectTrail<T>.Run run = trail.Live.Steps == trail.Gradients.Count ? trail.Live : Replay(trail);
            T[] w = (T[])state.Parameters.Clone();
            run.Step(w, (T[])gradient.Clone());
            run.Steps++;
            int n = w.Length;
            return new RmsPropStepState<T>(w, new T[n], new T[n], new T[n], new T[n])
            {
                Trail = trail with { Live = run, Gradients = trail.Gradients.Add((T[])gradient.Clone()) },
            };
        }

        private ObjectTrail<T> Begin(RmsPropOptions options, RmsPropStepState<T> state)
        {
            RmsPropStepState<T> start = RmsPropStepState<T>.Start(options, state.Parameters);
            if (Runs.Difference(start, state) is string differs)
            {
                throw new InvalidOperationException($"An optimizer object starts from fresh averages and cannot be handed a state ({differs}).");
            }

            return new ObjectTrail<T>(options, (T[])state.Parameters.Clone(), [], new ObjectTrail<T>.Run(create(options, state.Length)));
        }

        private ObjectTrail<T>.Run Replay(ObjectTrail<T> trail)
        {
            var run = new ObjectTrail<T>.Run(create(trail.Options, trail.Start.Length));
            T[] w = (T[])trail.Start.Clone();
            foreach (T[] gradient in trail.Gradients)
            {
                run.Step(w, (T[])gradient.Clone());
                run.Steps++;
            }

            return run;
        }
    }
}

/// <summary>How an optimizer object reached a state: its options, start, gradients, and the object itself.</summary>
internal sealed record ObjectTrail<T>(RmsPropOptions Options, T[] Start, ImmutableList<T[]> Gradients, ObjectTrail<T>.Run Live)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>One live object and how many steps it has taken.</summary>
    internal sealed class Run(RmsPropObjectStep<T> step)
    {
        public RmsPropObjectStep<T> Step { get; } = step;

        public int Steps { get; set; }
    }
}
