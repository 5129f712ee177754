module RmsProp.FSharp.Tests.TrainingTests

open System
open System.Collections.Generic
open Xunit
open Xunit.Abstractions
open RmsProp.Functional
open RmsProp.FSharp

let bits (values: float array) = values |> Array.map BitConverter.DoubleToInt64Bits

[<Fact>]
let ``the rmsprop expression builds the options the With methods build`` () =
    let built = rmsprop { learningRate 0.05; rho 0.9; epsilon 1e-6; centered; momentum 0.5; weightDecay 0.01 }
    let expected = RmsPropOptions.PyTorch.WithLearningRate(0.05).WithRho(0.9).WithEpsilon(1e-6).WithCentered(true).WithMomentum(0.5).WithWeightDecay(0.01)
    Assert.Equal(expected, built)
    let variants = rmsprop { preset (RmsProp.optax 0.01); momentum 0.9; nesterov; biasCorrection; decoupledWeightDecay 0.001 }
    Assert.Equal(RmsPropOptions.Optax(0.01).WithMomentum(0.9).WithNesterov(true).WithBiasCorrection(true).WithDecoupledWeightDecay(0.001), variants)
    Assert.Equal(variants, RmsProp.optax 0.01 |> RmsProp.withMomentum 0.9 |> RmsProp.nesterov |> RmsProp.biasCorrection |> RmsProp.withDecoupledWeightDecay 0.001)
    let fromPreset = rmsprop { preset RmsProp.keras; learningRate 0.01 }
    Assert.Equal(RmsPropOptions.Keras.WithLearningRate 0.01, fromPreset)

[<Fact>]
let ``a bad value in the expression is refused naming the option`` () =
    let error = Assert.Throws<ArgumentOutOfRangeException>(fun () -> rmsprop { rho 1.5 } |> ignore)
    Assert.Equal("Rho", error.ParamName)

let groups =
    [ Model.group "weights" (rmsprop { learningRate 0.05; weightDecay 0.01; momentum 0.9 }) [ "w" ]
      Model.group "biases" (rmsprop { learningRate 0.05 }) [ "b" ] ]

let tensors = [ Model.tensor "w" [ 2; 2 ] [| 0.5; -0.25; 1.0; 0.75 |]; Model.vector "b" [| 0.1; -0.1 |] ]

let plan =
    Plan.empty
    |> Plan.learningRate "weights" (Schedule.warmupCosineDecay 0.001 0.05 3L 40L 0.001)
    |> Plan.clipByGlobalNorm 1.0

let gradientsAt step =
    [ "w", [| for i in 0..3 -> sin (float (step + i)) |]; "b", [| cos (float step); 0.5 |] ]

[<Fact>]
let ``the F# model pipeline computes bitwise what the C# model computes`` () =
    let fsharp = Seq.fold (fun state step -> state |> Model.stepWith plan (gradientsAt step)) (Model.initGroups groups tensors) (seq { 0..19 })
    let mutable csharp = RmsPropModel.Init<float>(groups, tensors)
    for step in 0..19 do
        csharp <- RmsPropModel.Step<float>(csharp, dict (gradientsAt step) |> Dictionary, plan)
    Assert.Equal(csharp, fsharp)
    Assert.Equal<int64>(bits (csharp.ParametersOf("w").AsSpan().ToArray()), bits (Model.parameters "w" fsharp))

[<Fact>]
let ``tryStep names the missing tensor in a BadGradient`` () =
    match Model.initGroups groups tensors |> Model.tryStep [ "w", [| 1.0; 2.0; 3.0; 4.0 |] ] with
    | Error(RmsPropError.BadGradient message) -> Assert.Contains("tensor 'b'", message)
    | other -> failwith $"expected BadGradient, got {other}"

[<Fact>]
let ``a schedule that reaches zero fails at that step as a BadSchedule naming it`` () =
    let ending = Plan.empty |> Plan.learningRate "default" (Schedule.cosineDecay 0.1 2L 0.0)
    let start = Model.init RmsProp.defaults [ Model.vector "x" [| 1.0 |] ]
    let twice = start |> Model.stepWith ending [ "x", [| 1.0 |] ] |> Model.stepWith ending [ "x", [| 1.0 |] ]
    match twice |> Model.tryStepWith ending [ "x", [| 1.0 |] ] with
    | Error(RmsPropError.BadSchedule message) -> Assert.Contains("At step 2", message)
    | other -> failwith $"expected BadSchedule, got {other}"

[<Fact>]
let ``a model saves and loads back equal, and a corrupt file is a BadCheckpoint naming the field`` () =
    let state = Model.initGroups groups tensors |> Model.stepWith plan (gradientsAt 1)
    let json = Model.save state
    Assert.Equal(Ok state, Model.tryLoad<float> json)
    match Model.tryLoad<float> (json.Replace("\"OutsideRoot\"", "\"Sideways\"")) with
    | Error(RmsPropError.BadCheckpoint message) -> Assert.Contains("groups[0].options.epsilonPlacement", message)
    | other -> failwith $"expected BadCheckpoint, got {other}"

