namespace RmsProp.FSharp

open System
open System.Numerics
open RmsProp.Functional

/// <summary>
/// RMSProp for F#: the same pure core as <c>RmsPropOptimizer</c>, with the state last so that steps pipe and fold.
/// Each function carries a <c>CompiledName</c>, so C# callers of this assembly see PascalCase names.
/// </summary>
[<RequireQualifiedAccess>]
[<CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module RmsProp =

    /// <summary>PyTorch's defaults: lr 0.01, rho 0.99, eps 1e-8 outside the root.</summary>
    [<CompiledName("Defaults")>]
    let defaults = RmsPropOptions.PyTorch

    /// <summary>Options with another learning rate.</summary>
    [<CompiledName("WithLearningRate")>]
    let withLearningRate learningRate (options: RmsPropOptions) = options.WithLearningRate learningRate

    /// <summary>Options with another decay rate rho.</summary>
    [<CompiledName("WithRho")>]
    let withRho rho (options: RmsPropOptions) = options.WithRho rho

    /// <summary>Options with another epsilon.</summary>
    [<CompiledName("WithEpsilon")>]
    let withEpsilon epsilon (options: RmsPropOptions) = options.WithEpsilon epsilon

    /// <summary>Options with epsilon inside the root (Keras, TF1, Optax).</summary>
    [<CompiledName("EpsilonInsideRoot")>]
    let epsilonInsideRoot (options: RmsPropOptions) = options.WithEpsilonPlacement EpsilonPlacement.InsideRoot

    /// <summary>Options for centered RMSProp.</summary>
    [<CompiledName("Centered")>]
    let centered (options: RmsPropOptions) = options.WithCentered true

    /// <summary>Options with momentum <c>mu</c>.</summary>
    [<CompiledName("WithMomentum")>]
    let withMomentum momentum (options: RmsPropOptions) = options.WithMomentum momentum

    /// <summary>Options with coupled weight decay.</summary>
    [<CompiledName("WithWeightDecay")>]
    let withWeightDecay weightDecay (options: RmsPropOptions) = options.WithWeightDecay weightDecay

    /// <summary>Starts optimizing <paramref name="parameters"/> (copied).</summary>
    [<CompiledName("Init")>]
    let init<'T when 'T: unmanaged and 'T: (new: unit -> 'T) and 'T: struct and 'T :> ValueType and 'T :> IFloatingPointIeee754<'T>>
        (options: RmsPropOptions)
        (parameters: 'T array)
        : RmsPropState<'T> =
        RmsPropOptimizer.Init<'T>(options, ReadOnlySpan<'T>(parameters))

    /// <summary>One step along <paramref name="gradient"/>; the state comes last so steps pipe.</summary>
    [<CompiledName("Step")>]
    let step<'T when 'T: unmanaged and 'T: (new: unit -> 'T) and 'T: struct and 'T :> ValueType and 'T :> IFloatingPointIeee754<'T>>
        (gradient: 'T array)
        (state: RmsPropState<'T>)
        : RmsPropState<'T> =
        RmsPropOptimizer.Step<'T>(state, ReadOnlySpan<'T>(gradient))

    /// <summary>One step, or why there can be none (a gradient of the wrong length or with a NaN: <c>RmsPropError.BadGradient</c>).</summary>
    [<CompiledName("TryStep")>]
    let tryStep<'T when 'T: unmanaged and 'T: (new: unit -> 'T) and 'T: struct and 'T :> ValueType and 'T :> IFloatingPointIeee754<'T>>
        (gradient: 'T array)
        (state: RmsPropState<'T>)
        : Result<RmsPropState<'T>, RmsPropError> =
        RmsPropError.attempt (fun () -> step gradient state)

    /// <summary>
    /// One step with scheduled options: the options at the state's step count, as <paramref name="schedule"/>
    /// gives them; the state keeps its own options.
    /// </summary>
    [<CompiledName("StepScheduled")>]
    let stepScheduled<'T when 'T: unmanaged and 'T: (new: unit -> 'T) and 'T: struct and 'T :> ValueType and 'T :> IFloatingPointIeee754<'T>>
        (schedule: RmsPropSchedule)
        (gradient: 'T array)
        (state: RmsPropState<'T>)
        : RmsPropState<'T> =
        RmsPropOptimizer.StepWithSchedule<'T>(state, ReadOnlySpan<'T>(gradient), schedule)

    /// <summary>The current parameters as an array (a copy).</summary>
    [<CompiledName("Parameters")>]
    let parameters<'T when 'T: unmanaged and 'T: (new: unit -> 'T) and 'T: struct and 'T :> ValueType and 'T :> IFloatingPointIeee754<'T>>
        (state: RmsPropState<'T>)
        : 'T array =
        state.Parameters.AsSpan().ToArray()

    /// <summary>Folds a sequence of gradients into the state: <c>Seq.fold (fun s g -> step g s)</c>.</summary>
    [<CompiledName("Run")>]
    let run gradients state = Seq.fold (fun current gradient -> step gradient current) state gradients

    /// <summary>
    /// Closed-loop optimisation: <paramref name="count"/> steps whose gradient is computed from the current
    /// parameters by <paramref name="gradientOf"/>.
    /// </summary>
    [<CompiledName("Minimize")>]
    let minimize gradientOf count state =
        Seq.fold (fun current _ -> step (gradientOf (parameters current)) current) state (seq { 1..count })

    /// <summary>Every state of a closed-loop run, the initial one first (<c>Seq.scan</c>); lazy and unbounded.</summary>
    [<CompiledName("Trajectory")>]
    let trajectory gradientOf state =
        Seq.unfold (fun current -> Some(current, step (gradientOf (parameters current)) current)) state

    /// <summary>Starts the moments for callers who keep the parameters themselves (Optax's <c>init</c>).</summary>
    [<CompiledName("InitMoments")>]
    let initMoments<'T when 'T: unmanaged and 'T: (new: unit -> 'T) and 'T: struct and 'T :> ValueType and 'T :> IFloatingPointIeee754<'T>>
        (options: RmsPropOptions)
        (length: int)
        : RmsPropMoments<'T> =
        RmsPropOptimizer.InitMoments<'T>(options, length)

    /// <summary>Optax's <c>update</c>: the updates to add to the parameters, and the next moments.</summary>
    [<CompiledName("Update")>]
    let update<'T when 'T: unmanaged and 'T: (new: unit -> 'T) and 'T: struct and 'T :> ValueType and 'T :> IFloatingPointIeee754<'T>>
        (gradient: 'T array)
        (moments: RmsPropMoments<'T>)
        : 'T array * RmsPropMoments<'T> =
        let result = RmsPropOptimizer.Update<'T>(moments, ReadOnlySpan<'T>(gradient))
        result.Updates.AsSpan().ToArray(), result.Moments

    /// <summary>The state as JSON, from which <see cref="load"/> restores it bit for bit.</summary>
    [<CompiledName("Save")>]
    let save<'T when 'T: unmanaged and 'T: (new: unit -> 'T) and 'T: struct and 'T :> ValueType and 'T :> IFloatingPointIeee754<'T>>
        (state: RmsPropState<'T>)
        : string =
        RmsPropCheckpoint.Save<'T> state

    /// <summary>Restores a state saved by <see cref="save"/>, or says why it cannot (<c>RmsPropError.BadCheckpoint</c>, naming the field).</summary>
    [<CompiledName("TryLoad")>]
    let tryLoad<'T when 'T: unmanaged and 'T: (new: unit -> 'T) and 'T: struct and 'T :> ValueType and 'T :> IFloatingPointIeee754<'T>>
        (json: string)
        : Result<RmsPropState<'T>, RmsPropError> =
        RmsPropError.attempt (fun () -> RmsPropCheckpoint.Load<'T> json)

    /// <summary>
    /// Closed-loop optimisation with a learning-rate schedule: <paramref name="count"/> steps, step <c>t</c> with
    /// the rate <c>learningRate.ValueAt t</c>.
    /// </summary>
    [<CompiledName("MinimizeScheduled")>]
    let minimizeScheduled (learningRate: Schedule) gradientOf count state =
        let schedule = RmsPropSchedule.ForLearningRate learningRate
        Seq.fold (fun current _ -> stepScheduled schedule (gradientOf (parameters current)) current) state (seq { 1..count })

    /// <summary>PyTorch's <c>torch.optim.RMSprop</c> defaults (the same as <see cref="defaults"/>).</summary>
    [<CompiledName("PyTorch")>]
    let pytorch = RmsPropOptions.PyTorch

    /// <summary>Keras 3's defaults: lr 0.001, rho 0.9, eps 1e-7 inside the root.</summary>
    [<CompiledName("Keras")>]
    let keras = RmsPropOptions.Keras

    /// <summary>TensorFlow 1's <c>RMSPropOptimizer</c> with the given learning rate (the average starts at 1).</summary>
    [<CompiledName("TensorFlow1")>]
    let tensorFlow1 learningRate = RmsPropOptions.TensorFlow1 learningRate

    /// <summary>Optax's <c>rmsprop</c> with the given learning rate.</summary>
    [<CompiledName("Optax")>]
    let optax learningRate = RmsPropOptions.Optax learningRate

    /// <summary>Options with the learning rate inside the momentum buffer (Keras, TF1, Optax) or outside it (PyTorch).</summary>
    [<CompiledName("WithMomentumConvention")>]
    let withMomentumConvention convention (options: RmsPropOptions) = options.WithMomentumConvention convention

    /// <summary>Options that ascend instead of descend (PyTorch's <c>maximize</c>).</summary>
    [<CompiledName("Maximize")>]
    let maximize (options: RmsPropOptions) = options.WithMaximize true

    /// <summary>Options whose square average starts at <paramref name="value"/> (TF1: 1; Optax's <c>initial_scale</c>).</summary>
    [<CompiledName("WithInitialSquareAverage")>]
    let withInitialSquareAverage value (options: RmsPropOptions) = options.WithInitialSquareAverage value

    /// <summary>Options with Nesterov momentum (Optax's <c>nesterov=True</c>).</summary>
    [<CompiledName("Nesterov")>]
    let nesterov (options: RmsPropOptions) = options.WithNesterov true

    /// <summary>Options with decoupled (AdamW-style) weight decay.</summary>
    [<CompiledName("WithDecoupledWeightDecay")>]
    let withDecoupledWeightDecay value (options: RmsPropOptions) = options.WithDecoupledWeightDecay value

    /// <summary>Options with Optax's bias correction.</summary>
    [<CompiledName("BiasCorrection")>]
    let biasCorrection (options: RmsPropOptions) = options.WithBiasCorrection true
