using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static RmsProp.Analyzers.Shape.Expressions;

namespace RmsProp.Analyzers.Shape;

/// <summary>
/// The facts layer of a type: one walk over the operation blocks of its members, indexed so that every question the
/// recognisers ask (which method a body belongs to, who calls it, what is stored into a symbol, which locals a body
/// defines) is a lookup rather than another walk. Built once per type, before any recogniser runs.
/// </summary>
internal sealed class TypeFacts
{
    private readonly Dictionary<IMethodSymbol, IOperation> _methodBodies = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IOperation, IMethodSymbol> _bodyOwners = new();
    private readonly Dictionary<IMethodSymbol, List<IInvocationOperation>> _callSites = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IOperation, List<IOperation>> _localDefinitions = new();
    private readonly Dictionary<IOperation, List<IOperation>> _bodyOperations = new();
    private Dictionary<ISymbol, List<IOperation>>? _assignedValues;
    private Dictionary<ISymbol, List<IOperation>>? _passedValues;

    public TypeFacts(ImmutableArray<(ISymbol Owner, IOperation Block)> blocks, CompilationFacts shared, CancellationToken cancellation)
    {
        Blocks = blocks;
        Shared = shared;
        Known = shared.Known;
        Cancellation = cancellation;

        // One walk of every block: every later question about "all operations of the type" reads these lists instead
        // of walking the trees again, so the work stays linear in the size of the type.
        var operations = new List<IOperation>();
        foreach ((ISymbol owner, IOperation block) in blocks)
        {
            cancellation.ThrowIfCancellationRequested();

            // Keyed by the tree's root: a method's body block hangs under an IMethodBodyOperation.
            IOperation root = BodyOf(block);
            if (owner is IMethodSymbol method && !_methodBodies.ContainsKey(method))
            {
                _methodBodies[method] = block;
                _bodyOwners[root] = method;
            }

            if (!_localDefinitions.TryGetValue(root, out List<IOperation>? definitions))
            {
                _localDefinitions[root] = definitions = new List<IOperation>();
            }

            if (!_bodyOperations.TryGetValue(root, out List<IOperation>? bodyOperations))
            {
                _bodyOperations[root] = bodyOperations = new List<IOperation>();
            }

            foreach (IOperation operation in block.DescendantsAndSelf())
            {
                operations.Add(operation);
                bodyOperations.Add(operation);
                if (operation is IVariableDeclaratorOperation or ISimpleAssignmentOperation { Target: ILocalReferenceOperation })
                {
                    definitions.Add(operation);
                }
            }
        }

        Operations = operations;
        foreach (IOperation operation in operations)
        {
            if (operation is IInvocationOperation call)
            {
                if (_methodBodies.ContainsKey(call.TargetMethod.OriginalDefinition))
                {
                    if (!_callSites.TryGetValue(call.TargetMethod.OriginalDefinition, out List<IInvocationOperation>? calls))
                    {
                        _callSites[call.TargetMethod.OriginalDefinition] = calls = new List<IInvocationOperation>();
                    }

                    calls.Add(call);
                }
            }
        }

        cancellation.ThrowIfCancellationRequested();
        ControlFlow = new ControlFlowFacts(this);
        Flow = new LocalFlow(this);
        Aliases = StateBufferRecognizer.AliasesOf(this);
    }

    /// <summary>Every operation of the type's blocks, in one list (walked once, when the facts are built).</summary>
    public IReadOnlyList<IOperation> Operations { get; }

    /// <summary>The compilation's well-known symbols.</summary>
    public KnownSymbols Known { get; }

    /// <summary>What the rules share across the compilation.</summary>
    public CompilationFacts Shared { get; }

    /// <summary>The token of the analysis that built the facts; every walk over the type checks it.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>The operation blocks of the type's members, with their owners.</summary>
    public ImmutableArray<(ISymbol Owner, IOperation Block)> Blocks { get; }

    /// <summary>Storages that stand for others: helper parameters passed one field, SIMD locals copied back to an array.</summary>
    public Aliases Aliases { get; }

    /// <summary>Order and reaching definitions by control flow (loops, branches), for bodies that take a root.</summary>
    public ControlFlowFacts ControlFlow { get; }

    /// <summary>Where each local's values go and come from, within its body.</summary>
    public LocalFlow Flow { get; }

    /// <summary>Every operation of the body rooted at <paramref name="body"/>, in tree order.</summary>
    public IReadOnlyList<IOperation> OperationsOf(IOperation body) =>
        _bodyOperations.TryGetValue(body, out List<IOperation>? operations) ? operations : body.DescendantsAndSelf().ToList();

