namespace RmsProp.FSharp

open System
open System.Collections.Generic
open System.Numerics
open RmsProp.Functional

/// <summary>
/// The <c>rmsprop { ... }</c> computation expression: options built from PyTorch's defaults (or a <c>preset</c>)
/// one named setting per line, each validated as it is set.
/// </summary>
type RmsPropOptionsBuilder() =
    member _.Yield(_: unit) = RmsPropOptions.PyTorch
    member _.Zero() = RmsPropOptions.PyTorch

    /// <summary>Start from a preset (<c>RmsProp.keras</c>, <c>RmsProp.optax 0.01</c>, ...) instead of PyTorch's defaults.</summary>
    [<CustomOperation("preset")>]
    member _.Preset(_: RmsPropOptions, preset: RmsPropOptions) = preset

    /// <summary>The learning rate.</summary>
    [<CustomOperation("learningRate")>]
    member _.LearningRate(options: RmsPropOptions, value) = options.WithLearningRate value

    /// <summary>The decay rate rho (PyTorch's alpha).</summary>
    [<CustomOperation("rho")>]
    member _.Rho(options: RmsPropOptions, value) = options.WithRho value

    /// <summary>Epsilon.</summary>
    [<CustomOperation("epsilon")>]
    member _.Epsilon(options: RmsPropOptions, value) = options.WithEpsilon value

    /// <summary>Epsilon inside the root (Keras, TF1, Optax).</summary>
    [<CustomOperation("epsilonInsideRoot")>]
    member _.EpsilonInsideRoot(options: RmsPropOptions) = options.WithEpsilonPlacement EpsilonPlacement.InsideRoot

    /// <summary>Centered RMSProp.</summary>
    [<CustomOperation("centered")>]
    member _.Centered(options: RmsPropOptions) = options.WithCentered true

    /// <summary>Momentum mu.</summary>
    [<CustomOperation("momentum")>]
    member _.Momentum(options: RmsPropOptions, value) = options.WithMomentum value

    /// <summary>The learning rate inside the momentum buffer (Keras, TF1, Optax).</summary>
    [<CustomOperation("learningRateInsideBuffer")>]
    member _.LearningRateInsideBuffer(options: RmsPropOptions) =
        options.WithMomentumConvention MomentumConvention.LearningRateInsideBuffer

    /// <summary>Coupled (L2) weight decay, PyTorch's <c>weight_decay</c>.</summary>
    [<CustomOperation("weightDecay")>]
    member _.WeightDecay(options: RmsPropOptions, value) = options.WithWeightDecay value

    /// <summary>Ascend instead of descend.</summary>
    [<CustomOperation("maximize")>]
    member _.Maximize(options: RmsPropOptions) = options.WithMaximize true

    /// <summary>The value the square average starts at.</summary>
    [<CustomOperation("initialSquareAverage")>]
    member _.InitialSquareAverage(options: RmsPropOptions, value) = options.WithInitialSquareAverage value

    /// <summary>Nesterov momentum (Optax's <c>nesterov=True</c>).</summary>
    [<CustomOperation("nesterov")>]
    member _.Nesterov(options: RmsPropOptions) = options.WithNesterov true

    /// <summary>Decoupled weight decay <c>w -= lr*wd*w</c> (AdamW-style; Keras's <c>weight_decay</c>).</summary>
    [<CustomOperation("decoupledWeightDecay")>]
    member _.DecoupledWeightDecay(options: RmsPropOptions, value) = options.WithDecoupledWeightDecay value

    /// <summary>Optax's bias correction of the averages.</summary>
    [<CustomOperation("biasCorrection")>]
    member _.BiasCorrection(options: RmsPropOptions) = options.WithBiasCorrection true

    /// <summary>Which framework's rounding to reproduce (<c>OperationOrder.PyTorch</c> or <c>OperationOrder.Optax</c>).</summary>
    [<CustomOperation("operationOrder")>]
    member _.OperationOrder(options: RmsPropOptions, order) = options.WithOperationOrder order

/// <summary>The <c>rmsprop { ... }</c> builder.</summary>
[<AutoOpen>]
module RmsPropOptionsExpression =
    /// <summary>Options as a computation expression: <c>rmsprop { learningRate 0.1; rho 0.9; centered }</c>.</summary>
    let rmsprop = RmsPropOptionsBuilder()

