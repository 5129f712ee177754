using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RmsProp.Analyzers.Shape;
using static RmsProp.Analyzers.Shape.Expressions;

namespace RmsProp.Analyzers;

/// <summary>
/// RMSP004: an optimizer's accumulator is created or cleared in the body that updates it, with no step loop
/// between the reset and the update, so every step starts from zero; or, at a caller in the same compilation, the
/// optimizer is reset or created again inside the loop that steps it, so every batch starts from zero.
/// </summary>
public static class Rmsp004AccumulatorReset
{
    /// <summary>RMSP004's descriptor.</summary>
    public static readonly DiagnosticDescriptor Descriptor = Rules.Create(
        "RMSP004",
        "The optimizer state is reset on every step",
        "'{0}' is created or cleared on every step in '{1}', so the running average never remembers a previous step; create it once (in a field or before the training loop)",
        "RMSProp's average must survive from one step to the next. Creating or zeroing it inside the per-step method turns the optimizer into sign-like gradient descent with a step of about lr/sqrt(1 - rho).");

    /// <summary>
    /// The name of the diagnostic property that says how a caller resets the optimizer: <c>Reset</c> (a call of a
    /// method that clears the accumulator), <c>MovableReset</c> (such a call as a whole statement with no argument,
    /// <c>opt.Reset();</c>), or <c>Creation</c> (a new optimizer, directly or from a factory).
    /// </summary>
    public const string CallerProperty = "Caller";

