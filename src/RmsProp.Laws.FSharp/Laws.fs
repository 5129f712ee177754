namespace RmsProp.Laws.FSharp

open RmsProp.Functional
open RmsProp.Laws

/// One thing an RMSProp implementation may support beyond the lesson's plain rule (lr, rho, eps outside the root).
[<RequireQualifiedAccess>]
type Feature =
    /// eps inside the root, sqrt(s + eps), instead of outside.
    | EpsilonInsideRoot
    /// eps in either place, as the options say.
    | BothEpsilonPlacements
    /// Centred RMSProp: sqrt(s - m^2).
    | Centered
    /// Momentum in the given convention (list it twice for both).
    | Momentum of MomentumConvention
    /// Coupled (L2) weight decay.
    | WeightDecay
    /// Ascent on the objective.
    | Maximize
    /// A square average starting at options.InitialSquareAverage (Optax's initial_scale, TF1's 1).
    | InitialSquareAverage
    /// Nesterov momentum (options.Nesterov, Optax's nesterov=True): the step looks ahead with the updated buffer.
    | Nesterov
    /// Decoupled (AdamW) weight decay, options.DecoupledWeightDecay: w -= lr*wd*w beside the adaptive step.
    | DecoupledWeightDecay

/// What a law concluded.
type LawOutcome =
    /// Every generated case satisfied the law.
    | Passed of cases: int
    /// A case broke the law: the full account (law, declaration, shrunk case, expected against actual, seed) and
    /// where the case was drawn, to replay it.
    | Failed of message: string * replay: RmsPropLawReplay option
    /// The law needs something the implementation does not declare or cannot do.
    | NotApplicable of reason: string

/// Declarations as F# values.
[<RequireQualifiedAccess>]
module Support =
    /// The lesson's plain RMSProp: lr, rho, eps outside the root.
    let plain = RmsPropSupport.Plain

    /// Every option RmsPropOptions has.
    let everything = RmsPropSupport.Everything

    let private add (support: RmsPropSupport) feature =
        match feature with
        | Feature.EpsilonInsideRoot -> support.WithEpsilon EpsilonPlacement.InsideRoot
        | Feature.BothEpsilonPlacements -> support.WithBothEpsilonPlacements()
        | Feature.Centered -> support.WithCentered()
        | Feature.Momentum convention -> support.WithMomentum convention
        | Feature.WeightDecay -> support.WithWeightDecay()
        | Feature.Maximize -> support.WithMaximize()
        | Feature.InitialSquareAverage -> support.WithInitialSquareAverage()
        | Feature.Nesterov -> support.WithNesterov()
        | Feature.DecoupledWeightDecay -> support.WithDecoupledWeightDecay()

    /// The plain rule plus the listed features, e.g. <c>Support.declare [ Feature.Centered; Feature.Momentum MomentumConvention.LearningRateOutsideBuffer ]</c>.
    let declare (features: Feature list) : RmsPropSupport = List.fold add plain features

