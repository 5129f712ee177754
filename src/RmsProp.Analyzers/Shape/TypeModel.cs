using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using static RmsProp.Analyzers.Shape.Expressions;

namespace RmsProp.Analyzers.Shape;

/// <summary>
/// What one type's code says about optimizers: its running averages and its adaptive denominators. Built once per
/// type from the operation blocks of its members (so helper methods in the same type can be followed) and dropped
/// when the type has been analysed: nothing outlives a type.
/// </summary>
internal sealed class TypeModel
{
    private const int MaxHops = 3;

    private readonly Dictionary<IMethodSymbol, IOperation> _methodBodies = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IOperation, IMethodSymbol> _bodyOwners = new();
    private readonly Dictionary<IMethodSymbol, List<IInvocationOperation>> _callSites = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IOperation, List<IOperation>> _localDefinitions = new();
    private readonly Dictionary<IOperation, List<IOperation>> _bodyOperations = new();
    private readonly Dictionary<ISymbol, bool> _startsPositive = new(SymbolEqualityComparer.Default);
    private Dictionary<ISymbol, List<IOperation>>? _assignedValues;
    private Dictionary<ISymbol, List<IOperation>>? _passedValues;
    private readonly List<AdaptiveQuotient> _quotients = new();
    private readonly Dictionary<IOperation, Dictionary<ILocalSymbol, List<ILocalReferenceOperation>>> _localReferences = new();
    private readonly Aliases _aliases = new();

    private TypeModel(ImmutableArray<(ISymbol Owner, IOperation Block)> blocks, CompilationFacts facts, CancellationToken cancellation)
    {
        Blocks = blocks;
        Facts = facts;
        Known = facts.Known;
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
        AddArrayParameterAliases();
        AddCopyToAliases();
        Averages = FindAverages();
        cancellation.ThrowIfCancellationRequested();
        Denominators = FindDenominators();
    }

    /// <summary>
    /// The model of a type's blocks, or null when no block takes a square root: every rule needs an adaptive
    /// denominator, so most types of a project are done here, before anything else is computed.
    /// </summary>
    public static TypeModel? Build(ImmutableArray<(ISymbol Owner, IOperation Block)> blocks, CompilationFacts facts, CancellationToken cancellation)
    {
        foreach ((_, IOperation block) in blocks)
        {
            cancellation.ThrowIfCancellationRequested();
            if (block.DescendantsAndSelf().Any(op => facts.Known.IsSquareRoot(op, out _)))
            {
                return new TypeModel(blocks, facts, cancellation);
            }
        }

        return null;
    }

    /// <summary>Every operation of the type's blocks, in one list (walked once, when the model is built).</summary>
    public IReadOnlyList<IOperation> Operations { get; }

    /// <summary>The compilation's well-known symbols.</summary>
    public KnownSymbols Known { get; }

    /// <summary>What the rules share across the compilation (diagnostics reported once per declaration).</summary>
    public CompilationFacts Facts { get; }

    /// <summary>The token of the analysis that built the model; every walk over the type checks it.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>The operation blocks of the type's members, with their owners.</summary>
    public ImmutableArray<(ISymbol Owner, IOperation Block)> Blocks { get; }

    /// <summary>Every running-average update in the type.</summary>
    public List<Average> Averages { get; }

    /// <summary>Every adaptive denominator of a parameter update in the type.</summary>
    public List<Denominator> Denominators { get; }

    /// <summary>
    /// Every square root that divides a parameter update, whatever is under it: the running average (these also
    /// appear in <see cref="Denominators"/>), or something else, such as this step's gradient.
    /// </summary>
    public IReadOnlyList<AdaptiveQuotient> Quotients => _quotients;

    /// <summary>Whether some update of the type keeps a running average (or sum) in <paramref name="storage"/>.</summary>
    public bool IsAveraged(ISymbol storage) => Averages.Any(a => SymbolEqualityComparer.Default.Equals(a.Storage, storage));

    /// <summary>
    /// What a root's argument stands for: the argument itself, or, for a local that is not itself an average, the
    /// value of its definition above the root (<c>var variance = s - m*m; Math.Sqrt(variance)</c>).
    /// </summary>
    public IOperation ValueUnder(IOperation argument)
    {
        IOperation expression = Unwrap(argument);
        return expression is ILocalReferenceOperation local && !IsAveraged(local.Local) && ReachingValue(local.Local, argument) is { } definition
            ? Unwrap(definition)
            : expression;
    }

    /// <summary>Whether a local holding a root's argument is floored in a statement of its own (<c>v = Math.Max(v, 0);</c>).</summary>
    public bool IsFlooredLocal(IOperation argument) =>
        Unwrap(argument) is ILocalReferenceOperation local && GuardedAfterwards(local.Local, BodyOf(argument));

    /// <summary>
    /// Whether the average's storage is under the root of a denominator that can run together with the update
    /// (not in another branch of the same switch: one buffer can serve several optimizer kinds).
    /// </summary>
    public bool FeedsDenominator(Average average) =>
        Denominators.Any(d => SymbolEqualityComparer.Default.Equals(d.Accumulator, average.Storage) && !AreExclusive(average.Assignment, d.SquareRoot)
            && !DistinctSlots(average.Target, d.AccumulatorRead));

    /// <summary>
    /// Whether every update of <paramref name="storage"/> only adds squares (AdaGrad's sum) and the type starts it at a
    /// positive constant (<c>Array.Fill(_sum, 1.0)</c>, <c>_sum[i] = 0.1</c>, <c>double _sum = 1;</c>): its root then
    /// never falls below that start, which guards the division as an epsilon does.
    /// </summary>
    public bool StartsPositiveAndOnlyGrows(ISymbol storage)
    {
        if (!_startsPositive.TryGetValue(storage, out bool answer))
        {
            _startsPositive[storage] = answer = ComputeStartsPositiveAndOnlyGrows(storage);
        }

        return answer;
    }