    /// <summary>
    /// RMSP004 at a caller: the same rule, reported when the compilation ends (the join of the caller's loop with the
    /// callee's facts, <see cref="CallerFacts"/>), hence its CompilationEnd tag.
    /// </summary>
    public static readonly DiagnosticDescriptor CallerDescriptor = Rules.Create(
        "RMSP004",
        "The optimizer state is reset on every step",
        "'{0}' starts the running average of '{1}' over on every pass of the loop that calls '{2}', so no batch remembers the ones before it; create or reset the optimizer once, before the batch loop",
        "RMSProp's average must survive from one batch to the next. An optimizer reset or created again in the loop that steps it turns every batch into a first step: sign-like gradient descent with a step of about lr/sqrt(1 - rho).",
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>Reports the callers' resets found by joining the compilation's caller facts.</summary>
    internal static void AnalyzeCallers(CallerFacts callers, CompilationAnalysisContext context)
    {
        foreach (CallerReset reset in callers.Join(context.CancellationToken))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                CallerDescriptor,
                reset.Location,
                ImmutableDictionary<string, string?>.Empty.Add(CallerProperty, reset.ParameterlessStatement ? "MovableReset" : reset.Kind.ToString()),
                reset.What,
                reset.Receiver,
                reset.Step));
        }
    }

    /// <summary>
    /// Whether <paramref name="body"/> (a method other than the step) clears or re-creates the average's storage: any
    /// reset the step itself is checked for, or zeros written into its elements (<c>for (...) _s[i] = 0;</c>), which
    /// outside the step can only be a clear.
    /// </summary>
    internal static bool ClearsAccumulator(IOperation body, Average average, TypeModel model) =>
        Resets(body, average, model).Any()
        || body.DescendantsAndSelf().Any(operation => operation is ISimpleAssignmentOperation { Target: var element, Value: var value } zeroed
            && IsElementAccess(element) && ConstantNumber(value) is 0
            && SymbolEqualityComparer.Default.Equals(model.RootOf(element), average.Storage) && !IsGuarded(zeroed));

    /// <summary>Reports RMSP004 in one type's model.</summary>
    internal static void Analyze(TypeModel model, SymbolAnalysisContext context)
    {
        var reported = new HashSet<IOperation>();
        foreach (Average average in model.Averages)
        {
            model.Cancellation.ThrowIfCancellationRequested();
            if (!model.FeedsDenominator(average))
            {
                continue;
            }

            IOperation body = TypeModel.BodyOf(average.Assignment);
            foreach (IOperation reset in Resets(body, average, model))
            {
                if (!reported.Add(reset) || !ResetsEveryStep(reset, average, model))
                {
                    continue;
                }

                string method = (context.Symbol as INamedTypeSymbol)?.Name ?? string.Empty;
                ISymbol? owner = model.Blocks.FirstOrDefault(b => TypeModel.BodyOf(b.Block) == body).Owner;
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptor,
                    reset.Syntax.GetLocation(),
                    average.Storage.Name,
                    owner?.Name ?? method));
            }
        }
    }

    /// <summary>
    /// Creations and clearings of the average's storage in the body that updates it; a new row of a jagged array
    /// (<c>s[l] = new double[n]</c>) counts as a creation.
    /// </summary>
    private static IEnumerable<IOperation> Resets(IOperation body, Average average, TypeModel model, int depth = 0)
    {
        foreach (IOperation operation in body.DescendantsAndSelf())
        {
            model.Cancellation.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer.Value: { } value } declarator
                    when declarator != average.Assignment && SymbolEqualityComparer.Default.Equals(model.RootOf(declarator), average.Storage) && IsFresh(value):
                    yield return Unwrap(value);
                    break;
                case ISimpleAssignmentOperation assignment
                    when assignment != average.Assignment && (!IsElementAccess(assignment.Target) || Unwrap(assignment.Value) is IArrayCreationOperation)
                        && SymbolEqualityComparer.Default.Equals(model.RootOf(assignment.Target), average.Storage) && IsFresh(assignment.Value)
                        && (!IsGuarded(assignment) || FreshOnEveryPath(average, model)):
                    yield return Unwrap(assignment.Value);
                    break;
                case IInvocationOperation { TargetMethod.Name: "Clear" or "Fill" } clear
                    when SymbolEqualityComparer.Default.Equals(model.RootOf(clear.Instance ?? (clear.Arguments.Length > 0 ? clear.Arguments[0].Value : clear)), average.Storage)
                        && !IsGuarded(clear):
                    yield return clear;
                    break;
                case IDeconstructionAssignmentOperation deconstruction when deconstruction != average.Assignment
                    && TypeModel.DeconstructedValue(deconstruction, average.Storage) is { } part && IsFresh(part) && !IsGuarded(deconstruction):
                    // (_s, _w) = (0, _w): one element of a tuple assignment starts the average over.
                    yield return Unwrap(part);
                    break;
                case IInvocationOperation call when depth == 0 && model.BodyOfMethod(call.TargetMethod) is { } helper && !IsGuarded(call)
                    && Resets(helper, average, model, depth + 1).Any():
                    // ResetState() called from the step clears the state as surely as the clear written inline.
                    yield return call;
                    break;
            }
        }
    }

    /// <summary>
    /// Whether the average lives in a local of the step whose every value reaching the update is a new array (or a
    /// null to be replaced by one): <c>double[] s = null; if (...) s = new double[n];</c>. Whichever branch creates
    /// it, the step starts from an empty average on every call; a branch that takes the persistent state instead
    /// (<c>s = _cache[layer]</c>) keeps it, and a local that is stored or passed anywhere (<c>_cache[k] = s</c>, an
    /// <c>out</c> argument) may outlive the call, so the creation is then lazy.
    /// </summary>
    private static bool FreshOnEveryPath(Average average, TypeModel model)
    {
        if (average.Storage is not ILocalSymbol local
            || average.Assignment.DescendantsAndSelf().OfType<ILocalReferenceOperation>().FirstOrDefault(r => SymbolEqualityComparer.Default.Equals(r.Local, local)) is not { } read
            || model.TypeFacts.ControlFlow.ReachingValues(local, read) is not { Count: > 0 } values
            || !values.All(value => value is not null && (IsFresh(value) || Unwrap(value) is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } }))
            || !values.Any(value => IsFresh(value!)))
        {
            return false;
        }

        foreach (IOperation operation in model.TypeFacts.OperationsOf(TypeModel.BodyOf(read)))
        {
            model.Cancellation.ThrowIfCancellationRequested();
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                && !(reference.Parent is IArrayElementReferenceOperation element && element.ArrayReference == reference
                    || reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference
                    || reference.Parent is IPropertyReferenceOperation { Property.Name: "Length" or "Count" or "LongLength" }))
            {
                return false;
            }
        }

        return true;
    }

    // A null literal is not state: the storage is assigned its real value afterwards (`double[] s = null; s = cache[i];`).
    private static bool IsFresh(IOperation value) =>
        Unwrap(value) is IArrayCreationOperation or IObjectCreationOperation { Arguments.Length: <= 1 } or ILiteralOperation { ConstantValue.Value: not null }
            or IInvocationOperation { TargetMethod.Name: "Repeat" or "Zeros" or "AllocateUninitializedArray" }
        || Unwrap(value).Kind.ToString() == "CollectionExpression"
        || Unwrap(value) is IInvocationOperation { TargetMethod.Name: "ToArray" or "ToList" } copy
            && (copy.Instance ?? (copy.Arguments.Length > 0 ? copy.Arguments[0].Value : null)) is { } source && IsFresh(source);

    /// <summary>
    /// A reset in a branch of an <c>if</c> or <c>?:</c> is not known to run every step: lazy creation
    /// (<c>if (s == null) s = new ...</c>), a resize, a restart on the first step or on request (<c>if (_t == 0) ResetState();</c>).
    /// </summary>
    private static bool IsGuarded(IOperation reset)
    {
        IOperation child = reset;
        for (IOperation? current = reset.Parent; current is not null; child = current, current = current.Parent)
        {
            if (current is IConditionalOperation conditional && child != conditional.Condition)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True unless a step loop separates the reset from the update: a loop around the update, not around the reset,
    /// that does not walk the coordinates of the storage (an epoch loop, a while loop).
    /// </summary>
    private static bool ResetsEveryStep(IOperation reset, Average average, TypeModel model)
    {
        for (IOperation? current = average.Assignment.Parent; current is not null; current = current.Parent)
        {
            // A lambda or local function that updates state created outside it (an optimizer closure) runs once per
            // step; the creation runs once per optimizer.
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation && !IsWithin(reset, current))
            {
                return false;
            }

            if (current is not ILoopOperation loop)
            {
                continue;
            }

            if (IsWithin(reset, loop))
            {
                return true;
            }

            if (!WalksCoordinates(loop, average, model))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A loop whose variables index the averaged storage in the update: it visits coordinates, not steps.</summary>
    private static bool WalksCoordinates(ILoopOperation loop, Average average, TypeModel model)
    {
        if (loop.Locals.IsEmpty)
        {
            return false;
        }

        IEnumerable<IOperation> indices = average.Assignment.DescendantsAndSelf()
            .SelectMany(op => op switch
            {
                IArrayElementReferenceOperation element when SymbolEqualityComparer.Default.Equals(model.RootOf(element), average.Storage) => element.Indices,
                IPropertyReferenceOperation { Property.IsIndexer: true } indexer when SymbolEqualityComparer.Default.Equals(model.RootOf(indexer), average.Storage) => indexer.Arguments.Select(a => a.Value),
                IInvocationOperation { TargetMethod.Name: "Slice" } slice => slice.Arguments.Select(a => a.Value),
                IObjectCreationOperation creation when IsVectorType(creation.Type?.OriginalDefinition) => creation.Arguments.Skip(1).Select(a => a.Value),
                _ when PointerDereference(op) is (var pointer, { } index) && SymbolEqualityComparer.Default.Equals(model.RootOf(pointer), average.Storage) => new[] { index },
                _ => Enumerable.Empty<IOperation>(),
            });
        return indices.SelectMany(index => index.DescendantsAndSelf()).OfType<ILocalReferenceOperation>()
            .Any(reference => loop.Locals.Contains(reference.Local, SymbolEqualityComparer.Default));
    }
}