    /// <summary>Whether <paramref name="method"/> is a member of this type with a body the facts hold.</summary>
    public bool HasBody(IMethodSymbol method) => _methodBodies.ContainsKey(method.OriginalDefinition);

    /// <summary>
    /// Every value the type stores into <paramref name="symbol"/>: initializers of fields, properties, locals and
    /// parameter defaults, arguments the type passes to a parameter, and plain assignments anywhere in the type.
    /// </summary>
    public IReadOnlyList<IOperation> ValuesAssignedTo(ISymbol symbol)
    {
        if (_assignedValues is null)
        {
            IndexAssignedValues();
        }

        var values = new List<IOperation>();
        if (_assignedValues!.TryGetValue(symbol, out List<IOperation>? stored))
        {
            values.AddRange(stored);
        }

        // A parameter also holds what the type passes it: `: this(0.9)`, `new Optimizer(rho: 1.5)`, `Step(w, g, 9 / 10)`.
        if (symbol is IParameterSymbol && _passedValues!.TryGetValue(symbol.OriginalDefinition, out List<IOperation>? passed))
        {
            values.AddRange(passed);
        }

        return values;
    }

    /// <summary>One walk of the type, indexing every stored value by the symbol it is stored into.</summary>
    private void IndexAssignedValues()
    {
        var index = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
        var passedTo = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
        void Add(ISymbol? symbol, IOperation value, Dictionary<ISymbol, List<IOperation>>? into = null)
        {
            into ??= index;
            if (symbol is null)
            {
                return;
            }

            if (!into.TryGetValue(symbol, out List<IOperation>? values))
            {
                into[symbol] = values = new List<IOperation>();
            }

            values.Add(value);
        }

        foreach ((_, IOperation block) in Blocks)
        {
            Cancellation.ThrowIfCancellationRequested();
            switch (block)
            {
                case IFieldInitializerOperation field:
                    foreach (IFieldSymbol initialized in field.InitializedFields)
                    {
                        Add(initialized, field.Value);
                    }

                    continue;
                case IPropertyInitializerOperation property:
                    foreach (IPropertySymbol initialized in property.InitializedProperties)
                    {
                        Add(initialized, property.Value);
                    }

                    continue;
                case IParameterInitializerOperation parameter:
                    Add(parameter.Parameter, parameter.Value);
                    continue;
            }

            foreach (IOperation operation in block.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IArgumentOperation { ArgumentKind: ArgumentKind.Explicit, Parameter: { } parameter } argument:
                        Add(parameter.OriginalDefinition, argument.Value, passedTo);
                        break;
                    case ISimpleAssignmentOperation assignment when Unwrap(assignment.Target) is not IArrayElementReferenceOperation && PointerDereference(Unwrap(assignment.Target)) is null:
                        Add(Root(assignment.Target), assignment.Value);
                        break;
                    case IVariableDeclaratorOperation { Initializer.Value: { } value } declarator:
                        Add(declarator.Symbol, value);
                        break;
                    case IDeconstructionAssignmentOperation deconstruction:
                        foreach ((ISymbol target, IOperation part) in DeconstructedValues(deconstruction))
                        {
                            Add(target, part);
                        }

                        break;
                }
            }
        }