/// Implementations from plain F# functions: no inline, no constraints; <c>float</c> is double, <c>float32</c> is single.
[<RequireQualifiedAccess>]
module Implementation =
    /// An in-place step <c>options w g s</c> in double; the laws hand it copies.
    let inPlace (name: string) (step: RmsPropOptions -> float[] -> float[] -> float[] -> unit) : RmsPropImplementation =
        RmsPropImplementation.InPlace<float>(name, RmsPropInPlaceStep<float>(fun o w g s -> step o w g s))

    /// An in-place step <c>options w g s</c> in single precision.
    let inPlaceSingle (name: string) (step: RmsPropOptions -> float32[] -> float32[] -> float32[] -> unit) : RmsPropImplementation =
        RmsPropImplementation.InPlace<float32>(name, RmsPropInPlaceStep<float32>(fun o w g s -> step o w g s))

    /// The same in-place step in single and in double (law 10 then compares them).
    let inPlaceBoth
        (name: string)
        (single: RmsPropOptions -> float32[] -> float32[] -> float32[] -> unit)
        (double: RmsPropOptions -> float[] -> float[] -> float[] -> unit)
        : RmsPropImplementation =
        RmsPropImplementation.InPlace(
            name,
            RmsPropInPlaceStep<float32>(fun o w g s -> single o w g s),
            RmsPropInPlaceStep<float>(fun o w g s -> double o w g s))

    /// An in-place step <c>options w g s m b</c> in double, with the centred average and the momentum buffer.
    let inPlaceWithBuffers (name: string) (step: RmsPropOptions -> float[] -> float[] -> float[] -> float[] -> float[] -> unit) : RmsPropImplementation =
        RmsPropImplementation.InPlace<float>(name, RmsPropInPlaceStepWithBuffers<float>(fun o w g s m b -> step o w g s m b))

    /// A pure step in double: options, state and gradient in; a new state out.
    let ofPureStep (name: string) (step: RmsPropOptions -> RmsPropStepState<float> -> float[] -> RmsPropStepState<float>) : RmsPropImplementation =
        RmsPropImplementation.Pure<float>(name, RmsPropStep<float>(fun o state g -> step o state g))

    /// An optimizer object in double: <c>create options n</c> builds a fresh one per case and returns its step <c>w g</c>.
    let stateful (name: string) (create: RmsPropOptions -> int -> (float[] -> float[] -> unit)) : RmsPropImplementation =
        RmsPropImplementation.Stateful<float>(
            name,
            System.Func<RmsPropOptions, int, RmsPropObjectStep<float>>(fun o n ->
                let step = create o n
                RmsPropObjectStep<float>(fun w g -> step w g)))

    /// The implementation declaring the plain rule plus <paramref name="features"/>.
    let supporting (features: Feature list) (implementation: RmsPropImplementation) : RmsPropImplementation =
        implementation.Supporting(Support.declare features)

/// The laws, with verdicts as <see cref="LawOutcome"/>.
[<RequireQualifiedAccess>]
module Laws =
    /// Every law, in order.
    let all : RmsPropLaw list = List.ofSeq RmsPropLaws.All

    /// Every law's number, for a test runner's theory data (one test per law).
    let numbers : int list = all |> List.map (fun law -> law.Number)

    /// The law with this number.
    let numbered (number: int) : RmsPropLaw = RmsPropLaws.Numbered number

    let private outcome (result: RmsPropLawResult) =
        match result.Verdict with
        | RmsPropLawVerdict.Passed -> Passed result.TestsRun
        | RmsPropLawVerdict.NotApplicable -> NotApplicable result.Message
        | _ -> Failed(result.Message, Option.ofObj result.Replay)

    /// Checks one law from the fixed default seed.
    let check (law: RmsPropLaw) (implementation: RmsPropImplementation) : LawOutcome =
        outcome (RmsPropLaws.CheckLaw(law, implementation))

    /// Checks one law from another seed.
    let checkWithSeed (seed: uint64) (law: RmsPropLaw) (implementation: RmsPropImplementation) : LawOutcome =
        outcome (RmsPropLaws.CheckLaw(law, implementation, RmsPropLawSettings(Seed = seed)))

    /// Draws again only the failing case a message printed (<c>seed,gamma,size</c>).
    let replay (replay: RmsPropLawReplay) (law: RmsPropLaw) (implementation: RmsPropImplementation) : LawOutcome =
        outcome (RmsPropLaws.CheckLaw(law, implementation, RmsPropLawSettings(Replay = replay)))

    /// Checks every law; pairs each with its outcome.
    let checkAll (implementation: RmsPropImplementation) : (RmsPropLaw * LawOutcome) list =
        all |> List.map (fun law -> law, check law implementation)

    /// Checks every law and throws <see cref="RmsPropLawException"/> naming each failure.
    let verify (implementation: RmsPropImplementation) : unit = RmsPropLaws.Verify implementation