/// <summary>
/// PyTorch's <c>OneCycleLR</c> arguments, for <c>Schedule.pytorchOneCycleLRWith</c> and
/// <c>Schedule.pytorchOneCycleMomentum</c>; start from <c>OneCycle.defaults maxLr totalSteps</c> and change fields
/// with <c>{ ... with ... }</c>.
/// </summary>
type OneCycle =
    { /// <summary>PyTorch's <c>max_lr</c>.</summary>
      MaxLearningRate: float
      /// <summary>The cycle's length in steps.</summary>
      TotalSteps: int64
      /// <summary>The fraction of the cycle spent rising (0.3).</summary>
      PctStart: float
      /// <summary>Cosine (PyTorch's <c>'cos'</c>, the default) or linear.</summary>
      Anneal: AnnealStrategy
      /// <summary>The initial rate is <c>max_lr / div_factor</c> (25).</summary>
      DivFactor: float
      /// <summary>The last rate is the initial one over this (1e4).</summary>
      FinalDivFactor: float
      /// <summary>PyTorch's <c>three_phase</c> (false).</summary>
      ThreePhase: bool
      /// <summary>The momentum at the rate's peak (0.85).</summary>
      BaseMomentum: float
      /// <summary>The momentum at the cycle's ends (0.95).</summary>
      MaxMomentum: float }

