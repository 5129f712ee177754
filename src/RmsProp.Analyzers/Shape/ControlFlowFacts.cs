using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RmsProp.Analyzers.Shape;

/// <summary>
/// Order and reaching definitions by control flow rather than by text position, over Roslyn's
/// <see cref="ControlFlowGraph"/> of each body (and of its lambdas and local functions): which definitions of a local
/// reach a read, including one carried round a loop's back edge, and whether one point runs before another within one
/// pass (one iteration of every enclosing loop). Each body's graph and its facts are built once, on first question,
/// and only for bodies that take a square root: the other bodies of a type are answered by text order.
/// </summary>
/// <remarks>
/// Questions name operations of the original tree; the graph's operations are rewritten ones, so both sides are
/// matched by their syntax node (a local read, an assignment, a root call each have their own). A question about a
/// point the graph does not show (a body that is not a method or constructor, code inside a lambda asked about a
/// local of its enclosing method) gets null, and the caller falls back to text order.
/// </remarks>
internal sealed class ControlFlowFacts
{
    private readonly TypeFacts _facts;
    private readonly Dictionary<IOperation, BodyFlow?> _bodies = new();

    public ControlFlowFacts(TypeFacts facts)
    {
        _facts = facts;
    }

    /// <summary>
    /// The values of the definitions of <paramref name="local"/> that reach <paramref name="read"/> along some path
    /// (a null entry for a definition whose value is not an expression: <c>out</c>, <c>foreach</c>, <c>+=</c>); null
    /// when the graph cannot say.
    /// </summary>
    public IReadOnlyList<IOperation?>? ReachingValues(ILocalSymbol local, IOperation read) =>
        For(read)?.Reaching(local, read)?.Select(definition => definition.Value).ToList();

    /// <summary>
    /// The definitions themselves (declarator, assignment, deconstruction as written; null for one the original tree
    /// does not show) of <paramref name="local"/> that reach <paramref name="read"/>; null when the graph cannot say.
    /// </summary>
    public IReadOnlyList<IOperation?>? ReachingDefinitions(ILocalSymbol local, IOperation read) =>
        For(read)?.Reaching(local, read)?.Select(definition => definition.Origin).ToList();

    /// <summary>
    /// Whether <paramref name="from"/> can run before <paramref name="to"/> within one pass of the body: some path leads
    /// from the one to the other without taking a loop's back edge. Null when the graph cannot say (then compare text
    /// positions).
    /// </summary>
    public bool? RunsBeforeInOnePass(IOperation from, IOperation to)
    {
        BodyFlow? flow = For(to);
        return flow is null || TypeFacts.BodyOf(from) != TypeFacts.BodyOf(to) ? null : flow.RunsBeforeInOnePass(from, to);
    }

    private BodyFlow? For(IOperation operation)
    {
        IOperation body = TypeFacts.BodyOf(operation);
        if (!_bodies.TryGetValue(body, out BodyFlow? flow))
        {
            // The graph costs more than a walk of the body; a body without a root holds no adaptive step whose order
            // matters, and its locals are followed well enough by text order.
            flow = _facts.OperationsOf(body).Any(op => _facts.Known.IsSquareRoot(op, out _))
                ? BodyFlow.TryBuild(body, _facts, _facts.Cancellation)
                : null;
            _bodies[body] = flow;
        }

        return flow;
    }

    /// <summary>One body's graphs (the body's own, its lambdas' and local functions'), with their reaching definitions.</summary>
    private sealed class BodyFlow
    {
        private readonly Dictionary<SyntaxNode, Point> _points = new();

        private BodyFlow()
        {
        }

