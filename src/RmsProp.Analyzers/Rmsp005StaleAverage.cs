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
/// RMSP005: the denominator reads the average before this step's update of it: on every path through one pass of the
/// body no update runs before the read and one runs after it (by the body's control-flow graph, so a value carried
/// round a loop's back edge counts as last step's), or inside the same tuple assignment or <c>with</c> expression
/// (which read every old value before assigning any).
/// </summary>
public static class Rmsp005StaleAverage
{
    /// <summary>RMSP005's descriptor.</summary>
    public static readonly DiagnosticDescriptor Descriptor = Rules.Create(
        "RMSP005",
        "The update uses the average from before this step",
        "The denominator reads '{0}' before it is updated with this step's gradient; update the average first, then divide by its root",
        "RMSProp first folds the current gradient into the average and then divides by its root. Dividing by the previous average makes the first step divide by 0 (or by epsilon alone) and lags every later step.");

    /// <summary>Reports RMSP005 in one type's model.</summary>
    internal static void Analyze(TypeModel model, SymbolAnalysisContext context)
    {
        var reported = new HashSet<IOperation>();
        foreach (Denominator denominator in model.Denominators)
        {
            model.Cancellation.ThrowIfCancellationRequested();
            IOperation read = denominator.AccumulatorRead;
            IOperation body = TypeModel.BodyOf(read);

            // Where each update of this average happens in the reading body: the assignment itself, or the call of a
            // same-type helper that performs it (`Accumulate(g);` after the weights have moved).
            var updates = new List<(Average Average, IOperation Point)>();
            foreach (Average average in model.Averages)
            {
                model.Cancellation.ThrowIfCancellationRequested();
                if (!SymbolEqualityComparer.Default.Equals(average.Storage, denominator.Accumulator) || DistinctSlots(average.Target, read))
                {
                    continue;
                }

                if (SharesSimultaneousAssignment(average, read, denominator.Accumulator))
                {
                    updates.Insert(0, (average, average.Assignment));
                }
                else if (TypeModel.BodyOf(average.Assignment) == body)
                {
                    updates.Add((average, average.Assignment));
                }
                else if (model.MethodOf(average.Assignment) is { } helper)
                {
                    updates.AddRange(model.CallsTo(helper).Where(call => TypeModel.BodyOf(call) == body).Select(call => (average, (IOperation)call)));
                }
            }

            updates.RemoveAll(update => !SharesSimultaneousAssignment(update.Average, read, denominator.Accumulator)
                && (AreExclusive(update.Point, read) || IsWithin(read, update.Point)));
            if (updates.Count == 0)
            {
                continue;
            }

            (Average Average, IOperation Point)? stale = updates.Where(u => SharesSimultaneousAssignment(u.Average, read, denominator.Accumulator)).Cast<(Average, IOperation)?>().FirstOrDefault();
            if (stale is null)
            {
                // By control flow within one pass of the body: an update that can run before the read (on some path,
                // without going round a loop) makes the read current; otherwise one that runs after it in the same
                // pass (the update at the bottom of a loop, read at the top of the next iteration) makes it stale. A
                // path that leaves the pass early (`continue`) before any update reads no stale value: nothing is
                // updated on it. Bodies without a graph fall back to text position.
                ControlFlowFacts flow = model.TypeFacts.ControlFlow;
                int position = read.Syntax.SpanStart;
                bool updatedBefore = updates.Any(u => flow.RunsBeforeInOnePass(u.Point, read) ?? u.Point.Syntax.SpanStart < position);
                stale = updatedBefore ? null : updates.Where(u => flow.RunsBeforeInOnePass(read, u.Point) ?? u.Point.Syntax.SpanStart > position).Cast<(Average, IOperation)?>().FirstOrDefault();
            }

            if (stale is not { } found || !reported.Add(read))
            {
                continue;
            }

            IOperation statement = StatementOf(found.Point);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptor,
                read.Syntax.GetLocation(),
                new[] { statement.Syntax.GetLocation() },
                read.Syntax.ToString()));
        }
    }

    /// <summary>
    /// <c>(w, s) = (w - lr*g/Math.Sqrt(s), ...)</c> and <c>st with { W = ... st.S ..., S = ... }</c> read the old
    /// values of everything they assign, whatever the order of the parts.
    /// </summary>
    private static bool SharesSimultaneousAssignment(Average average, IOperation read, ISymbol storage)
    {
        if (average.Assignment is IDeconstructionAssignmentOperation deconstruction)
        {
            return IsWithin(read, deconstruction.Value);
        }

        IWithOperation? with = Ancestor<IWithOperation>(average.Assignment);
        return with is not null && IsWithin(read, with.Initializer) && !IsWithin(read, average.Assignment)
            && SymbolEqualityComparer.Default.Equals(Root(read), storage);
    }

    private static IOperation StatementOf(IOperation operation)
    {
        IOperation current = operation;
        while (current.Parent is { } parent && parent is not IBlockOperation)
        {
            current = parent;
        }

        return current;
    }
}