    private bool ComputeStartsPositiveAndOnlyGrows(ISymbol storage)
    {
        var updates = Averages.Where(a => SymbolEqualityComparer.Default.Equals(a.Storage, storage)).ToList();
        if (updates.Count == 0 || updates.Any(a => a.Form != AverageForm.Sum || !IsSquare(a.NewTerm, LocalDefinitionsFor(a.Assignment))))
        {
            return false;
        }

        bool positiveStart = false;
        foreach (IOperation operation in Operations)
        {
            switch (operation)
            {
                case IInvocationOperation { TargetMethod.Name: "Fill" } fill when fill.Arguments.Length > 0
                    && SymbolEqualityComparer.Default.Equals(RootOf(fill.Instance ?? fill.Arguments[0].Value), storage):
                    IOperation filled = (fill.Instance is null ? fill.Arguments.ElementAtOrDefault(1) : fill.Arguments[0])?.Value ?? fill;
                    if (ConstantNumber(filled) is not > 0)
                    {
                        return false;
                    }

                    positiveStart = true;
                    break;
                case IInvocationOperation { TargetMethod.Name: "Clear" } clear
                    when SymbolEqualityComparer.Default.Equals(RootOf(clear.Instance ?? (clear.Arguments.Length > 0 ? clear.Arguments[0].Value : clear)), storage):
                    return false;
                case ISimpleAssignmentOperation assignment when SymbolEqualityComparer.Default.Equals(RootOf(assignment.Target), storage)
                    && Unwrap(assignment.Value) is not (IArrayCreationOperation or IObjectCreationOperation) && !Reads(assignment.Value, storage, _aliases):
                    if (!IsPositiveStart(assignment.Value))
                    {
                        return false;
                    }

                    positiveStart = true;
                    break;
            }
        }

        // A scalar field or local can start positive through its initializer.
        positiveStart |= ValuesAssignedTo(storage).Any(value => ConstantNumber(value) is > 0);
        return positiveStart;
    }

    /// <summary>
    /// A first value that keeps a sum of squares away from 0: a positive constant, or squares plus a positive
    /// epsilon (<c>r[i] = g[i] * g[i] + eps</c>, the epsilon folded into the first value, after which the sum only grows).
    /// </summary>
    private bool IsPositiveStart(IOperation value)
    {
        if (ConstantNumber(value) is { } constant)
        {
            return constant > 0;
        }

        bool positive = false;
        foreach ((IOperation term, bool negative) in Terms(value))
        {
            if (negative)
            {
                return false;
            }

            if (ConstantNumber(term) is { } number)
            {
                if (number <= 0)
                {
                    return false;
                }

                positive = true;
            }
            else if (Weights.Symbol(term) is { } symbol && symbol.Name.TrimStart('_').ToLowerInvariant() is "eps" or "epsilon" or "delta" or "initialaccumulatorvalue")
            {
                if (Weights.Value(term, this) is <= 0)
                {
                    return false;
                }

                positive = true;
            }
            else if (!IsSquare(term, LocalDefinitionsFor(term)))
            {
                return false;
            }
        }

        return positive;
    }