        public static BodyFlow? TryBuild(IOperation body, TypeFacts facts, CancellationToken cancellation)
        {
            ControlFlowGraph graph;
            try
            {
                graph = body switch
                {
                    IMethodBodyOperation method => ControlFlowGraph.Create(method, cancellation),
                    IConstructorBodyOperation constructor => ControlFlowGraph.Create(constructor, cancellation),
                    _ => null!,
                };
            }
            catch (ArgumentException)
            {
                // A tree the graph builder refuses (no semantic model, a half-typed body): order by text instead.
                return null;
            }

            if (graph is null)
            {
                return null;
            }

            var flow = new BodyFlow();
            var originals = OriginalDefinitions(body, facts);
            var pending = new Queue<ControlFlowGraph>();
            pending.Enqueue(graph);
            while (pending.Count > 0)
            {
                cancellation.ThrowIfCancellationRequested();
                ControlFlowGraph next = pending.Dequeue();
                var facts2 = new GraphFacts(next, originals, flow._points, cancellation);
                foreach (IFlowAnonymousFunctionOperation lambda in facts2.Lambdas)
                {
                    pending.Enqueue(next.GetAnonymousFunctionControlFlowGraph(lambda, cancellation));
                }

                foreach (IMethodSymbol localFunction in next.LocalFunctions)
                {
                    pending.Enqueue(next.GetLocalFunctionControlFlowGraph(localFunction, cancellation));
                }
            }

            return flow;
        }

        /// <summary>The original tree's definitions, by syntax: what a graph definition's value is in the code as written.</summary>
        private static Dictionary<SyntaxNode, IOperation> OriginalDefinitions(IOperation body, TypeFacts facts)
        {
            var originals = new Dictionary<SyntaxNode, IOperation>();
            foreach (IOperation operation in facts.OperationsOf(body))
            {
                if (operation is IVariableDeclaratorOperation or ISimpleAssignmentOperation or IDeconstructionAssignmentOperation && !originals.ContainsKey(operation.Syntax))
                {
                    originals[operation.Syntax] = operation;
                }
            }

            return originals;
        }

        public List<Definition>? Reaching(ILocalSymbol local, IOperation read)
        {
            if (!_points.TryGetValue(read.Syntax, out Point? point))
            {
                return null;
            }

            List<Definition> reaching = point.Graph.ReachingDefinitions(local, point);

            // No definition in this graph: a local of an enclosing method read inside a lambda, which text order answers.
            return reaching.Count == 0 ? null : reaching;
        }

        public bool? RunsBeforeInOnePass(IOperation from, IOperation to) =>
            _points.TryGetValue(from.Syntax, out Point? start) && _points.TryGetValue(to.Syntax, out Point? end) && start.Graph == end.Graph
                ? start.Graph.ReachesForward(start, end)
                : null;
    }

    /// <summary>Where an operation completes: its graph, its block, and its place in the block's order of evaluation.</summary>
    private sealed class Point
    {
        public Point(GraphFacts graph, int block, int sequence)
        {
            Graph = graph;
            Block = block;
            Sequence = sequence;
        }

        public GraphFacts Graph { get; }

        public int Block { get; }

        public int Sequence { get; }
    }

    /// <summary>One definition of a local: the local, where it completes, and its value in the original tree (if it has one).</summary>
    private sealed class Definition
    {
        public Definition(ILocalSymbol local, int block, int sequence, IOperation? origin, IOperation? value)
        {
            Local = local;
            Block = block;
            Sequence = sequence;
            Origin = origin;
            Value = value;
        }

        /// <summary>The definition in the original tree (declarator, assignment, deconstruction), when it has one.</summary>
        public IOperation? Origin { get; }

        public ILocalSymbol Local { get; }

        public int Block { get; }

        public int Sequence { get; }

        public IOperation? Value { get; }
    }

    /// <summary>
    /// One graph's facts: every operation's place in evaluation order, every local definition, and the definitions
    /// reaching each block's entry (the classic iterative data-flow, bit sets over the definitions).
    /// </summary>
    private sealed class GraphFacts
    {
        private readonly ControlFlowGraph _graph;
        private readonly Dictionary<SyntaxNode, IOperation> _originals;
        private readonly Dictionary<SyntaxNode, Point> _points;
        private readonly CancellationToken _cancellation;
        private readonly List<Definition> _definitions = new();
        private readonly Dictionary<ILocalSymbol, List<int>> _definitionsOf = new(SymbolEqualityComparer.Default);
        private readonly ulong[][] _reachingIn;
        private int _block;
        private int _sequence;

        public GraphFacts(ControlFlowGraph graph, Dictionary<SyntaxNode, IOperation> originals, Dictionary<SyntaxNode, Point> points, CancellationToken cancellation)
        {
            _graph = graph;
            _originals = originals;
            _points = points;
            _cancellation = cancellation;
            foreach (BasicBlock block in graph.Blocks)
            {
                _cancellation.ThrowIfCancellationRequested();
                _block = block.Ordinal;
                _sequence = 0;
                foreach (IOperation operation in block.Operations)
                {
                    Visit(operation);
                }

                if (block.BranchValue is { } branch)
                {
                    Visit(branch);
                }
            }

            _reachingIn = SolveReaching();
        }

