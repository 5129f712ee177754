namespace RmsProp.FSharp

open System

/// <summary>Why a call was refused: the F# face's errors, as cases to match on rather than a string.</summary>
[<RequireQualifiedAccess>]
type RmsPropError =
    /// <summary>A gradient is missing, extra, misshaped or not finite; the message names the tensor or the index.</summary>
    | BadGradient of message: string
    /// <summary>A schedule gives a value its option cannot take (the message names the step), or a plan names a group the model lacks.</summary>
    | BadSchedule of message: string
    /// <summary>A checkpoint cannot be loaded; the message names the field.</summary>
    | BadCheckpoint of message: string
    /// <summary>Another argument is out of range; <c>parameter</c> names it.</summary>
    | BadArgument of parameter: string * message: string

    /// <summary>The explanation, naming what was wrong.</summary>
    member this.Message =
        match this with
        | BadGradient message
        | BadSchedule message
        | BadCheckpoint message
        | BadArgument(_, message) -> message

    override this.ToString() = this.Message

/// <summary>Turns the core library's argument exceptions into <see cref="RmsPropError"/> values.</summary>
[<RequireQualifiedAccess>]
[<CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module RmsPropError =

    /// <summary>The case for an <c>ArgumentException</c> thrown by RmsProp.Functional, chosen by the parameter it names.</summary>
    [<CompiledName("OfException")>]
    let ofException (error: ArgumentException) =
        match error.ParamName with
        | null -> RmsPropError.BadArgument("", error.Message)
        | "gradient"
        | "gradients" -> RmsPropError.BadGradient error.Message
        | "step"
        | "plan"
        | "schedule"
        | "LearningRate" -> RmsPropError.BadSchedule error.Message
        | "json" -> RmsPropError.BadCheckpoint error.Message
        | name -> RmsPropError.BadArgument(name, error.Message)

    /// <summary>Runs <paramref name="action"/>, turning an argument exception into <c>Error</c>.</summary>
    [<CompiledName("Attempt")>]
    let attempt (action: unit -> 'Result) : Result<'Result, RmsPropError> =
        try
            Ok(action ())
        with :? ArgumentException as error ->
            Error(ofException error)