[<Fact>]
let ``schedules are plain functions both ways`` () =
    let decay = Schedule.cosineDecay 1.0 10L 0.0 |> Schedule.toFunction
    Assert.Equal(1.0, decay 0L)
    Assert.Equal(0.5, decay 5L, 12)
    let halving = Schedule.ofFunction "halving" (fun step -> 0.1 / float (1L <<< int (min step 20L)))
    Assert.Equal(0.025, halving |> Schedule.valueAt 2L)
    let joined = Schedule.join [ Schedule.constant 1.0; Schedule.linear 1.0 0.0 10L ] [ 5L ]
    Assert.Equal(0.5, joined |> Schedule.valueAt 10L, 12)

// Least squares: fit y = 3x + 0.5 on 21 points; the minimum loss is 0.
let xs = [| for i in 0..20 -> -1.0 + 0.1 * float i |]
let ys = xs |> Array.map (fun x -> 3.0 * x + 0.5)
let loss (p: float array) = Array.map2 (fun x y -> (p.[0] * x + p.[1] - y) ** 2.0) xs ys |> Array.average
let gradient (p: float array) =
    let residuals = Array.map2 (fun x y -> p.[0] * x + p.[1] - y) xs ys
    let n = float xs.Length
    [| 2.0 / n * Array.fold2 (fun sum r x -> sum + r * x) 0.0 residuals xs; 2.0 / n * Array.sum residuals |]

type LeastSquares(output: ITestOutputHelper) =
    [<Fact>]
    member _.``a least-squares fit with a cosine schedule ends far lower than with a constant rate``() =
        let options = rmsprop { learningRate 0.01; rho 0.9 }
        let constant = RmsProp.init options [| 0.0; 0.0 |] |> RmsProp.minimize gradient 3000 |> RmsProp.parameters |> loss
        let scheduled =
            RmsProp.init options [| 0.0; 0.0 |]
            |> RmsProp.minimizeScheduled (Schedule.cosineDecay 0.05 3000L 0.0) gradient 3000
            |> RmsProp.parameters
            |> loss
        output.WriteLine $"loss after 3000 steps: constant rate {constant:e3}, cosine-decayed rate {scheduled:e3}"
        Assert.True(scheduled < 1e-8, $"scheduled loss {scheduled}")
        Assert.True(constant > 1000.0 * scheduled, $"constant {constant} against scheduled {scheduled}")

[<Fact>]
let ``the cyclical schedules are reachable from F# and equal the C# ones`` () =
    let steps = [ 0L .. 29L ]
    let same (expected: Schedule) (actual: Schedule) =
        Assert.Equal<int64 list>(
            steps |> List.map (fun t -> BitConverter.DoubleToInt64Bits(expected.ValueAt t)),
            steps |> List.map (fun t -> BitConverter.DoubleToInt64Bits(Schedule.valueAt t actual)))
    same (Schedule.PyTorchOneCycleLR(0.1, 30L)) (Schedule.pytorchOneCycleLR 0.1 30L)
    let linearThreePhase = { OneCycle.defaults 0.1 30L with Anneal = AnnealStrategy.Linear; ThreePhase = true; PctStart = 0.25 }
    same (Schedule.PyTorchOneCycleLR(0.1, 30L, 0.25, AnnealStrategy.Linear, threePhase = true)) (Schedule.pytorchOneCycleLRWith linearThreePhase)
    same (Schedule.PyTorchOneCycleMomentum(30L, 0.25, AnnealStrategy.Linear, threePhase = true)) (Schedule.pytorchOneCycleMomentum linearThreePhase)
    same (Schedule.PyTorchCosineAnnealingWarmRestarts(0.1, 5L, 2L, 0.001)) (Schedule.pytorchCosineAnnealingWarmRestarts 0.1 5L 2L 0.001)
    same (Schedule.LinearOneCycle(30L, 0.1)) (Schedule.linearOneCycle 30L 0.1)
    let cycles = [ WarmupCosineCycle(0.0, 0.1, 2L, 10L, EndValue = 0.01); WarmupCosineCycle(0.0, 0.05, 0L, 20L) ]
    same (Schedule.Sgdr cycles) (Schedule.sgdr cycles)
    // A peak at step int(0.3 * 30) = 9 and back down: the F# function is the schedule, not a constant.
    Assert.True(Schedule.valueAt 9L (Schedule.linearOneCycle 30L 0.1) > Schedule.valueAt 0L (Schedule.linearOneCycle 30L 0.1))

[<Fact>]
let ``a bad one-cycle argument from F# is refused naming it`` () =
    let error = Assert.Throws<ArgumentOutOfRangeException>(fun () -> Schedule.pytorchOneCycleLRWith { OneCycle.defaults 0.1 10L with PctStart = 1.5 } |> ignore)
    Assert.Equal("pctStart", error.ParamName)