        _assignedValues = index;
        _passedValues = passedTo;
    }

    /// <summary>The element of <c>(a, b) = (x, y)</c> or <c>var (a, b) = (x, y);</c> that goes to <paramref name="symbol"/>.</summary>
    public static IOperation? DeconstructedValue(IDeconstructionAssignmentOperation deconstruction, ISymbol symbol) =>
        DeconstructedValues(deconstruction).FirstOrDefault(pair => SymbolEqualityComparer.Default.Equals(pair.Target, symbol)).Value;

    /// <summary>Each storage a deconstruction assigns, with the element of the tuple that goes to it.</summary>
    private static IEnumerable<(ISymbol Target, IOperation Value)> DeconstructedValues(IDeconstructionAssignmentOperation deconstruction)
    {
        IOperation targets = deconstruction.Target is IDeclarationExpressionOperation declaration ? declaration.Expression : deconstruction.Target;
        if (targets is not ITupleOperation targetTuple || Unwrap(deconstruction.Value) is not ITupleOperation values || targetTuple.Elements.Length != values.Elements.Length)
        {
            yield break;
        }

        for (int i = 0; i < targetTuple.Elements.Length; i++)
        {
            ISymbol? target = targetTuple.Elements[i] switch
            {
                IDeclarationExpressionOperation { Expression: ILocalReferenceOperation local } => local.Local,
                ILocalReferenceOperation local => local.Local,
                var element => Unwrap(element) is IArrayElementReferenceOperation || PointerDereference(Unwrap(element)) is not null ? null : Root(element),
            };
            if (target is not null)
            {
                yield return (target, values.Elements[i]);
            }
        }
    }

    /// <summary>
    /// For <c>var (s2, m2) = Moments(s, m, g);</c> or <c>(s, m) = Moments(s, m, g);</c> with a same-type helper that
    /// returns one tuple literal: the call and the element of the helper's tuple that goes to <paramref name="symbol"/>.
    /// </summary>
    public (IInvocationOperation Call, IOperation Element)? HelperTupleElement(IDeconstructionAssignmentOperation deconstruction, ISymbol symbol)
    {
        IOperation targets = deconstruction.Target is IDeclarationExpressionOperation declaration ? declaration.Expression : deconstruction.Target;
        if (targets is not ITupleOperation targetTuple || Unwrap(deconstruction.Value) is not IInvocationOperation call
            || BodyOfMethod(call.TargetMethod) is not { } body || ReturnedValue(body) is not { } returned
            || Unwrap(returned) is not ITupleOperation values || values.Elements.Length != targetTuple.Elements.Length)
        {
            return null;
        }

        for (int i = 0; i < targetTuple.Elements.Length; i++)
        {
            ISymbol? target = targetTuple.Elements[i] switch
            {
                IDeclarationExpressionOperation { Expression: ILocalReferenceOperation local } => local.Local,
                var element => Root(element),
            };
            if (SymbolEqualityComparer.Default.Equals(target, symbol))
            {
                return (call, values.Elements[i]);
            }
        }

        return null;
    }

    /// <summary>The method of this type whose body contains <paramref name="operation"/> (outside any lambda), if any.</summary>
    public IMethodSymbol? MethodOf(IOperation operation) =>
        Ancestor<IAnonymousFunctionOperation>(operation) is null && Ancestor<ILocalFunctionOperation>(operation) is null
        && _bodyOwners.TryGetValue(BodyOf(operation), out IMethodSymbol? method)
            ? method
            : null;

    /// <summary>The calls of a method of this type made within the type.</summary>
    public IEnumerable<IInvocationOperation> CallsTo(IMethodSymbol method) => CallSitesOf(method.OriginalDefinition);

    /// <summary>The body of a method of this type, for following a call into it; null for other methods.</summary>
    public IOperation? BodyOfMethod(IMethodSymbol method) =>
        _methodBodies.TryGetValue(method.OriginalDefinition, out IOperation? body) ? body : null;

    /// <summary>Resolves a storage through the type's aliases (helper-method array parameters).</summary>
    public ISymbol? RootOf(IOperation operation) => Root(operation, Aliases);

    /// <summary>The root operation (method body) that contains <paramref name="operation"/>.</summary>
    public static IOperation BodyOf(IOperation operation)
    {
        IOperation current = operation;
        while (current.Parent is not null)
        {
            current = current.Parent;
        }

        return current;
    }

    /// <summary>The local definitions (declarators and assignments) of the body containing <paramref name="operation"/>.</summary>
    public IReadOnlyList<IOperation> LocalDefinitionsFor(IOperation operation) =>
        _localDefinitions.TryGetValue(BodyOf(operation), out List<IOperation>? definitions) ? definitions : [];

    /// <summary>The method a <c>return</c> leaves (not a lambda's or local function's), if it is a member of this type.</summary>
    public IMethodSymbol? ReturnOwner(IReturnOperation returned) =>
        Ancestor<IAnonymousFunctionOperation>(returned) is null && Ancestor<ILocalFunctionOperation>(returned) is null
        && _bodyOwners.TryGetValue(BodyOf(returned), out IMethodSymbol? method)
            ? method
            : null;

    public IEnumerable<IInvocationOperation> CallSitesOf(IMethodSymbol method) =>
        _callSites.TryGetValue(method, out List<IInvocationOperation>? calls) ? calls : Enumerable.Empty<IInvocationOperation>();

    /// <summary>The single returned expression of a block (expression-bodied or one return statement), if there is one.</summary>
    public static IOperation? ReturnedValue(IOperation body)
    {
        List<IReturnOperation> returns = body.DescendantsAndSelf().OfType<IReturnOperation>()
            .Where(r => r.ReturnedValue is not null && Ancestor<IAnonymousFunctionOperation>(r) is null || r.Parent == body || Ancestor<IAnonymousFunctionOperation>(r) == body.Parent)
            .ToList();
        return returns.Count == 1 ? returns[0].ReturnedValue : null;
    }
}