        /// <summary>The lambdas met in this graph, whose bodies have graphs of their own.</summary>
        public List<IFlowAnonymousFunctionOperation> Lambdas { get; } = new();

        /// <summary>The definitions of <paramref name="local"/> that reach <paramref name="point"/>.</summary>
        public List<Definition> ReachingDefinitions(ILocalSymbol local, Point point)
        {
            var reaching = new List<Definition>();
            if (!_definitionsOf.TryGetValue(local, out List<int>? indices))
            {
                return reaching;
            }

            // A definition earlier in the read's own block hides every other; else whatever reaches the block's entry.
            Definition? inBlock = null;
            foreach (int index in indices)
            {
                Definition definition = _definitions[index];
                if (definition.Block == point.Block && definition.Sequence < point.Sequence && (inBlock is null || definition.Sequence > inBlock.Sequence))
                {
                    inBlock = definition;
                }
            }

            if (inBlock is not null)
            {
                reaching.Add(inBlock);
                return reaching;
            }

            ulong[] entry = _reachingIn[point.Block];
            foreach (int index in indices)
            {
                if ((entry[index >> 6] & (1UL << (index & 63))) != 0)
                {
                    reaching.Add(_definitions[index]);
                }
            }

            return reaching;
        }

        /// <summary>
        /// Whether a path leads from <paramref name="start"/> to <paramref name="end"/> within one pass of every loop
        /// that holds both: it may go round (and leave) a loop that holds only one of them, not one that holds both.
        /// </summary>
        public bool ReachesForward(Point start, Point end)
        {
            if (start.Block == end.Block)
            {
                return start.Sequence < end.Sequence;
            }

            var seen = new bool[_graph.Blocks.Length];
            var work = new Stack<int>();
            work.Push(start.Block);
            while (work.Count > 0)
            {
                _cancellation.ThrowIfCancellationRequested();
                int current = work.Pop();
                foreach (int next in Successors(_graph.Blocks[current]))
                {
                    // Blocks are laid out in source order, so an edge to an earlier (or the same) block closes a loop
                    // whose blocks are the ones between; going round it is another pass when it holds both points.
                    bool closesLoopOverBoth = next <= current && next <= start.Block && start.Block <= current && next <= end.Block && end.Block <= current;
                    if (closesLoopOverBoth || seen[next])
                    {
                        continue;
                    }

                    if (next == end.Block)
                    {
                        return true;
                    }

                    seen[next] = true;
                    work.Push(next);
                }
            }

            return false;
        }

        private static IEnumerable<int> Successors(BasicBlock block)
        {
            if (block.FallThroughSuccessor?.Destination is { } fallThrough)
            {
                yield return fallThrough.Ordinal;
            }

            if (block.ConditionalSuccessor?.Destination is { } conditional)
            {
                yield return conditional.Ordinal;
            }
        }