    /// <summary>
    /// Whether the average is part of an optimizer step: it feeds a denominator, or it is updated in the same body
    /// as a parameter update with an adaptive denominator (Adam's first moment).
    /// </summary>
    public bool InOptimizerStep(Average average) =>
        FeedsDenominator(average)
        || Denominators.Any(d => BodyOf(d.Update) == BodyOf(average.Assignment) && !AreExclusive(d.Update, average.Assignment));

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
                    case ISimpleAssignmentOperation assignment when Unwrap(assignment.Target) is not IArrayElementReferenceOperation:
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
                var element => Unwrap(element) is IArrayElementReferenceOperation ? null : Root(element),
            };
            if (target is not null)
            {
                yield return (target, values.Elements[i]);
            }
        }
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
    public ISymbol? RootOf(IOperation operation) => Root(operation, _aliases);

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

    // ---- aliases -------------------------------------------------------------------------------------------

    /// <summary>
    /// A helper that updates an array it is passed (<c>void Decay(double[] s, ...)</c>), or a value passed by
    /// reference (<c>Decay(ref _s[i], g)</c>), updates the caller's field.
    /// Aliased only when every call site in the type passes the same storage, so Adam's two moments stay apart.
    /// </summary>
    private void AddArrayParameterAliases()
    {
        var candidates = new Dictionary<IParameterSymbol, ISymbol?>(SymbolEqualityComparer.Default);
        foreach (IInvocationOperation call in Operations.OfType<IInvocationOperation>())
        {
            if (!_methodBodies.ContainsKey(call.TargetMethod.OriginalDefinition))
            {
                continue;
            }

            foreach (IArgumentOperation argument in call.Arguments)
            {
                if (argument.Parameter is not { } parameter || !IsReferenceLike(parameter.Type) && parameter.RefKind is not (RefKind.Ref or RefKind.Out))
                {
                    continue;
                }

                ISymbol? storage = Root(argument.Value);
                parameter = parameter.OriginalDefinition;
                if (candidates.TryGetValue(parameter, out ISymbol? existing))
                {
                    if (!SymbolEqualityComparer.Default.Equals(existing, storage))
                    {
                        candidates[parameter] = null;
                    }
                }
                else
                {
                    candidates[parameter] = storage;
                }
            }
        }

        foreach (KeyValuePair<IParameterSymbol, ISymbol?> candidate in candidates)
        {
            if (candidate.Value is not null)
            {
                _aliases.Add(candidate.Key, candidate.Value);
            }
        }
    }

    /// <summary>
    /// SIMD code loads a slice into a vector local, updates it and copies it back (<c>sv.CopyTo(_ms, i)</c>): the
    /// local stands for the array it is copied to.
    /// </summary>
    private void AddCopyToAliases()
    {
        foreach (IInvocationOperation call in Operations.OfType<IInvocationOperation>())
        {
            if (call.TargetMethod.Name is "CopyTo" or "TryCopyTo" or "Store" or "StoreUnsafe"
                && Unwrap(call.Instance ?? (call.Arguments.Length > 0 ? call.Arguments[0].Value : call)) is ILocalReferenceOperation local
                && call.Arguments.FirstOrDefault(a => Unwrap(a.Value) is not ILocalReferenceOperation l || !SymbolEqualityComparer.Default.Equals(l.Local, local.Local)) is { } destination
                && Root(destination.Value) is { } storage)
            {
                _aliases.Add(local.Local, storage);
            }
        }
    }

    private static bool IsReferenceLike(ITypeSymbol type) =>
        type is IArrayTypeSymbol || type.Name is "Span" or "Memory" or "List" || type.IsRefLikeType;

    // ---- running averages -----------------------------------------------------------------------------------

    private List<Average> FindAverages()
    {
        var averages = new List<Average>();
        foreach (IOperation operation in Operations)
        {
            Cancellation.ThrowIfCancellationRequested();
            {
                switch (operation)
                {
                    case ISimpleAssignmentOperation simple:
                        AddAverage(averages, simple, simple.Target, simple.Value, compound: null);
                        break;
                    case IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator:
                        AddAverage(averages, declarator, declarator, initial, compound: null);
                        break;
                    case ICompoundAssignmentOperation compound when compound.OperatorKind is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract:
                        AddAverage(averages, compound, compound.Target, compound.Value, compound.OperatorKind);
                        break;
                    // The tuple literal on the right is often wrapped in a conversion to the targets' tuple type.
                    case IDeconstructionAssignmentOperation { Target: ITupleOperation targets, Value: { } tupleValue }
                        when Unwrap(tupleValue) is ITupleOperation values && targets.Elements.Length == values.Elements.Length:
                        for (int i = 0; i < targets.Elements.Length; i++)
                        {
                            AddAverage(averages, operation, targets.Elements[i], values.Elements[i], compound: null);
                        }

                        break;
                }
            }
        }

        return averages;
    }

    private void AddAverage(List<Average> averages, IOperation assignment, IOperation target, IOperation value, BinaryOperatorKind? compound)
    {
        ISymbol? storage = Root(target, _aliases);
        if (storage is null)
        {
            return;
        }

        foreach ((IOperation effective, Aliases effectiveAliases, Dictionary<ISymbol, IOperation> arguments) in EffectiveValues(value, storage))
        {
            Aliases aliases = WithLocalCopies(effective, storage, effectiveAliases);
            // A lambda's body and a local's definition are in the caller's code and are where the average is
            // written; a helper's body is not.
            IOperation shown = arguments.Count == 0 && (Ancestor<IAnonymousFunctionOperation>(effective) is not null || IsLocalDefinitionOf(value, effective))
                ? effective
                : value;
            Average? average = compound is null
                ? RecognizeAssigned(storage, assignment, shown, effective, aliases)
                : RecognizeCompound(storage, assignment, shown, effective, aliases, compound.Value);
            if (average is not null)
            {
                Average mapped = MapArguments(average, arguments);
                mapped.Target = target is IVariableDeclaratorOperation ? null : target;
                averages.Add(mapped);
                return;
            }
        }
    }

    /// <summary>Whether <paramref name="effective"/> is the definition of the local <paramref name="value"/> reads.</summary>
    private static bool IsLocalDefinitionOf(IOperation value, IOperation effective) =>
        Unwrap(value) is ILocalReferenceOperation && effective != value && effective.Parent is IVariableInitializerOperation or ISimpleAssignmentOperation;

    /// <summary>
    /// A local that holds a plain read of the storage (<c>var old = new Vector&lt;float&gt;(_s, i);</c>,
    /// <c>double previous = _s[i];</c>) stands for the storage in an update that reads it.
    /// </summary>
    private Aliases WithLocalCopies(IOperation effective, ISymbol storage, Aliases aliases)
    {
        Aliases result = aliases;
        foreach (ILocalReferenceOperation reference in effective.DescendantsAndSelf().OfType<ILocalReferenceOperation>())
        {
            if (Root(reference, result) is ILocalSymbol local && !SymbolEqualityComparer.Default.Equals(local, storage)
                && ReachingValue(local, reference) is { } copied
                && (IsElementAccess(copied) || IsVectorLoad(copied) || Unwrap(copied) is IFieldReferenceOperation or IPropertyReferenceOperation)
                && SymbolEqualityComparer.Default.Equals(Root(copied, aliases), storage))
            {
                result = result.With(local, storage);
            }
        }

        return result;
    }

    /// <summary>
    /// The expressions that really compute a value: the value itself, the body of a <c>Zip</c>/<c>Select</c> lambda
    /// over the same storage, or the returned expression of a helper method of the type (with its parameters read as
    /// the call's arguments).
    /// </summary>
    private IEnumerable<(IOperation Value, Aliases Aliases, Dictionary<ISymbol, IOperation> Arguments)> EffectiveValues(IOperation value, ISymbol storage)
    {
        var none = new Dictionary<ISymbol, IOperation>(SymbolEqualityComparer.Default);
        yield return (value, _aliases, none);

        IOperation unwrapped = Unwrap(value);
        if (unwrapped is ILocalReferenceOperation local && !SymbolEqualityComparer.Default.Equals(local.Local, storage)
            && ReachingValue(local.Local, unwrapped) is { } definition)
        {
            // `double next = rho * old + (1 - rho) * g * g; s[i] = next;`: the update is computed in a local first
            // (the old value often read into another local, which WithLocalCopies maps back to the storage).
            yield return (definition, _aliases, none);
        }

        foreach (IAnonymousFunctionOperation lambda in unwrapped.DescendantsAndSelf().OfType<IAnonymousFunctionOperation>())
        {
            if (lambda.Parent?.Parent is not IArgumentOperation { Parent: IInvocationOperation query } || query.TargetMethod.Name is not ("Zip" or "Select"))
            {
                continue;
            }

            var aliases = new Aliases();
            IOperation? first = query.Instance ?? (query.Arguments.Length > 0 ? query.Arguments[0].Value : null);
            IOperation? second = query.Arguments.FirstOrDefault(a => a.Value != first && Unwrap(a.Value) is not IDelegateCreationOperation)?.Value;
            ImmutableArray<IParameterSymbol> parameters = lambda.Symbol.Parameters;
            // The lambda's first parameter is the old value of what the query's result is stored into
            // (`var next = s.Zip(g, (si, gi) => rho*si + ...)` averages into `next`).
            if (parameters.Length > 0 && Root(first, _aliases) is not null)
            {
                aliases.Add(parameters[0], storage);
            }

            if (query.TargetMethod.Name == "Zip" && parameters.Length > 1 && Root(second, _aliases) is { } secondStorage)
            {
                aliases.Add(parameters[1], secondStorage);
            }

            if (ReturnedValue(lambda.Body) is { } returned)
            {
                yield return (returned, aliases, none);
            }
        }

        if (unwrapped is IInvocationOperation call
            && _methodBodies.TryGetValue(call.TargetMethod.OriginalDefinition, out IOperation? body)
            && ReturnedValue(body) is { } helperValue)
        {
            var aliases = new Aliases();
            var arguments = new Dictionary<ISymbol, IOperation>(SymbolEqualityComparer.Default);
            foreach (IArgumentOperation argument in call.Arguments)
            {
                if (argument.Parameter is null)
                {
                    continue;
                }

                arguments[argument.Parameter.OriginalDefinition] = argument.Value;
                if (Root(argument.Value, _aliases) is { } argumentStorage)
                {
                    aliases.Add(argument.Parameter.OriginalDefinition, argumentStorage);
                }
            }

            yield return (helperValue, aliases, arguments);
        }
    }

    /// <summary>The single returned expression of a block (expression-bodied or one return statement), if there is one.</summary>
    private static IOperation? ReturnedValue(IOperation body)
    {
        List<IReturnOperation> returns = body.DescendantsAndSelf().OfType<IReturnOperation>()
            .Where(r => r.ReturnedValue is not null && Ancestor<IAnonymousFunctionOperation>(r) is null || r.Parent == body || Ancestor<IAnonymousFunctionOperation>(r) == body.Parent)
            .ToList();
        return returns.Count == 1 ? returns[0].ReturnedValue : null;
    }

    /// <summary>Maps parameters of a helper back to the caller's arguments, so diagnostics land in the caller.</summary>
    private static Average MapArguments(Average average, Dictionary<ISymbol, IOperation> arguments)
    {
        if (arguments.Count == 0)
        {
            return average;
        }

        IOperation Map(IOperation operation) =>
            Unwrap(operation) is IParameterReferenceOperation parameter && arguments.TryGetValue(parameter.Parameter.OriginalDefinition, out IOperation? argument)
                ? argument
                : operation;

        return new Average(
            average.Storage,
            average.Assignment,
            average.Value,
            average.OldWeight is null ? null : Map(average.OldWeight),
            average.NewWeight is null ? null : Map(average.NewWeight),
            Map(average.NewTerm),
            average.Form);
    }

    /// <summary><c>s = a*s + b*x</c> (terms in any order) or <c>s = s + b*(x - s)</c>.</summary>
    private static Average? RecognizeAssigned(ISymbol storage, IOperation assignment, IOperation value, IOperation effective, Aliases aliases)
    {
        List<(IOperation Term, bool Negative)> terms = Terms(effective);
        if (terms.Count == 3 && terms.FindIndex(t => !t.Negative && IsStorage(t.Term, storage, aliases)) is var oldIndex and >= 0
            && ExpandedLerp(terms.Where((t, i) => i != oldIndex).ToList(), storage, aliases) is var (expandedWeight, expandedTerm))
        {
            // s = s + a*x - a*s: the lerp with its product multiplied out.
            return new Average(storage, assignment, value, null, expandedWeight, expandedTerm, AverageForm.Lerp);
        }

        if (terms.Count != 2 || terms.Any(t => t.Negative))
        {
            return null;
        }

        for (int old = 0; old < 2; old++)
        {
            IOperation oldTerm = terms[old].Term;
            IOperation newTerm = terms[1 - old].Term;

            // Lerp: s + b*(x - s).
            if (IsStorage(oldTerm, storage, aliases) && LerpParts(newTerm, storage, aliases) is var (lerpWeight, lerpTarget))
            {
                return new Average(storage, assignment, value, null, lerpWeight, lerpTarget, AverageForm.Lerp);
            }

            (IOperation? oldWeight, bool isOldTerm) = SplitWeight(oldTerm, storage, aliases);
            if (!isOldTerm || Reads(newTerm, storage, aliases))
            {
                continue;
            }

            (IOperation? newWeight, IOperation x) = SplitNewTerm(newTerm, oldWeight);
            return new Average(storage, assignment, value, oldWeight, newWeight, x, AverageForm.Weighted);
        }

        return null;
    }

    /// <summary><c>s += b*(x - s)</c>, <c>s -= b*(s - x)</c>, or AdaGrad's <c>s += x</c>.</summary>
    private static Average? RecognizeCompound(ISymbol storage, IOperation assignment, IOperation value, IOperation effective, Aliases aliases, BinaryOperatorKind kind)
    {
        if (kind == BinaryOperatorKind.Add && LerpParts(effective, storage, aliases) is var (weight, x))
        {
            return new Average(storage, assignment, value, null, weight, x, AverageForm.Lerp);
        }

        if (kind == BinaryOperatorKind.Subtract && LerpParts(effective, storage, aliases, reversed: true) is var (weight2, x2))
        {
            return new Average(storage, assignment, value, null, weight2, x2, AverageForm.Lerp);
        }

        if (kind == BinaryOperatorKind.Add && ExpandedLerp(Terms(effective), storage, aliases) is var (expandedWeight, expandedTerm))
        {
            return new Average(storage, assignment, value, null, expandedWeight, expandedTerm, AverageForm.Lerp);
        }

        if (kind == BinaryOperatorKind.Add && !Reads(effective, storage, aliases) && !IsConstant(effective))
        {
            (IOperation? newWeight, IOperation term) = SplitNewTerm(effective, null);
            return new Average(storage, assignment, value, null, newWeight, term, AverageForm.Sum);
        }

        return null;
    }

    /// <summary>
    /// The added part of an expanded lerp, <c>a*x - a*s</c> (terms in any order): the weight a and x. The same weight
    /// must scale both, so <c>rho*x - (1 - rho)*s</c> is not read as one.
    /// </summary>
    private static (IOperation Weight, IOperation X)? ExpandedLerp(List<(IOperation Term, bool Negative)> terms, ISymbol storage, Aliases aliases)
    {
        if (terms.Count != 2 || terms.Count(t => t.Negative) != 1)
        {
            return null;
        }

        (IOperation added, _) = terms.First(t => !t.Negative);
        (IOperation removed, _) = terms.First(t => t.Negative);
        List<IOperation> removedFactors = Factors(removed);
        List<IOperation> addedFactors = Factors(added);
        if (removedFactors.Count != 2 || addedFactors.Count < 2 || Reads(added, storage, aliases))
        {
            return null;
        }

        int stored = removedFactors.FindIndex(f => IsStorage(f, storage, aliases));
        if (stored < 0)
        {
            return null;
        }

        IOperation weight = removedFactors[1 - stored];
        int weightIndex = addedFactors.FindIndex(f => Same(f, weight));
        if (weightIndex < 0 || Reads(weight, storage, aliases))
        {
            return null;
        }

        var rest = addedFactors.Where((f, i) => i != weightIndex).ToList();
        return (addedFactors[weightIndex], rest.Count == 1 ? rest[0] : added);
    }

    private static bool IsStorage(IOperation operation, ISymbol storage, Aliases aliases) =>
        SymbolEqualityComparer.Default.Equals(Root(operation, aliases), storage) && Unwrap(operation) is not IInvocationOperation;

    /// <summary>For a term <c>w*(x - s)</c> (or <c>w*(s - x)</c> when reversed): the weight and x.</summary>
    private static (IOperation? Weight, IOperation X)? LerpParts(IOperation term, ISymbol storage, Aliases aliases, bool reversed = false)
    {
        List<IOperation> factors = Factors(term);
        for (int i = 0; i < factors.Count; i++)
        {
            if (Unwrap(factors[i]) is not IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract } difference)
            {
                continue;
            }

            IOperation stored = reversed ? difference.LeftOperand : difference.RightOperand;
            IOperation other = reversed ? difference.RightOperand : difference.LeftOperand;
            if (IsStorage(stored, storage, aliases) && !Reads(other, storage, aliases))
            {
                IOperation? weight = factors.Count == 2 ? factors[1 - i] : null;
                return (weight, other);
            }
        }

        return null;
    }

    /// <summary>For the old term <c>a*s</c>: its weight (null when it is <c>s</c> alone) and whether it is such a term.</summary>
    private static (IOperation? Weight, bool IsOldTerm) SplitWeight(IOperation term, ISymbol storage, Aliases aliases)
    {
        List<IOperation> factors = Factors(term);
        int index = factors.FindIndex(f => IsStorage(f, storage, aliases));
        if (index < 0 || factors.Count > 2 || factors.Where((f, i) => i != index).Any(f => Reads(f, storage, aliases)))
        {
            return (null, false);
        }

        return (factors.Count == 2 ? factors[1 - index] : null, true);
    }

    /// <summary>
    /// Splits the new term <c>b*x</c> into weight and x. The weight is the factor that looks like one: a constant,
    /// <c>1 - rho</c>, the old weight or its complement, or a storage named like a decay (<c>rho</c>, <c>beta2</c>).
    /// </summary>
    private static (IOperation? Weight, IOperation X) SplitNewTerm(IOperation term, IOperation? oldWeight)
    {
        List<IOperation> factors = Factors(term);
        if (factors.Count == 1)
        {
            return (null, factors[0]);
        }

        // With no factor that looks like a weight the term has none: in `sum = sum + a[i] * b[i]` (a dot product)
        // neither factor is a weight, and taking one for it would leave the other looking like a raw gradient.
        int weightIndex = factors.FindIndex(f => IsWeightLike(f, oldWeight));
        if (weightIndex < 0)
        {
            return (null, term);
        }

        IOperation weight = factors[weightIndex];
        var rest = factors.Where((f, i) => i != weightIndex).ToList();

        // x is what is left: a lone factor is marked exactly; a longer product (g*g, c*g) stays whole, and the rules
        // look at its factors.
        return (weight, rest.Count == 1 ? rest[0] : term);
    }

    private static bool IsWeightLike(IOperation factor, IOperation? oldWeight)
    {
        IOperation unwrapped = Unwrap(factor);
        if (IsConstant(unwrapped))
        {
            return true;
        }

        if (unwrapped is IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract, LeftOperand: var one } && ConstantNumber(one) is 1.0)
        {
            return true;
        }

        if (oldWeight is not null && (Same(unwrapped, oldWeight) || Same(Weights.Complement(oldWeight), unwrapped) || Same(Weights.Complement(unwrapped), oldWeight)))
        {
            return true;
        }

        return Weights.Symbol(unwrapped) is { } symbol && NameLooksLikeDecay(symbol.Name);
    }

    /// <summary>The names decay rates go by: rho, decay, beta, beta2, gamma, alpha, momentum, with prefixes.</summary>
    public static bool NameLooksLikeDecay(string symbolName)
    {
        string name = symbolName.TrimStart('_').ToLowerInvariant();
        if (name.StartsWith("m_", System.StringComparison.Ordinal))
        {
            name = name.Substring(2);
        }

        return name is "rho" or "decay" or "decayrate" or "gamma" or "alpha" or "beta" or "beta1" or "beta2" or "b1" or "b2"
            or "momentum" or "mu" or "smoothing" or "discount";
    }

    // ---- adaptive denominators ------------------------------------------------------------------------------

    private List<Denominator> FindDenominators()
    {
        var denominators = new List<Denominator>();
        foreach (IOperation operation in Operations)
        {
            if (Known.IsSquareRoot(operation, out IOperation? argument, out bool reciprocal) && argument is not null)
            {
                Cancellation.ThrowIfCancellationRequested();
                AddDenominator(denominators, operation, argument, reciprocal);
            }
        }

        return denominators;
    }

    /// <summary>
    /// Records every quotient the root divides a parameter update by (<see cref="Quotients"/>), and a
    /// <see cref="Denominator"/> for each running average under the root of the first one that has any.
    /// </summary>
    private void AddDenominator(List<Denominator> denominators, IOperation squareRoot, IOperation argument, bool reciprocal)
    {
        foreach ((IOperation division, bool epsilonOutside, IInvocationOperation? divisionCall) in DivisionsBy(squareRoot, hops: 0, guarded: false, reciprocal))
        {
            if (UpdateFedBy(division, hops: 0, out IInvocationOperation? updateCall) is not { } update)
            {
                continue;
            }

            List<(ISymbol Storage, IOperation Read)> accumulators = AccumulatorsUnder(argument, divisionCall ?? updateCall, out bool epsilonInside);
            _quotients.Add(new AdaptiveQuotient(squareRoot, argument, division, update, epsilonInside, epsilonOutside, accumulators.Count > 0));
            if (accumulators.Count == 0)
            {
                continue;
            }

            foreach ((ISymbol storage, IOperation read) in accumulators)
            {
                denominators.Add(new Denominator(squareRoot, storage, read, epsilonInside || epsilonOutside, update));
            }

            return;
        }
    }

    /// <summary>The method a <c>return</c> leaves (not a lambda's or local function's), if it is a member of this type.</summary>
    private IMethodSymbol? ReturnOwner(IReturnOperation returned) =>
        Ancestor<IAnonymousFunctionOperation>(returned) is null && Ancestor<ILocalFunctionOperation>(returned) is null
        && _bodyOwners.TryGetValue(BodyOf(returned), out IMethodSymbol? method)
            ? method
            : null;

    private IEnumerable<IInvocationOperation> CallSitesOf(IMethodSymbol method) =>
        _callSites.TryGetValue(method, out List<IInvocationOperation>? calls) ? calls : Enumerable.Empty<IInvocationOperation>();

    /// <summary>
    /// The averaged storages read linearly under the root (<c>s</c> in <c>sqrt(s + eps)</c>, <c>sqrt(s - m*m)</c>,
    /// <c>sqrt(v / (1 - beta2^t))</c>), and whether anything else is added there (an epsilon inside the root).
    /// </summary>
    private List<(ISymbol, IOperation)> AccumulatorsUnder(IOperation argument, IInvocationOperation? callSite, out bool epsilonInside)
    {
        epsilonInside = false;
        var found = new List<(ISymbol, IOperation)>();
        IOperation expression = Unwrap(argument);
        if (IsFloor(expression))
        {
            epsilonInside = true;
            if (expression is IInvocationOperation floor && floor.Arguments.Length > 0)
            {
                expression = Unwrap(floor.Arguments[0].Value);
            }
        }

        // sqrt(vHat) with vHat a local: look at what the local holds.
        if (expression is ILocalReferenceOperation local && Root(local, _aliases) is { } localStorage && !IsAveraged(localStorage))
        {
            IOperation? definition = ReachingValue(local.Local, argument);
            if (definition is not null && Averages.FirstOrDefault(a => a.Value == definition) is { } stored)
            {
                // `double square = rho * previous + (1 - rho) * g * g; ... with { Square = square }` then
                // `Math.Sqrt(square)`: the local is the average's new value.
                found.Add((stored.Storage, local));
                return found;
            }

            if (definition is not null)
            {
                expression = Unwrap(definition);
            }
        }

        foreach ((IOperation term, bool negative) in Terms(expression))
        {
            IOperation candidate = Unwrap(term);
            if (candidate is IBinaryOperation { OperatorKind: BinaryOperatorKind.Divide } quotient)
            {
                candidate = Unwrap(quotient.LeftOperand);
            }

            ISymbol? storage = Root(candidate, _aliases);
            if (storage is IParameterSymbol parameter && callSite is not null && !IsAveraged(parameter)
                && callSite.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.Parameter?.OriginalDefinition, parameter.OriginalDefinition)) is { } passed)
            {
                // The helper's parameter is what the call passes: read it there, where the caller's order counts.
                candidate = Unwrap(passed.Value);
                storage = Root(candidate, _aliases);
            }

            if (!negative && storage is not null && IsAveraged(storage))
            {
                found.Add((storage, candidate));
            }
            else if (!negative && !IsSquaredTerm(term))
            {
                epsilonInside = true;
            }
        }

        return found;
    }


    private static bool IsSquaredTerm(IOperation term) => IsSquare(term, []);

    /// <summary>
    /// Follows the root's value up to the divisions it is the divisor of, through additions (an epsilon outside the
    /// root), floors, and locals (<c>var denom = Math.Sqrt(s) + eps;</c> then <c>g / denom</c>).
    /// </summary>
    /// <remarks>
    /// Arithmetic written as methods counts too (<c>g.div(s.sqrt().add(eps))</c>), and a reciprocal root
    /// (<c>g * rsqrt(s + eps)</c>) divides where it multiplies.
    /// </remarks>
    private IEnumerable<(IOperation Division, bool Guarded, IInvocationOperation? CallSite)> DivisionsBy(IOperation value, int hops, bool guarded, bool reciprocal)
    {
        IOperation current = value;
        while (current.Parent is { } parent)
        {
            if (parent is IArgumentOperation { Parent: IInvocationOperation argumentOf } && !IsFloor(argumentOf) && ArithmeticCall(argumentOf) is not null)
            {
                // `a.div(root)`, `Vector.Divide(a, root)`: the call is the arithmetic, its argument slot only a step.
                parent = argumentOf;
            }

            (BinaryOperatorKind Kind, IOperation Left, IOperation Right)? arithmetic = parent switch
            {
                IBinaryOperation binary => (binary.OperatorKind, binary.LeftOperand, binary.RightOperand),
                IInvocationOperation call => ArithmeticCall(call),
                _ => null,
            };
            if (arithmetic is { } step)
            {
                bool isRight = Unwrap(step.Right) == current || step.Right == current;
                switch (step.Kind)
                {
                    case BinaryOperatorKind.Add:
                        guarded |= !IsSquaredTerm(isRight ? step.Left : step.Right);
                        current = parent;
                        continue;
                    case BinaryOperatorKind.Divide when isRight && !reciprocal:
                    case BinaryOperatorKind.Multiply when reciprocal:
                        yield return (parent, guarded, null);
                        yield break;
                    default:
                        yield break;
                }
            }

            switch (parent)
            {
                case IConversionOperation or IParenthesizedOperation:
                    current = parent;
                    continue;
                case IArgumentOperation { Parent: IInvocationOperation call } when IsFloor(call):
                    guarded = true;
                    current = call;
                    continue;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } when hops < MaxHops:
                    foreach ((IOperation, bool, IInvocationOperation?) found in DivisionsThroughLocal(declarator.Symbol, parent, hops, guarded, reciprocal))
                    {
                        yield return found;
                    }

                    yield break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == current && hops < MaxHops:
                    foreach ((IOperation, bool, IInvocationOperation?) found in DivisionsThroughLocal(target.Local, parent, hops, guarded, reciprocal))
                    {
                        yield return found;
                    }

                    yield break;
                case IReturnOperation returned when hops < MaxHops && ReturnOwner(returned) is { } method:
                    // `double Denominator(double ms) => Math.Sqrt(ms) + Eps;` divides wherever it is called.
                    foreach (IInvocationOperation call in CallSitesOf(method))
                    {
                        foreach ((IOperation d, bool g, _) in DivisionsBy(call, hops + 1, guarded, reciprocal))
                        {
                            yield return (d, g, call);
                        }
                    }

                    yield break;
                default:
                    yield break;
            }
        }
    }

    private IEnumerable<(IOperation, bool, IInvocationOperation?)> DivisionsThroughLocal(ILocalSymbol local, IOperation definition, int hops, bool guarded, bool reciprocal)
    {
        guarded |= GuardedAfterwards(local, BodyOf(definition));
        foreach (ILocalReferenceOperation reference in ReadsReachedBy(local, definition))
        {
            foreach ((IOperation, bool, IInvocationOperation?) found in DivisionsBy(reference, hops + 1, guarded, reciprocal))
            {
                yield return found;
            }
        }
    }

    /// <summary>
    /// The reads of a local that one of its definitions reaches, by position: after the definition, up to the end of
    /// the next plain assignment of the local (whose right-hand side still reads the old value). Long numeric code
    /// reuses a local such as <c>s</c> for unrelated values; each of its lives is followed on its own. A value carried
    /// round a loop to a read above its definition is not followed.
    /// </summary>
    private IEnumerable<ILocalReferenceOperation> ReadsReachedBy(ILocalSymbol local, IOperation definition)
    {
        List<ILocalReferenceOperation> references = ReferencesTo(local, BodyOf(definition));
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

    /// <summary>The value of the last definition of a local above <paramref name="use"/> in its body, if there is one.</summary>
    private IOperation? ReachingValue(ILocalSymbol local, IOperation use) =>
        DefinitionsOf(local, LocalDefinitionsFor(use))
            .Where(value => value.Syntax.Span.End <= use.Syntax.SpanStart)
            .OrderBy(value => value.Syntax.SpanStart)
            .LastOrDefault();

    /// <summary>
    /// <c>denominator += eps;</c>, <c>denominator = denominator + eps;</c> or <c>denominator = Math.Max(denominator, eps);</c>
    /// in the same body: the local that holds the root gets its epsilon in a statement of its own.
    /// </summary>
    private bool GuardedAfterwards(ILocalSymbol local, IOperation body) =>
        ReferencesTo(local, body).Any(reference => reference.Parent switch
        {
            ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add } compound when compound.Target == reference =>
                !IsSquaredTerm(compound.Value),
            ISimpleAssignmentOperation assignment when assignment.Target == reference =>
                IsFloor(assignment.Value)
                || Unwrap(assignment.Value) is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } sum
                    && (IsLocal(sum.LeftOperand, local) && !IsSquaredTerm(sum.RightOperand) || IsLocal(sum.RightOperand, local) && !IsSquaredTerm(sum.LeftOperand)),
            _ => false,
        });

    /// <summary>
    /// Every reference to <paramref name="local"/> in <paramref name="body"/>, in tree order; each body is indexed once,
    /// on first use, so following many locals through one long method stays linear in its size.
    /// </summary>
    private List<ILocalReferenceOperation> ReferencesTo(ILocalSymbol local, IOperation body)
    {
        Cancellation.ThrowIfCancellationRequested();
        if (!_localReferences.TryGetValue(body, out Dictionary<ILocalSymbol, List<ILocalReferenceOperation>>? byLocal))
        {
            byLocal = new Dictionary<ILocalSymbol, List<ILocalReferenceOperation>>(SymbolEqualityComparer.Default);
            IEnumerable<IOperation> operations = _bodyOperations.TryGetValue(body, out List<IOperation>? indexed) ? indexed : body.DescendantsAndSelf();
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

    private static bool IsLocal(IOperation operation, ILocalSymbol local) =>
        Unwrap(operation) is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);

    private static bool IsWrite(IOperation reference) =>
        reference.Parent is IAssignmentOperation assignment && assignment.Target == reference;

    /// <summary>
    /// The parameter update a quotient feeds: <c>w -= ...</c>, <c>w = w - ...</c> (also in a tuple or a
    /// <c>with</c>), or a lambda/helper that returns <c>w - ...</c>; through locals such as <c>var step = ...</c>.
    /// </summary>
    private IOperation? UpdateFedBy(IOperation quotient, int hops, out IInvocationOperation? callSite)
    {
        callSite = null;
        IOperation current = quotient;
        while (current.Parent is { } parent)
        {
            switch (parent)
            {
                case IConversionOperation or IParenthesizedOperation:
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Multiply or BinaryOperatorKind.Add or BinaryOperatorKind.Subtract }:
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Divide } when ((IBinaryOperation)parent).LeftOperand == current:
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus }:
                case IInvocationOperation { TargetMethod.Name: "Multiply" or "Add" or "Subtract" }:
                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Multiply" or "Add" or "Subtract" } }:
                    current = parent;
                    continue;
                case IArgumentOperation { Parent: IInvocationOperation inPlace } when IsInPlace(inPlace) && ArithmeticCall(inPlace) is (BinaryOperatorKind.Subtract or BinaryOperatorKind.Add, _, _)
                    && Root(inPlace.Instance, _aliases) is not null:
                    // `w.sub_(lr * g / denominator)`: the tensor is updated where it stands.
                    return inPlace;
                case IInvocationOperation call when ArithmeticCall(call) is var (kind, left, _) && (kind != BinaryOperatorKind.Divide || left == current):
                case IArgumentOperation { Parent: IInvocationOperation argumentOf } when ArithmeticCall(argumentOf) is (not BinaryOperatorKind.Divide, _, _):
                    // `lr.mul(g).div(denominator)`, `w.sub(step)`: arithmetic written as methods.
                    current = parent;
                    continue;
                case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Subtract or BinaryOperatorKind.Add } compound when compound.Value == current:
                    return Root(compound.Target, _aliases) is not null ? compound : null;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == current && hops < MaxHops:
                    return IsSelfRelative(assignment) ? assignment : UpdateThroughLocal(target.Local, parent, hops, out callSite);
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } when hops < MaxHops:
                    return Root(declarator, _aliases) is { } declared && !SymbolEqualityComparer.Default.Equals(declared, declarator.Symbol)
                        && Terms(current).Any(t => !t.Negative && SymbolEqualityComparer.Default.Equals(Root(t.Term, _aliases), declared))
                        ? declarator
                        : UpdateThroughLocal(declarator.Symbol, parent, hops, out callSite);
                case ISimpleAssignmentOperation assignment when assignment.Value == current:
                    return IsSelfRelative(assignment) ? assignment : null;
                case ITupleOperation tuple when DeconstructionOf(tuple) is { Target: ITupleOperation targets } deconstruction:
                    int index = tuple.Elements.IndexOf(current);
                    return index >= 0 && index < targets.Elements.Length
                        && Root(targets.Elements[index], _aliases) is { } element
                        && Terms(current).Any(t => !t.Negative && SymbolEqualityComparer.Default.Equals(Root(t.Term, _aliases), element))
                        ? deconstruction
                        : null;
                case IInvocationOperation { TargetMethod.Name: "CopyTo" or "TryCopyTo" } copy when copy.Instance == current:
                    // (new Vector<T>(w, i) - step).CopyTo(w, i): the vector written back is the parameter's new value.
                    return copy.Arguments.Length > 0 && Root(copy.Arguments[0].Value, _aliases) is { } destination
                        && Terms(current).Any(t => !t.Negative && SymbolEqualityComparer.Default.Equals(Root(t.Term, _aliases), destination))
                        ? copy
                        : null;
                case IReturnOperation returned:
                    if (Terms(current).Any(t => !t.Negative && Unwrap(t.Term) is IParameterReferenceOperation or IFieldReferenceOperation or IArrayElementReferenceOperation)
                        && Terms(current).Any(t => t.Negative))
                    {
                        return returned;
                    }

                    // `double ScaledStep(double g, double ms) => lr * g / Math.Sqrt(ms);` steps wherever it is called.
                    if (hops < MaxHops && ReturnOwner(returned) is { } method)
                    {
                        foreach (IInvocationOperation call in CallSitesOf(method))
                        {
                            if (UpdateFedBy(call, hops + 1, out _) is { } update)
                            {
                                callSite = call;
                                return update;
                            }
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The deconstruction a tuple literal is the value of, seen through the conversion to the targets' type.</summary>
    private static IDeconstructionAssignmentOperation? DeconstructionOf(ITupleOperation tuple)
    {
        IOperation current = tuple;
        while (current.Parent is IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

        return current.Parent is IDeconstructionAssignmentOperation deconstruction && deconstruction.Value == current ? deconstruction : null;
    }

    /// <summary><c>w = w - ...</c>: the new value is the old one plus or minus something.</summary>
    private bool IsSelfRelative(ISimpleAssignmentOperation assignment) =>
        Root(assignment.Target, _aliases) is { } updated
        && Terms(assignment.Value).Any(t => !t.Negative && SymbolEqualityComparer.Default.Equals(Root(t.Term, _aliases), updated) && Unwrap(t.Term) is not IInvocationOperation);

    private IOperation? UpdateThroughLocal(ILocalSymbol local, IOperation definition, int hops, out IInvocationOperation? callSite)
    {
        callSite = null;
        foreach (ILocalReferenceOperation reference in ReadsReachedBy(local, definition))
        {
            if (UpdateFedBy(reference, hops + 1, out callSite) is { } update)
            {
                return update;
            }
        }

        return null;
    }
}
