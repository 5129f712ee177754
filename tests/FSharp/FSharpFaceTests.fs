module RmsProp.FSharp.Tests.FSharpFaceTests

open System
open Xunit
open RmsProp.Functional
open RmsProp.FSharp

// Source 000's example: f(x, y) = x^2 + y^2 from (5, 4), lr 0.1, rho 0.9, eps 1e-6 outside the root.
let lesson = RmsProp.defaults |> RmsProp.withLearningRate 0.1 |> RmsProp.withRho 0.9 |> RmsProp.withEpsilon 1e-6
let bowl (p: float array) = [| 2.0 * p.[0]; 2.0 * p.[1] |]

let bits (values: float array) = values |> Array.map BitConverter.DoubleToInt64Bits

[<Fact>]
let ``the option pipeline sets exactly the named fields`` () =
    Assert.Equal(RmsPropOptions(LearningRate = 0.1, Rho = 0.9, Epsilon = 1e-6), lesson)

[<Fact>]
let ``minimize reproduces the lesson's epoch 100 to 1e-12`` () =
    let final = RmsProp.init lesson [| 5.0; 4.0 |] |> RmsProp.minimize bowl 101 |> RmsProp.parameters
    Assert.InRange(abs (final.[0] - -3.0770182845888756e-17), 0.0, 1e-12 * 3.0770182845888756e-17)
    Assert.InRange(abs (final.[1] - 2.1886219485527558e-20), 0.0, 1e-12 * 2.1886219485527558e-20)

[<Fact>]
let ``the F# pipeline computes bitwise what the C# face computes`` () =
    let mutable csharp = RmsPropOptimizer.Init<float>(lesson, ReadOnlySpan [| 5.0; 4.0 |])
    for _ in 1..30 do
        csharp <- RmsPropOptimizer.Step<float>(csharp, ReadOnlySpan(bowl (csharp.Parameters.AsSpan().ToArray())))
    let fsharp = RmsProp.init lesson [| 5.0; 4.0 |] |> RmsProp.minimize bowl 30
    Assert.Equal<int64>(bits (csharp.Parameters.AsSpan().ToArray()), bits (RmsProp.parameters fsharp))

[<Fact>]
let ``run folds a gradient sequence like repeated steps`` () =
    let gradients = [ for i in 1..12 -> [| sin (float i); cos (float i); 0.5 |] ]
    let start = RmsProp.init (RmsProp.defaults |> RmsProp.centered |> RmsProp.withMomentum 0.9) [| 1.0; 2.0; 3.0 |]
    let folded = start |> RmsProp.run gradients
    let stepped = gradients |> List.fold (fun state g -> RmsProp.step g state) start
    Assert.Equal(stepped, folded)
    Assert.Equal(12L, folded.StepCount)

[<Fact>]
let ``trajectory is lazy and starts with the initial state`` () =
    let states = RmsProp.init lesson [| 5.0; 4.0 |] |> RmsProp.trajectory bowl |> Seq.take 3 |> Seq.toList
    Assert.Equal<int64 list>([ 0L; 1L; 2L ], states |> List.map (fun s -> s.StepCount))
    Assert.Equal(5.0, states.Head.Parameters.[0])

[<Fact>]
let ``tryStep turns a NaN gradient into an Error that names the index`` () =
    let state = RmsProp.init lesson [| 1.0; 1.0 |]
    match state |> RmsProp.tryStep [| 0.5; Double.NaN |] with
    | Ok _ -> failwith "a NaN gradient must not give a state"
    | Error(RmsPropError.BadGradient message) -> Assert.Contains("gradient[1]", message)
    | Error other -> failwith $"expected BadGradient, got {other}"

[<Fact>]
let ``tryStep steps when the gradient is fine`` () =
    let state = RmsProp.init lesson [| 1.0; 1.0 |]
    match state |> RmsProp.tryStep [| 0.5; -0.5 |] with
    | Ok next -> Assert.Equal(1L, next.StepCount)
    | Error error -> failwith error.Message

[<Fact>]
let ``update returns updates that ApplyUpdates turns into the stepped parameters`` () =
    let updates, moments = RmsProp.initMoments<float32> RmsPropOptions.Keras 2 |> RmsProp.update [| 1.0f; -2.0f |]
    Assert.Equal(1L, moments.StepCount)
    let stepped = RmsProp.init RmsPropOptions.Keras [| 0.0f; 0.0f |] |> RmsProp.step [| 1.0f; -2.0f |] |> RmsProp.parameters
    Assert.Equal<float32>(stepped, updates)

[<Fact>]
let ``save and tryLoad round-trip, and tryLoad refuses garbage`` () =
    let state = RmsProp.init lesson [| 5.0; 4.0 |] |> RmsProp.minimize bowl 5
    Assert.Equal(Ok state, RmsProp.save state |> RmsProp.tryLoad<float>)
    Assert.True(match RmsProp.tryLoad<float> "[]" with Error _ -> true | Ok _ -> false)
