module RmsProp.FSharp.Tests.LawsFaceTests

open Xunit
open RmsProp.Functional
open RmsProp.Laws.FSharp

// README: fsharp laws begin
// The lesson's RMSProp in F#: a plain function over arrays, updated in place (the laws hand it copies).
let myRmsProp (options: RmsPropOptions) (w: float[]) (g: float[]) (s: float[]) =
    let lr, rho, eps = options.LearningRate, options.Rho, options.Epsilon
    for i in 0 .. w.Length - 1 do
        s.[i] <- rho * s.[i] + (1.0 - rho) * g.[i] * g.[i]
        w.[i] <- w.[i] - lr * g.[i] / (sqrt s.[i] + eps)

let mine = Implementation.inPlace "my F# RMSProp" myRmsProp

let lawNumbers : obj[] seq = Laws.numbers |> Seq.map (fun n -> [| n :> obj |])

[<Theory>]
[<MemberData(nameof lawNumbers)>]
let ``my RMSProp obeys law`` (number: int) =
    match Laws.check (Laws.numbered number) mine with
    | Failed(message, _) -> failwith message
    | Passed _
    | NotApplicable _ -> ()
// README: fsharp laws end

[<Fact>]
let ``a law that needs an undeclared option is not applicable, and declaring it makes it run`` () =
    let centredLaw = Laws.numbered 9
    match Laws.check centredLaw mine with
    | NotApplicable reason -> Assert.Contains("centred", reason)
    | other -> failwithf "expected not applicable, got %A" other

    // A centred step of the textbook kind: declared centred, law 9 now runs and passes.
    let centred (options: RmsPropOptions) (w: float[]) (g: float[]) (s: float[]) (m: float[]) (_: float[]) =
        for i in 0 .. w.Length - 1 do
            s.[i] <- options.Rho * s.[i] + (1.0 - options.Rho) * g.[i] * g.[i]
            m.[i] <- if options.Centered then options.Rho * m.[i] + (1.0 - options.Rho) * g.[i] else m.[i]
            let variance = if options.Centered then max 0.0 (s.[i] - m.[i] * m.[i]) else s.[i]
            w.[i] <- w.[i] - options.LearningRate * g.[i] / (sqrt variance + options.Epsilon)
    let declared = Implementation.inPlaceWithBuffers "centred" centred |> Implementation.supporting [ Feature.Centered ]
    match Laws.check centredLaw declared with
    | Passed cases -> Assert.True(cases > 0)
    | other -> failwithf "expected a pass, got %A" other

[<Fact>]
let ``a broken F# step fails with the law, the case and a replay that finds it again`` () =
    let noOneMinusRho (options: RmsPropOptions) (w: float[]) (g: float[]) (s: float[]) =
        for i in 0 .. w.Length - 1 do
            s.[i] <- options.Rho * s.[i] + g.[i] * g.[i]
            w.[i] <- w.[i] - options.LearningRate * g.[i] / (sqrt s.[i] + options.Epsilon)
    let broken = Implementation.inPlace "no 1 - rho" noOneMinusRho
    let law = Laws.numbered 3
    match Laws.check law broken with
    | Failed(message, Some replay) ->
        Assert.Contains("no 1 - rho", message)
        Assert.Contains("expected", message)
        match Laws.replay replay law broken with
        | Failed(again, _) -> Assert.Contains("Shrunk case", again)
        | other -> failwithf "the replay did not fail: %A" other
    | other -> failwithf "expected a failure with a replay, got %A" other

[<Fact>]
let ``an F# optimizer object plugs in as a function that returns its step`` () =
    let create (options: RmsPropOptions) (n: int) =
        let s = Array.zeroCreate<float> n
        fun (w: float[]) (g: float[]) -> myRmsProp options w g s
    let results = Laws.checkAll (Implementation.stateful "F# object" create)
    let failures = results |> List.choose (fun (law, outcome) -> match outcome with Failed(message, _) -> Some message | _ -> None)
    Assert.True(List.isEmpty failures, String.concat "\n" failures)
    let notApplicable = results |> List.choose (fun (law, outcome) -> match outcome with NotApplicable _ -> Some law.Number | _ -> None)
    Assert.Equal<int list>([ 1; 4; 9; 10; 12 ], notApplicable)