/// <summary>PyTorch's <c>OneCycleLR</c> defaults.</summary>
[<RequireQualifiedAccess>]
[<CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module OneCycle =

    /// <summary>PyTorch's defaults for a cycle of <paramref name="totalSteps"/> steps peaking at <paramref name="maxLearningRate"/>.</summary>
    [<CompiledName("Defaults")>]
    let defaults maxLearningRate totalSteps =
        { MaxLearningRate = maxLearningRate
          TotalSteps = totalSteps
          PctStart = 0.3
          Anneal = AnnealStrategy.Cosine
          DivFactor = 25.0
          FinalDivFactor = 1e4
          ThreePhase = false
          BaseMomentum = 0.85
          MaxMomentum = 0.95 }

/// <summary>
/// Schedules: pure functions of the step count, for the learning rate or any other real-valued option. Each
/// function is the Optax or PyTorch schedule of the same name (see <c>RmsProp.Functional.Schedule</c>).
/// </summary>
[<RequireQualifiedAccess>]
[<CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module Schedule =

    /// <summary>The value of <paramref name="schedule"/> at <paramref name="step"/>.</summary>
    [<CompiledName("ValueAt")>]
    let valueAt (step: int64) (schedule: Schedule) = schedule.ValueAt step

    /// <summary>The schedule as a plain F# function.</summary>
    [<CompiledName("ToFunction")>]
    let toFunction (schedule: Schedule) : int64 -> float = schedule.ValueAt

    /// <summary>A schedule from a plain F# function of the step (pure); <paramref name="description"/> names it in messages.</summary>
    [<CompiledName("OfFunction")>]
    let ofFunction description (value: int64 -> float) = Schedule.FromFunction(Func<int64, float>(value), description)

    /// <summary>Optax's <c>constant_schedule</c>.</summary>
    [<CompiledName("Constant")>]
    let constant value = Schedule.Constant value

    /// <summary>Optax's <c>linear_schedule</c>.</summary>
    [<CompiledName("Linear")>]
    let linear initValue endValue transitionSteps = Schedule.Linear(initValue, endValue, transitionSteps)

    /// <summary>Optax's <c>polynomial_schedule</c>.</summary>
    [<CompiledName("Polynomial")>]
    let polynomial initValue endValue power transitionSteps = Schedule.Polynomial(initValue, endValue, power, transitionSteps)

    /// <summary>Optax's <c>exponential_decay</c> (continuous, from step 0, no end value).</summary>
    [<CompiledName("ExponentialDecay")>]
    let exponentialDecay initValue transitionSteps decayRate = Schedule.ExponentialDecay(initValue, transitionSteps, decayRate)

    /// <summary>Optax's <c>piecewise_constant_schedule</c>: <c>[ (boundary, scale); ... ]</c>.</summary>
    [<CompiledName("PiecewiseConstant")>]
    let piecewiseConstant initValue (boundariesAndScales: (int64 * float) list) =
        Schedule.PiecewiseConstant(initValue, boundariesAndScales |> List.map (fun (boundary, scale) -> struct (boundary, scale)))

    /// <summary>Optax's <c>cosine_decay_schedule</c> with <c>alpha</c>, the final fraction of the initial value.</summary>
    [<CompiledName("CosineDecay")>]
    let cosineDecay initValue decaySteps alpha = Schedule.CosineDecay(initValue, decaySteps, alpha)

    /// <summary>Optax's <c>warmup_cosine_decay_schedule</c>.</summary>
    [<CompiledName("WarmupCosineDecay")>]
    let warmupCosineDecay initValue peakValue warmupSteps decaySteps endValue =
        Schedule.WarmupCosineDecay(initValue, peakValue, warmupSteps, decaySteps, endValue)

    /// <summary>Optax's <c>cosine_onecycle_schedule</c> with its default fractions.</summary>
    [<CompiledName("CosineOneCycle")>]
    let cosineOneCycle transitionSteps peakValue = Schedule.CosineOneCycle(transitionSteps, peakValue)

    /// <summary>Optax's <c>join_schedules</c>.</summary>
    [<CompiledName("Join")>]
    let join (schedules: Schedule list) (boundaries: int64 list) = Schedule.Join(schedules, boundaries)

    /// <summary>PyTorch's <c>ExponentialLR</c>, recursively as <c>scheduler.step()</c> computes it.</summary>
    [<CompiledName("PyTorchExponentialLR")>]
    let pytorchExponentialLR learningRate gamma = Schedule.PyTorchExponentialLR(learningRate, gamma)

    /// <summary>PyTorch's <c>StepLR</c>.</summary>
    [<CompiledName("PyTorchStepLR")>]
    let pytorchStepLR learningRate stepSize gamma = Schedule.PyTorchStepLR(learningRate, stepSize, gamma)

    /// <summary>PyTorch's <c>CosineAnnealingLR</c>.</summary>
    [<CompiledName("PyTorchCosineAnnealingLR")>]
    let pytorchCosineAnnealingLR learningRate tMax etaMin = Schedule.PyTorchCosineAnnealingLR(learningRate, tMax, etaMin)

    /// <summary>PyTorch's <c>CosineAnnealingWarmRestarts(T_0, T_mult, eta_min)</c>, stepped once per step.</summary>
    [<CompiledName("PyTorchCosineAnnealingWarmRestarts")>]
    let pytorchCosineAnnealingWarmRestarts learningRate t0 tMult etaMin =
        Schedule.PyTorchCosineAnnealingWarmRestarts(learningRate, t0, tMult, etaMin)

    /// <summary>PyTorch's <c>OneCycleLR</c> with these arguments (see <c>OneCycle.defaults</c>): the rate at each step of the cycle.</summary>
    [<CompiledName("PyTorchOneCycleLRWith")>]
    let pytorchOneCycleLRWith (cycle: OneCycle) =
        Schedule.PyTorchOneCycleLR(
            cycle.MaxLearningRate, cycle.TotalSteps, cycle.PctStart, cycle.Anneal, cycle.DivFactor, cycle.FinalDivFactor, cycle.ThreePhase)

    /// <summary>PyTorch's <c>OneCycleLR</c> with its defaults: up to <paramref name="maxLearningRate"/> and down over <paramref name="totalSteps"/> steps.</summary>
    [<CompiledName("PyTorchOneCycleLR")>]
    let pytorchOneCycleLR maxLearningRate totalSteps = pytorchOneCycleLRWith (OneCycle.defaults maxLearningRate totalSteps)

    /// <summary>The momentum PyTorch's <c>OneCycleLR</c> cycles with <c>cycle_momentum=True</c> (its default), for <c>RmsPropSchedule.WithMomentum</c>.</summary>
    [<CompiledName("PyTorchOneCycleMomentum")>]
    let pytorchOneCycleMomentum (cycle: OneCycle) =
        Schedule.PyTorchOneCycleMomentum(cycle.TotalSteps, cycle.PctStart, cycle.Anneal, cycle.BaseMomentum, cycle.MaxMomentum, cycle.ThreePhase)

    /// <summary>Optax's <c>linear_onecycle_schedule</c> with its default fractions and factors.</summary>
    [<CompiledName("LinearOneCycle")>]
    let linearOneCycle transitionSteps peakValue = Schedule.LinearOneCycle(transitionSteps, peakValue)

    /// <summary>Optax's <c>sgdr_schedule</c>: one warmup-cosine cycle per element, joined end to end.</summary>
    [<CompiledName("Sgdr")>]
    let sgdr (cycles: WarmupCosineCycle list) = Schedule.Sgdr cycles

/// <summary>Plans: the schedules and gradient clippings a model step applies, built by piping.</summary>
[<RequireQualifiedAccess>]
[<CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module Plan =

    /// <summary>No schedules, no clipping.</summary>
    [<CompiledName("Empty")>]
    let empty = RmsPropPlan.None

    /// <summary>The plan with a learning-rate schedule for a group.</summary>
    [<CompiledName("LearningRate")>]
    let learningRate groupName (schedule: Schedule) (plan: RmsPropPlan) = plan.WithLearningRate(groupName, schedule)

    /// <summary>The plan with schedules for several options of a group.</summary>
    [<CompiledName("Schedule")>]
    let schedule groupName (schedule: RmsPropSchedule) (plan: RmsPropPlan) = plan.WithSchedule(groupName, schedule)

    /// <summary>The plan clamping every gradient entry to <c>[-maxValue, maxValue]</c>.</summary>
    [<CompiledName("ClipByValue")>]
    let clipByValue maxValue (plan: RmsPropPlan) = plan.WithClipping(GradientClipping.ByValue maxValue)

    /// <summary>The plan scaling each tensor's gradient to an L2 norm of at most <paramref name="maxNorm"/>.</summary>
    [<CompiledName("ClipByNormPerTensor")>]
    let clipByNormPerTensor maxNorm (plan: RmsPropPlan) = plan.WithClipping(GradientClipping.ByNormPerTensor maxNorm)

    /// <summary>The plan scaling all gradients to a joint L2 norm of at most <paramref name="maxNorm"/> (PyTorch's <c>clip_grad_norm_</c>).</summary>
    [<CompiledName("ClipByGlobalNorm")>]
    let clipByGlobalNorm maxNorm (plan: RmsPropPlan) = plan.WithClipping(GradientClipping.ByGlobalNorm maxNorm)

/// <summary>
/// RMSProp over a whole model from F#: named tensors, parameter groups, gradients by name, plans, checkpoints.
/// The state comes last so steps pipe and fold.
/// </summary>
[<RequireQualifiedAccess>]
[<CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module Model =

    let private byName (gradients: seq<string * 'T array>) =
        let dictionary = Dictionary<string, 'T array>(StringComparer.Ordinal)
        for name, gradient in gradients do
            if not (dictionary.TryAdd(name, gradient)) then
                raise (ArgumentException($"gradients has two entries for tensor '{name}'.", "gradients"))
        dictionary :> IReadOnlyDictionary<string, 'T array>

    /// <summary>A named tensor of the given shape (values row-major, copied).</summary>
    [<CompiledName("Tensor")>]
    let tensor<'T when 'T: unmanaged and 'T: (new: unit -> 'T) and 'T: struct and 'T :> ValueType and 'T :> IFloatingPointIeee754<'T>>
        name
        (shape: int list)
        (values: 'T array)
        : NamedTensor<'T> =
        NamedTensor.Create<'T>(name, ReadOnlySpan<int>(List.toArray shape), ReadOnlySpan<'T>(values))

    /// <summary>A named one-dimensional tensor (values copied).</summary>
    [<CompiledName("Vector")>]
    let vector<'T when 'T: unmanaged and 'T: (new: unit -> 'T) and 'T: struct and 'T :> ValueType and 'T :> IFloatingPointIeee754<'T>>
        name
        (values: 'T array)
        : NamedTensor<'T> =
        NamedTensor.Vector<'T>(name, ReadOnlySpan<'T>(values))

    /// <summary>A parameter group: a name, its options and the names of its tensors.</summary>
    [<CompiledName("Group")>]
    let group name (options: RmsPropOptions) (tensorNames: string list) = RmsPropGroup(name, options, tensorNames)

    /// <summary>Starts a model whose tensors all share <paramref name="options"/> (one group, <c>"default"</c>).</summary>
    [<CompiledName("Init")>]
    let init<'T when 'T: unmanaged and 'T: (new: unit -> 'T) and 'T: struct and 'T :> ValueType and 'T :> IFloatingPointIeee754<'T>>
        (options: RmsPropOptions)
        (tensors: NamedTensor<'T> list)
        : RmsPropModelState<'T> =
        RmsPropModel.Init<'T>(options, tensors)

    /// <summary>Starts a model in parameter groups; every tensor in exactly one group.</summary>
    [<CompiledName("InitGroups")>]
    let initGroups<'T when 'T: unmanaged and 'T: (new: unit -> 'T) and 'T: struct and 'T :> ValueType and 'T :> IFloatingPointIeee754<'T>>
        (groups: RmsPropGroup list)
        (tensors: NamedTensor<'T> list)
        : RmsPropModelState<'T> =
        RmsPropModel.Init<'T>(groups, tensors)

    /// <summary>One step with a plan; gradients as <c>[ name, gradient ]</c> pairs.</summary>
    [<CompiledName("StepWith")>]
    let stepWith<'T when 'T: unmanaged and 'T: (new: unit -> 'T) and 'T: struct and 'T :> ValueType and 'T :> IFloatingPointIeee754<'T>>
        (plan: RmsPropPlan)
        (gradients: seq<string * 'T array>)
        (state: RmsPropModelState<'T>)
        : RmsPropModelState<'T> =
        RmsPropModel.Step<'T>(state, byName gradients, plan)

    /// <summary>One step; gradients as <c>[ name, gradient ]</c> pairs.</summary>
    [<CompiledName("Step")>]
    let step gradients state = stepWith RmsPropPlan.None gradients state

    /// <summary>One step with a plan, or why there can be none.</summary>
    [<CompiledName("TryStepWith")>]
    let tryStepWith plan gradients state = RmsPropError.attempt (fun () -> stepWith plan gradients state)

    /// <summary>One step, or why there can be none (a missing, extra or misshaped gradient names its tensor).</summary>
    [<CompiledName("TryStep")>]
    let tryStep gradients state = tryStepWith RmsPropPlan.None gradients state

    /// <summary>The current parameters of a tensor (a copy).</summary>
    [<CompiledName("Parameters")>]
    let parameters<'T when 'T: unmanaged and 'T: (new: unit -> 'T) and 'T: struct and 'T :> ValueType and 'T :> IFloatingPointIeee754<'T>>
        name
        (state: RmsPropModelState<'T>)
        : 'T array =
        state.ParametersOf(name).AsSpan().ToArray()

    /// <summary>The state with a group's options replaced, every buffer kept.</summary>
    [<CompiledName("WithGroupOptions")>]
    let withGroupOptions<'T when 'T: unmanaged and 'T: (new: unit -> 'T) and 'T: struct and 'T :> ValueType and 'T :> IFloatingPointIeee754<'T>>
        groupName
        options
        (state: RmsPropModelState<'T>)
        : RmsPropModelState<'T> =
        state.WithGroupOptions(groupName, options)

    /// <summary>The model as JSON (checkpoint format 2).</summary>
    [<CompiledName("Save")>]
    let save<'T when 'T: unmanaged and 'T: (new: unit -> 'T) and 'T: struct and 'T :> ValueType and 'T :> IFloatingPointIeee754<'T>>
        (state: RmsPropModelState<'T>)
        : string =
        RmsPropCheckpoint.SaveModel<'T> state

    /// <summary>Restores a model saved by <see cref="save"/> (or a version 1 single state), or says which field is wrong.</summary>
    [<CompiledName("TryLoad")>]
    let tryLoad<'T when 'T: unmanaged and 'T: (new: unit -> 'T) and 'T: struct and 'T :> ValueType and 'T :> IFloatingPointIeee754<'T>>
        (json: string)
        : Result<RmsPropModelState<'T>, RmsPropError> =
        RmsPropError.attempt (fun () -> RmsPropCheckpoint.LoadModel<'T> json)
