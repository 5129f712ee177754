using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static RmsProp.Analyzers.Shape.Expressions;

namespace RmsProp.Analyzers.Shape;

/// <summary>
/// Def-use within one body: which definition of a local reaches a read, which reads a definition reaches, and whether
/// a local gets an epsilon or floor in a statement of its own. Each body's references are indexed once, on first use.
/// </summary>
internal sealed class LocalFlow
{
    private readonly TypeFacts _facts;
    private readonly Dictionary<IOperation, Dictionary<ILocalSymbol, List<ILocalReferenceOperation>>> _localReferences = new();

    public LocalFlow(TypeFacts facts)
    {
        _facts = facts;
    }

    /// <summary>
    /// The reads of a local that one of its definitions reaches, by position: after the definition, up to the end of
    /// the next plain assignment of the local (whose right-hand side still reads the old value). Long numeric code
    /// reuses a local such as <c>s</c> for unrelated values; each of its lives is followed on its own. A value carried
    /// round a loop to a read above its definition is not followed.
    /// </summary>
    public IEnumerable<ILocalReferenceOperation> ReadsReachedBy(ILocalSymbol local, IOperation definition)
    {
        List<ILocalReferenceOperation> references = ReferencesTo(local, TypeFacts.BodyOf(definition));
        int start = definition.Syntax.Span.End;
        int end = int.MaxValue;
        foreach (ILocalReferenceOperation reference in references)
        {
            if (reference.Parent is ISimpleAssignmentOperation redefinition && redefinition.Target == reference
                && redefinition.Syntax.SpanStart >= start && redefinition.Syntax.Span.End < end)
            {
                end = redefinition.Syntax.Span.End;
            }
        }

        return references.Where(reference => !IsWrite(reference) && reference.Syntax.SpanStart >= start && reference.Syntax.SpanStart < end);
    }

    /// <summary>
    /// The value of the definition of a local that reaches <paramref name="use"/>: when several reach it (branches, a
    /// value carried round a loop), the last one above the use in the text, else the first below it. Bodies without
    /// a control-flow graph use the last definition above the use.
    /// </summary>
    public IOperation? ReachingValue(ILocalSymbol local, IOperation use)
    {
        if (_facts.ControlFlow.ReachingValues(local, use) is not { } reaching)
        {
            return TextualValues(local, use).LastOrDefault();
        }

        List<IOperation> known = reaching.OfType<IOperation>().OrderBy(value => value.Syntax.SpanStart).ToList();
        return known.LastOrDefault(value => value.Syntax.Span.End <= use.Syntax.SpanStart) ?? known.FirstOrDefault();
    }

    /// <summary>
    /// Every value a local can hold at <paramref name="use"/>: the values of all the definitions that reach it along
    /// some path, including one carried round a loop's back edge. Null when one of them is not an expression (an
    /// <c>out</c> argument, a <c>foreach</c> variable, a compound assignment); by text order (one value) where the body
    /// has no graph.
    /// </summary>
    public IReadOnlyList<IOperation>? ReachingValues(ILocalSymbol local, IOperation use)
    {
        if (_facts.ControlFlow.ReachingValues(local, use) is not { } reaching)
        {
            return TextualValues(local, use).LastOrDefault() is { } last ? [last] : [];
        }

        return reaching.Any(value => value is null) ? null : reaching.OfType<IOperation>().ToList();
    }

    /// <summary>
    /// The deconstruction that defines <paramref name="local"/> where <paramref name="use"/> reads it, when it is the one
    /// definition reaching the read (<c>var (s2, m2) = Moments(s, m, g);</c>); by text order where the body has no graph.
    /// </summary>
    public IDeconstructionAssignmentOperation? ReachingDeconstruction(ILocalSymbol local, IOperation use)
    {
        if (_facts.ControlFlow.ReachingDefinitions(local, use) is { } reaching)
        {
            return reaching.Count == 1 ? reaching[0] as IDeconstructionAssignmentOperation : null;
        }

        return _facts.OperationsOf(TypeFacts.BodyOf(use)).OfType<IDeconstructionAssignmentOperation>()
            .Where(d => d.Syntax.Span.End <= use.Syntax.SpanStart && d.Target.DescendantsAndSelf().OfType<ILocalReferenceOperation>().Any(r => SymbolEqualityComparer.Default.Equals(r.Local, local)))
            .LastOrDefault();
    }

    private IEnumerable<IOperation> TextualValues(ILocalSymbol local, IOperation use) =>
        DefinitionsOf(local, _facts.LocalDefinitionsFor(use))
            .Where(value => value.Syntax.Span.End <= use.Syntax.SpanStart)
            .OrderBy(value => value.Syntax.SpanStart);

