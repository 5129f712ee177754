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

let lawNumbers : obj[] seq = Laws.numbers |> Seq.map (fun n -> [| box n |])

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
