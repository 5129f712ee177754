open RmsProp.FSharp

// A few steps on f(x, y) = x^2 + y^2 through the package, as the README shows them.
let options = RmsProp.defaults |> RmsProp.withLearningRate 0.1 |> RmsProp.withRho 0.9 |> RmsProp.withEpsilon 1e-6
let bowl (p: float[]) = [| 2.0 * p.[0]; 2.0 * p.[1] |]

let states = RmsProp.init options [| 5.0; 4.0 |] |> RmsProp.trajectory bowl |> Seq.take 101 |> Seq.toArray
for step in [ 1; 10; 100 ] do
    let p = RmsProp.parameters states.[step]
    printfn "step %d: x = %g, y = %g" step p.[0] p.[1]

let final = RmsProp.parameters states.[100]
let distance = sqrt (final.[0] * final.[0] + final.[1] * final.[1])
let refused =
    match RmsProp.init options [| 1.0 |] |> RmsProp.tryStep [| nan |] with
    | Ok _ -> false
    | Error reason -> printfn "a NaN gradient is refused: %s" reason.Message; true

if distance < 0.5 && refused then exit 0
else
    eprintfn "expected to end near (0, 0) (ended %g away) and a NaN gradient refused (%b)" distance refused
    exit 1