    /// <summary>
    /// <c>denominator += eps;</c>, <c>denominator = denominator + eps;</c> or <c>denominator = Math.Max(denominator, eps);</c>
    /// in the same body: the local that holds the root gets its epsilon in a statement of its own.
    /// </summary>
    public bool GuardedAfterwards(ILocalSymbol local, IOperation body) =>
        ReferencesTo(local, body).Any(reference => reference.Parent switch
        {
            ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add } compound when compound.Target == reference =>
                !IsSquaredTerm(compound.Value),
            ISimpleAssignmentOperation assignment when assignment.Target == reference =>
                IsFloor(assignment.Value)
                || Unwrap(assignment.Value) is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } sum
                    && (IsLocal(sum.LeftOperand, local) && !IsSquaredTerm(sum.RightOperand) || IsLocal(sum.RightOperand, local) && !IsSquaredTerm(sum.LeftOperand)),
            _ => IsLowerBoundExit(reference),
        });

    /// <summary>
    /// <c>if (norm &lt; 1e-10) return;</c> (or <c>continue</c>, <c>break</c>, <c>throw</c>): the code leaves before anything
    /// divides by the local when it is below a small positive constant, a floor by control flow. A test for exactly 0
    /// (<c>norm == 0</c>) is not one: a root of 1e-300 passes it and the quotient overflows.
    /// </summary>
    private static bool IsLowerBoundExit(ILocalReferenceOperation reference)
    {
        IOperation compared = reference;
        while (compared.Parent is IConversionOperation or IParenthesizedOperation)
        {
            compared = compared.Parent;
        }

        if (compared.Parent is not IBinaryOperation comparison)
        {
            return false;
        }

        IOperation? bound = comparison.OperatorKind switch
        {
            BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual when comparison.LeftOperand == compared => comparison.RightOperand,
            BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual when comparison.RightOperand == compared => comparison.LeftOperand,
            _ => null,
        };
        if (bound is null || !(ConstantNumber(bound) is > 0 || Weights.Symbol(bound) is { } named && IsEpsilonName(named.Name)))
        {
            return false;
        }

        return comparison.Parent is IConditionalOperation { WhenFalse: null } guard && guard.Condition == comparison && Exits(guard.WhenTrue);
    }

    private static bool Exits(IOperation branch) => branch switch
    {
        IReturnOperation or IBranchOperation { BranchKind: BranchKind.Continue or BranchKind.Break } => true,
        IExpressionStatementOperation { Operation: IThrowOperation } or IThrowOperation => true,
        IBlockOperation { Operations.Length: > 0 } block => Exits(block.Operations[block.Operations.Length - 1]),
        _ => false,
    };

    /// <summary>The names an epsilon goes by.</summary>
    public static bool IsEpsilonName(string name) => name.TrimStart('_').ToLowerInvariant() is "eps" or "epsilon" or "tolerance" or "tiny" or "minnorm";

    /// <summary>
    /// Every reference to <paramref name="local"/> in <paramref name="body"/>, in tree order; each body is indexed once,
    /// on first use, so following many locals through one long method stays linear in its size.
    /// </summary>
    public List<ILocalReferenceOperation> ReferencesTo(ILocalSymbol local, IOperation body)
    {
        _facts.Cancellation.ThrowIfCancellationRequested();
        if (!_localReferences.TryGetValue(body, out Dictionary<ILocalSymbol, List<ILocalReferenceOperation>>? byLocal))
        {
            byLocal = new Dictionary<ILocalSymbol, List<ILocalReferenceOperation>>(SymbolEqualityComparer.Default);
            IEnumerable<IOperation> operations = _facts.OperationsOf(body);
            foreach (ILocalReferenceOperation reference in operations.OfType<ILocalReferenceOperation>())
            {
                if (!byLocal.TryGetValue(reference.Local, out List<ILocalReferenceOperation>? references))
                {
                    byLocal[reference.Local] = references = new List<ILocalReferenceOperation>();
                }

                references.Add(reference);
            }

            _localReferences[body] = byLocal;
        }

        return byLocal.TryGetValue(local, out List<ILocalReferenceOperation>? found) ? found : [];
    }

    public static bool IsLocal(IOperation operation, ILocalSymbol local) =>
        Unwrap(operation) is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);

    public static bool IsWrite(IOperation reference) =>
        reference.Parent is IAssignmentOperation assignment && assignment.Target == reference;
}