        private ulong[][] SolveReaching()
        {
            int blocks = _graph.Blocks.Length;
            int words = (_definitions.Count + 63) / 64;
            var reachingIn = new ulong[blocks][];
            var reachingOut = new ulong[blocks][];

            // Per block: the last definition of each local it defines (generated), and every definition of those locals (killed).
            var generated = new ulong[blocks][];
            var killed = new ulong[blocks][];
            for (int b = 0; b < blocks; b++)
            {
                reachingIn[b] = new ulong[words];
                reachingOut[b] = new ulong[words];
                generated[b] = new ulong[words];
                killed[b] = new ulong[words];
            }

            var lastInBlock = new Dictionary<(int Block, ILocalSymbol Local), int>();
            for (int index = 0; index < _definitions.Count; index++)
            {
                Definition definition = _definitions[index];
                var key = (definition.Block, definition.Local);
                if (!lastInBlock.TryGetValue(key, out int last) || _definitions[last].Sequence < definition.Sequence)
                {
                    lastInBlock[key] = index;
                }
            }

            foreach (KeyValuePair<(int Block, ILocalSymbol Local), int> last in lastInBlock)
            {
                Set(generated[last.Key.Block], last.Value);
                foreach (int other in _definitionsOf[last.Key.Local])
                {
                    Set(killed[last.Key.Block], other);
                }
            }

            var predecessors = new List<int>[blocks];
            for (int b = 0; b < blocks; b++)
            {
                predecessors[b] = new List<int>();
            }

            for (int b = 0; b < blocks; b++)
            {
                foreach (int next in Successors(_graph.Blocks[b]))
                {
                    predecessors[next].Add(b);
                }
            }

            // Blocks in source order approximate reverse post-order, so few passes settle the sets.
            bool changed = words > 0;
            while (changed)
            {
                _cancellation.ThrowIfCancellationRequested();
                changed = false;
                for (int b = 0; b < blocks; b++)
                {
                    ulong[] entry = reachingIn[b];
                    foreach (int predecessor in predecessors[b])
                    {
                        ulong[] from = reachingOut[predecessor];
                        for (int w = 0; w < words; w++)
                        {
                            entry[w] |= from[w];
                        }
                    }

                    ulong[] exit = reachingOut[b];
                    for (int w = 0; w < words; w++)
                    {
                        ulong value = generated[b][w] | (entry[w] & ~killed[b][w]);
                        if (value != exit[w])
                        {
                            exit[w] = value;
                            changed = true;
                        }
                    }
                }
            }

            return reachingIn;
        }

        private static void Set(ulong[] bits, int index) => bits[index >> 6] |= 1UL << (index & 63);

        /// <summary>Visits an operation's parts in the order they are evaluated, then the operation itself.</summary>
        private void Visit(IOperation operation)
        {
            switch (operation)
            {
                case IFlowAnonymousFunctionOperation lambda:
                    Lambdas.Add(lambda);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                    Visit(assignment.Value);
                    Define(target.Local, assignment, ValueOf(assignment, target.Local));
                    break;
                case ICompoundAssignmentOperation { Target: ILocalReferenceOperation target } compound:
                    Visit(target);
                    Visit(compound.Value);
                    Define(target.Local, definition: null, value: null);
                    break;
                case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation target } increment:
                    Visit(target);
                    Define(target.Local, definition: null, value: null);
                    break;
                case IDeconstructionAssignmentOperation deconstruction:
                    Visit(deconstruction.Value);
                    foreach (IOperation part in deconstruction.Target.DescendantsAndSelf())
                    {
                        if (part is ILocalReferenceOperation local)
                        {
                            Define(local.Local, deconstruction, ValueOf(deconstruction, local.Local));
                        }
                        else if (part.Parent is not (ITupleOperation or IDeclarationExpressionOperation) && part is not (ITupleOperation or IDeclarationExpressionOperation))
                        {
                            Complete(part);
                        }
                    }

                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref, Value: ILocalReferenceOperation passed } argument:
                    Visit(passed);
                    Define(passed.Local, definition: null, value: null);
                    break;
                case IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol declared } pattern:
                    Define(declared, definition: null, value: null);
                    break;
                default:
                    foreach (IOperation child in operation.ChildOperations)
                    {
                        Visit(child);
                    }

                    break;
            }

            Complete(operation);
        }

        private void Define(ILocalSymbol local, IOperation? definition, IOperation? value)
        {
            IOperation? origin = definition is not null && _originals.TryGetValue(definition.Syntax, out IOperation? original) ? original : null;
            if (!_definitionsOf.TryGetValue(local, out List<int>? indices))
            {
                _definitionsOf[local] = indices = new List<int>();
            }

            indices.Add(_definitions.Count);
            _definitions.Add(new Definition(local, _block, _sequence++, origin, value));
        }

        private void Complete(IOperation operation)
        {
            if (!_points.ContainsKey(operation.Syntax))
            {
                _points[operation.Syntax] = new Point(this, _block, _sequence);
            }

            _sequence++;
        }

        /// <summary>The value a definition stores into <paramref name="local"/>, as written in the original tree.</summary>
        private IOperation? ValueOf(IOperation definition, ILocalSymbol local) =>
            _originals.TryGetValue(definition.Syntax, out IOperation? original)
                ? original switch
                {
                    IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local) => initial,
                    ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local) => assignment.Value,
                    IDeconstructionAssignmentOperation deconstruction => TypeFacts.DeconstructedValue(deconstruction, local),
                    _ => null,
                }
                : null;
    }
}