/// The textbook step with momentum, Nesterov's look-ahead and AdamW's decoupled decay, generic over the number type
/// only through the two conversions it is handed, so the float32 and double adapters run the same arithmetic.
let private nesterovDecoupled (ofFloat: float -> 'T) (sqrtT: 'T -> 'T) (add: 'T -> 'T -> 'T) (mul: 'T -> 'T -> 'T) (div: 'T -> 'T -> 'T) (sub: 'T -> 'T -> 'T)
                              (options: RmsPropOptions) (w: 'T[]) (g: 'T[]) (s: 'T[]) (_: 'T[]) (b: 'T[]) =
    let lr, rho, eps, mu = ofFloat options.LearningRate, ofFloat options.Rho, ofFloat options.Epsilon, ofFloat options.Momentum
    let keep = ofFloat (1.0 - options.LearningRate * options.DecoupledWeightDecay)
    for i in 0 .. w.Length - 1 do
        s.[i] <- add (mul rho s.[i]) (mul (sub (ofFloat 1.0) rho) (mul g.[i] g.[i]))
        let x = div g.[i] (add (sqrtT s.[i]) eps)
        let decayed = if options.DecoupledWeightDecay = 0.0 then w.[i] else mul w.[i] keep
        if options.Momentum = 0.0 then
            w.[i] <- sub decayed (mul lr x)
        else
            b.[i] <- add (mul mu b.[i]) x
            let step = if options.Nesterov then add x (mul mu b.[i]) else b.[i]
            w.[i] <- sub decayed (mul lr step)

let private declaredVariants =
    [ Feature.Momentum MomentumConvention.LearningRateOutsideBuffer; Feature.Nesterov; Feature.DecoupledWeightDecay ]

let private noFailures (implementation: RmsProp.Laws.RmsPropImplementation) =
    let results = Laws.checkAll implementation
    let failures = results |> List.choose (fun (_, outcome) -> match outcome with Failed(message, _) -> Some message | _ -> None)
    Assert.True(List.isEmpty failures, String.concat "\n" failures)
    results

[<Fact>]
let ``Nesterov and decoupled weight decay are declared from F# and the laws generate them`` () =
    let step = nesterovDecoupled id sqrt (+) (*) (/) (-)
    let declared = Implementation.inPlaceWithBuffers "F# Nesterov + AdamW decay" step |> Implementation.supporting declaredVariants
    Assert.True(declared.Support.Nesterov && declared.Support.DecoupledWeightDecay)
    let results = noFailures declared
    Assert.True(results |> List.exists (fun (_, outcome) -> match outcome with Passed _ -> true | _ -> false))

    // The same step with Nesterov's look-ahead on the old buffer is caught (law 3: the first step is x, not (1 + mu)x).
    let wrong (options: RmsPropOptions) (w: float[]) (g: float[]) (s: float[]) (m: float[]) (b: float[]) =
        let before = Array.copy b
        step (options.WithNesterov false) w g s m b
        if options.Nesterov && options.Momentum <> 0.0 then
            for i in 0 .. w.Length - 1 do
                let x = b.[i] - options.Momentum * before.[i]
                w.[i] <- w.[i] + options.LearningRate * b.[i] - options.LearningRate * (x + options.Momentum * before.[i])
    let broken = Implementation.inPlaceWithBuffers "old-buffer Nesterov" wrong |> Implementation.supporting declaredVariants
    match Laws.check (Laws.numbered 3) broken with
    | Failed(message, _) -> Assert.Contains("nesterov", message)
    | other -> failwithf "expected law 3 to reject the old-buffer Nesterov step, got %A" other

[<Fact>]
let ``the float32 adapters run the laws in single precision`` () =
    let single (options: RmsPropOptions) (w: float32[]) (g: float32[]) (s: float32[]) =
        let lr, rho, eps = float32 options.LearningRate, float32 options.Rho, float32 options.Epsilon
        for i in 0 .. w.Length - 1 do
            s.[i] <- rho * s.[i] + (1.0f - rho) * g.[i] * g.[i]
            w.[i] <- w.[i] - lr * g.[i] / (sqrt s.[i] + eps)
    let results = noFailures (Implementation.inPlaceSingle "F# float32 RMSProp" single)
    Assert.True(results |> List.exists (fun (_, outcome) -> match outcome with Passed _ -> true | _ -> false))

    // Both types together: law 10 compares them and passes; a float32 step with a mistake fails it.
    let both = Implementation.inPlaceBoth "F# float32 and double" single myRmsProp
    match Laws.check (Laws.numbered 10) both with
    | Passed cases -> Assert.True(cases > 0)
    | other -> failwithf "expected law 10 to pass, got %A" other
    let singleWithoutOneMinusRho (options: RmsPropOptions) (w: float32[]) (g: float32[]) (s: float32[]) =
        let lr, rho, eps = float32 options.LearningRate, float32 options.Rho, float32 options.Epsilon
        for i in 0 .. w.Length - 1 do
            s.[i] <- rho * s.[i] + g.[i] * g.[i]
            w.[i] <- w.[i] - lr * g.[i] / (sqrt s.[i] + eps)
    match Laws.check (Laws.numbered 10) (Implementation.inPlaceBoth "float32 differs" singleWithoutOneMinusRho myRmsProp) with
    | Failed(message, _) -> Assert.Contains("float", message)
    | other -> failwithf "expected law 10 to reject a float32 step that differs from the double one, got %A" other
    match Laws.check (Laws.numbered 3) (Implementation.inPlaceSingle "float32 without 1 - rho" singleWithoutOneMinusRho) with
    | Failed _ -> ()
    | other -> failwithf "expected law 3 to reject the float32 step, got %A" other
