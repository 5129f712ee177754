using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static RmsProp.Analyzers.Shape.Expressions;

namespace RmsProp.Analyzers.Shape;

/// <summary>
/// The facts that span types, for one compilation: which types hold an RMSProp step (and which of their methods step
/// it or clear its accumulator), which methods are factories of a type, and the loops of every caller that call a
/// method of a source type on one instance. Each type contributes its part when its own analysis ends; the parts are
/// joined once, when the compilation ends (<see cref="Join"/>).
/// </summary>
/// <remarks>
/// Why a join at the compilation's end, rather than asking about the callee when the caller is analysed: the callee's
/// facts come from its operation trees, and an analyzer may only get a type's trees from the driver while that type
/// is analysed (Compilation.GetSemanticModel from an analyzer is RS1030: it binds the file again, outside the driver's
/// cache). Collecting while each type is analysed reads every tree once, in the walk the analyzer already makes, and
/// the join is a lookup per recorded call: linear in the size of the compilation. The price is that the caller's
/// diagnostics are compilation-end diagnostics (their descriptor is tagged so, RS1037), which an IDE computes only
/// in full-solution analysis and on build, not live as the caller is typed.
/// </remarks>
internal sealed class CallerFacts
{
    private readonly StepNames _stepNames;
    private readonly ConcurrentDictionary<INamedTypeSymbol, StepType> _stepTypes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, INamedTypeSymbol> _factories = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentBag<CallerLoop> _loops = new();

    /// <param name="stepNames">
    /// The names a caller must mention (<see cref="CallerSyntax.StepNames"/>); the analyzer creates the facts only
    /// when there is one, since with none no type is walked as a caller and the join finds nothing.
    /// </param>
    public CallerFacts(StepNames stepNames)
    {
        _stepNames = stepNames;
    }

    /// <summary>
    /// Whether <paramref name="type"/>'s source has a loop and names a type that may hold an RMSProp step (or a factory
    /// of one), or declares such a factory: only such a type can reset a step in a loop or make one, so only its
    /// operation trees are walked for callers.
    /// </summary>
    public bool MayCallStep(INamedTypeSymbol type, CancellationToken cancellation) =>
        CallerSyntax.MayCallOrMake(type, _stepNames, cancellation);

    /// <summary>
    /// Records what <paramref name="model"/> says about <paramref name="type"/> as a callee: the methods that update
    /// an instance accumulator feeding an adaptive denominator (the steps, with the methods of the type that call
    /// them outside a loop), and the other methods that clear or re-create such an accumulator.
    /// </summary>
    public void AddStepType(INamedTypeSymbol type, TypeModel model)
    {
        var accumulators = new Dictionary<ISymbol, Average>(SymbolEqualityComparer.Default);
        var steps = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<IMethodSymbol>();
        foreach (Average average in model.Averages)
        {
            model.Cancellation.ThrowIfCancellationRequested();
            if (average.Storage is IFieldSymbol { IsStatic: false } or IPropertySymbol { IsStatic: false }
                && SymbolEqualityComparer.Default.Equals(average.Storage.ContainingType, type)
                && model.FeedsDenominator(average)
                && model.MethodOf(average.Assignment) is { } method)
            {
                if (!accumulators.ContainsKey(average.Storage))
                {
                    accumulators[average.Storage] = average;
                }

                if (steps.Add(method))
                {
                    pending.Push(method);
                }
            }
        }

        if (accumulators.Count == 0)
        {
            return;
        }

        // `public void Step(...) => Update(_w, g);`: the public method steps too. A method that calls the step in a
        // loop runs a whole training (it is a caller of its own), not one step.
        while (pending.Count > 0)
        {
            foreach (IInvocationOperation call in model.CallsTo(pending.Pop()))
            {
                if (Ancestor<ILoopOperation>(call) is null && model.MethodOf(call) is { } caller && steps.Add(caller))
                {
                    pending.Push(caller);
                }
            }
        }

        var clearing = new Dictionary<IMethodSymbol, string>(SymbolEqualityComparer.Default);
        foreach ((ISymbol owner, IOperation block) in model.Blocks)
        {
            if (owner is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method || steps.Contains(method) || clearing.ContainsKey(method))
            {
                continue;
            }

            foreach (Average accumulator in accumulators.Values)
            {
                model.Cancellation.ThrowIfCancellationRequested();
                if (Rmsp004AccumulatorReset.ClearsAccumulator(TypeModel.BodyOf(block), accumulator, model))
                {
                    clearing[method] = accumulator.Storage.Name;
                    break;
                }
            }
        }

        _stepTypes[type.OriginalDefinition] = new StepType(steps.ToImmutableHashSet<IMethodSymbol>(SymbolEqualityComparer.Default), clearing.ToImmutableDictionary<IMethodSymbol, string>(SymbolEqualityComparer.Default));
    }

    /// <summary>
    /// Walks a caller type's blocks once: records its factories (methods whose every return is a new instance of a
    /// source type), and, for every innermost loop, the calls made on each instance (a local, parameter, or field or
    /// property of this object) to methods of source types, and the creations stored into it.
    /// </summary>
    public void AddCallers(ImmutableArray<(ISymbol Owner, IOperation Block)> blocks, CancellationToken cancellation)
    {
        var groups = new Dictionary<(ILoopOperation Loop, ISymbol Receiver), LoopGroup>();
        var createdInto = new Dictionary<ISymbol, List<CreationSite>>(SymbolEqualityComparer.Default);
        var walk = new Stack<(IOperation Operation, ILoopOperation? Loop, bool Guarded)>();
        int visited = 0;
        foreach ((ISymbol owner, IOperation block) in blocks)
        {
            cancellation.ThrowIfCancellationRequested();
            List<IReturnOperation>? returns = owner is IMethodSymbol { ReturnType: INamedTypeSymbol returned } && IsInSource(returned) ? new() : null;
            walk.Push((block, null, false));
            while (walk.Count > 0)
            {
                (IOperation operation, ILoopOperation? loop, bool guarded) = walk.Pop();
                if ((++visited & 1023) == 0)
                {
                    cancellation.ThrowIfCancellationRequested();
                }

                Record(operation, loop, guarded, groups, createdInto);

                if (returns is not null && operation is IReturnOperation { Kind: OperationKind.Return, ReturnedValue: not null } ret
                    && Ancestor<IAnonymousFunctionOperation>(ret) is null && Ancestor<ILocalFunctionOperation>(ret) is null)
                {
                    returns.Add(ret);
                }

                foreach (IOperation child in operation.ChildOperations)
                {
                    walk.Push(Enter(operation, child, loop, guarded));
                }
            }

            if (returns is { Count: > 0 } && owner is IMethodSymbol factory
                && returns.Select(r => Unwrap(r.ReturnedValue!)).ToList() is var values
                && values.All(value => value is IObjectCreationOperation)
                && values[0].Type is INamedTypeSymbol created
                && values.All(value => SymbolEqualityComparer.Default.Equals(value.Type, created)))
            {
                _factories[factory.OriginalDefinition] = created.OriginalDefinition;
            }
        }

        foreach (KeyValuePair<(ILoopOperation Loop, ISymbol Receiver), LoopGroup> group in groups)
        {
            LoopGroup found = group.Value;
            if (found.Calls.Count >= 2 || found.Calls.Count >= 1 && found.Creations.Count >= 1)
            {
                ImmutableArray<CreationSite> assigned = createdInto.TryGetValue(group.Key.Receiver, out List<CreationSite>? all) ? all.ToImmutableArray() : ImmutableArray<CreationSite>.Empty;
                _loops.Add(new CallerLoop(group.Key.Receiver, found.Calls.ToImmutableArray(), found.Creations.ToImmutableArray(), assigned));
            }
        }
    }

    /// <summary>
    /// The innermost loop and guard of <paramref name="child"/>: a loop's body (and condition, and increment) is in
    /// that loop, its initializer and collection are not; a branch of an <c>if</c>, <c>?:</c>, <c>??</c> or
    /// <c>switch</c> is not known to run on every pass; a lambda or local function runs when it is called, so it
    /// starts outside any loop.
    /// </summary>
    private static (IOperation, ILoopOperation?, bool) Enter(IOperation parent, IOperation child, ILoopOperation? loop, bool guarded)
    {
        switch (parent)
        {
            case IAnonymousFunctionOperation or ILocalFunctionOperation:
                return (child, null, false);
            case IForLoopOperation forLoop when forLoop.Before.Contains(child):
                return (child, loop, guarded);
            case IForEachLoopOperation forEach when child == forEach.Collection:
                return (child, loop, guarded);
            case ILoopOperation inner:
                return (child, inner, false);
            case IConditionalOperation conditional when child != conditional.Condition:
            case ICoalesceOperation coalesce when child == coalesce.WhenNull:
            case ISwitchOperation switchStatement when child != switchStatement.Value:
            case ISwitchExpressionOperation switchExpression when child != switchExpression.Value:
                return (child, loop, true);
            default:
                return (child, loop, guarded);
        }
    }

    /// <summary>
    /// Records one operation: in a loop, a call on an instance, and a creation stored into one; anywhere in the type,
    /// every creation stored into a local, field or property (its initializer included), which tells what an instance
    /// declared as an interface or base class really is.
    /// </summary>
    private static void Record(
        IOperation operation, ILoopOperation? loop, bool guarded, Dictionary<(ILoopOperation, ISymbol), LoopGroup> groups, Dictionary<ISymbol, List<CreationSite>> createdInto)
    {
        (ISymbol? target, CreationSite? creation) = operation switch
        {
            ISimpleAssignmentOperation assignment when Receiver(assignment.Target) is { } receiver => (receiver, Creation(assignment.Value, guarded)),
            IVariableDeclaratorOperation { Initializer.Value: { } value } declarator => (declarator.Symbol, Creation(value, guarded)),
            IFieldInitializerOperation { InitializedFields: { Length: 1 } fields } initializer => (fields[0], Creation(initializer.Value, guarded)),
            IPropertyInitializerOperation { InitializedProperties: { Length: 1 } properties } initializer => (properties[0], Creation(initializer.Value, guarded)),
            _ => (null, null),
        };
        if (target is not null && creation is not null)
        {
            if (!createdInto.TryGetValue(target, out List<CreationSite>? created))
            {
                createdInto[target] = created = new List<CreationSite>();
            }

            created.Add(creation);
            if (loop is not null)
            {
                Group(groups, loop, target).Creations.Add(creation);
            }

            return;
        }

        if (loop is not null && operation is IInvocationOperation { Instance: { } instance } call && IsInSource(call.TargetMethod) && Receiver(instance) is { } called)
        {
            Group(groups, loop, called).Calls.Add(new CallSite(
                call.TargetMethod.OriginalDefinition,
                call.Syntax.GetLocation(),
                guarded,
                parameterlessStatement: call.Arguments.IsEmpty && call.Parent is IExpressionStatementOperation));
        }
    }

    private static LoopGroup Group(Dictionary<(ILoopOperation, ISymbol), LoopGroup> groups, ILoopOperation loop, ISymbol receiver)
    {
        if (!groups.TryGetValue((loop, receiver), out LoopGroup? group))
        {
            groups[(loop, receiver)] = group = new LoopGroup();
        }

        return group;
    }

    /// <summary>One instance, as the caller names it: a local, a parameter, or a field or property of this object (or a static one).</summary>
    private static ISymbol? Receiver(IOperation instance) => Unwrap(instance) switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
        IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Arguments.IsEmpty: true } property => property.Property,
        _ => null,
    };

    /// <summary>A fresh instance of a source type: <c>new X(...)</c>, <c>new(...)</c>, or a call of a source method (a factory, if its facts say so).</summary>
    private static CreationSite? Creation(IOperation value, bool guarded) => Unwrap(value) switch
    {
        IObjectCreationOperation { Type: INamedTypeSymbol type } creation when IsInSource(type) =>
            new CreationSite(type.OriginalDefinition, null, creation.Syntax.GetLocation(), guarded),
        IInvocationOperation { TargetMethod.ReturnType: INamedTypeSymbol returned } call when IsInSource(call.TargetMethod) && IsInSource(returned) =>
            new CreationSite(null, call.TargetMethod.OriginalDefinition, call.Syntax.GetLocation(), guarded),
        _ => null,
    };

    private static bool IsInSource(ISymbol symbol) => symbol.OriginalDefinition.Locations.Any(location => location.IsInSource);

    /// <summary>
    /// Joins the callers' loops with the callees' facts: in a loop that calls an RMSProp step on an instance, every
    /// unguarded call on that instance to a method that clears its accumulator, and every unguarded creation of it
    /// (directly or through a factory), starts the average over on each pass.
    /// </summary>
    public IEnumerable<CallerReset> Join(CancellationToken cancellation)
    {
        foreach (CallerLoop loop in _loops)
        {
            cancellation.ThrowIfCancellationRequested();

            // An instance declared as an interface or a base class (`IOptimizer opt = new RmsProp(n);`) is known to be
            // of its one created type: its calls are that type's implementations.
            List<INamedTypeSymbol> created = loop.Assigned.Select(Created).OfType<INamedTypeSymbol>().Distinct<INamedTypeSymbol>(SymbolEqualityComparer.Default).ToList();
            INamedTypeSymbol? only = created.Count == 1 ? created[0] : null;
            IMethodSymbol Target(CallSite call) => only is not null && Implementation(only, call.Method) is { } implementation ? implementation : call.Method;

            IMethodSymbol? step = null;
            StepType? stepType = null;
            foreach (CallSite call in loop.Calls)
            {
                IMethodSymbol method = Target(call);
                if (_stepTypes.TryGetValue(method.ContainingType.OriginalDefinition, out StepType? type) && type.Steps.Contains(method))
                {
                    step = method;
                    stepType = type;
                    break;
                }
            }

            if (step is null || stepType is null)
            {
                continue;
            }

            INamedTypeSymbol stepped = step.ContainingType.OriginalDefinition;
            foreach (CallSite call in loop.Calls)
            {
                IMethodSymbol method = Target(call);
                if (!call.Guarded && SymbolEqualityComparer.Default.Equals(method.ContainingType.OriginalDefinition, stepped)
                    && stepType.Clearing.TryGetValue(method, out string? accumulator))
                {
                    yield return new CallerReset(call.Location, CallerResetKind.Reset, $"{loop.Receiver.Name}.{call.Method.Name}()", loop.Receiver.Name, step.Name, accumulator, call.ParameterlessStatement);
                }
            }

            foreach (CreationSite creation in loop.Creations)
            {
                if (!creation.Guarded && SymbolEqualityComparer.Default.Equals(Created(creation), stepped))
                {
                    string what = creation.Factory is { } factory ? $"{factory.Name}(...)" : $"new {stepped.Name}(...)";
                    yield return new CallerReset(creation.Location, CallerResetKind.Creation, what, loop.Receiver.Name, step.Name, null, false);
                }
            }
        }
    }

    /// <summary>The type a creation makes: its own, or what the factory it calls is known to return.</summary>
    private INamedTypeSymbol? Created(CreationSite creation) =>
        creation.Type ?? (creation.Factory is { } factory && _factories.TryGetValue(factory, out INamedTypeSymbol? made) ? made : null);

    /// <summary>The method of <paramref name="type"/> that runs for a call of <paramref name="method"/> (an interface member, or a virtual one it overrides).</summary>
    private static IMethodSymbol? Implementation(INamedTypeSymbol type, IMethodSymbol method)
    {
        if (SymbolEqualityComparer.Default.Equals(method.ContainingType.OriginalDefinition, type))
        {
            return method;
        }

        if (method.ContainingType.TypeKind == TypeKind.Interface)
        {
            // The interface may be implemented by a base class whose virtual method the type overrides.
            if (type.FindImplementationForInterfaceMember(method) is not IMethodSymbol mapped)
            {
                return null;
            }

            method = mapped.OriginalDefinition;
        }

        if (!method.IsVirtual && !method.IsAbstract && !method.IsOverride)
        {
            return method;
        }

        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            foreach (IMethodSymbol candidate in current.GetMembers(method.Name).OfType<IMethodSymbol>())
            {
                for (IMethodSymbol? overridden = candidate; overridden is not null; overridden = overridden.OverriddenMethod)
                {
                    if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, method))
                    {
                        return candidate.OriginalDefinition;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>What the facts know of a type that holds an RMSProp step.</summary>
    private sealed class StepType
    {
        public StepType(ImmutableHashSet<IMethodSymbol> steps, ImmutableDictionary<IMethodSymbol, string> clearing)
        {
            Steps = steps;
            Clearing = clearing;
        }

        /// <summary>The methods that step the average (and the type's methods that call one outside a loop).</summary>
        public ImmutableHashSet<IMethodSymbol> Steps { get; }

        /// <summary>The other methods that clear or re-create an accumulator, each with the accumulator's name.</summary>
        public ImmutableDictionary<IMethodSymbol, string> Clearing { get; }
    }

    private sealed class LoopGroup
    {
        public List<CallSite> Calls { get; } = new();

        public List<CreationSite> Creations { get; } = new();
    }

    /// <summary>The calls and creations on one instance within one innermost loop of a caller.</summary>
    private sealed class CallerLoop
    {
        public CallerLoop(ISymbol receiver, ImmutableArray<CallSite> calls, ImmutableArray<CreationSite> creations, ImmutableArray<CreationSite> assigned)
        {
            Receiver = receiver;
            Calls = calls;
            Creations = creations;
            Assigned = assigned;
        }

        public ISymbol Receiver { get; }

        public ImmutableArray<CallSite> Calls { get; }

        /// <summary>The creations in this loop stored into the instance.</summary>
        public ImmutableArray<CreationSite> Creations { get; }

        /// <summary>Every creation the caller's type stores into the instance, in a loop or not.</summary>
        public ImmutableArray<CreationSite> Assigned { get; }
    }

    /// <summary>A call on the instance.</summary>
    private sealed class CallSite
    {
        public CallSite(IMethodSymbol method, Location location, bool guarded, bool parameterlessStatement)
        {
            Method = method;
            Location = location;
            Guarded = guarded;
            ParameterlessStatement = parameterlessStatement;
        }

        public IMethodSymbol Method { get; }

        public Location Location { get; }

        /// <summary>Under an <c>if</c>, <c>?:</c>, <c>??</c> or <c>switch</c> within the loop: not known to run on every pass.</summary>
        public bool Guarded { get; }

        /// <summary>A whole statement with no argument (<c>opt.Reset();</c>).</summary>
        public bool ParameterlessStatement { get; }
    }

    /// <summary>A creation stored into the instance: of a type, or by a method that may be a factory.</summary>
    private sealed class CreationSite
    {
        public CreationSite(INamedTypeSymbol? type, IMethodSymbol? factory, Location location, bool guarded)
        {
            Type = type;
            Factory = factory;
            Location = location;
            Guarded = guarded;
        }

        public INamedTypeSymbol? Type { get; }

        public IMethodSymbol? Factory { get; }

        public Location Location { get; }

        public bool Guarded { get; }
    }
}

/// <summary>How a caller starts an optimizer's average over.</summary>
internal enum CallerResetKind
{
    /// <summary>A call to a method of the optimizer that clears or re-creates its accumulator.</summary>
    Reset,

    /// <summary>A new optimizer, created directly or by a factory.</summary>
    Creation,
}

/// <summary>One reset of an optimizer by its caller on every pass of the loop that steps it.</summary>
internal sealed class CallerReset
{
    public CallerReset(Location location, CallerResetKind kind, string what, string receiver, string step, string? accumulator, bool parameterlessStatement)
    {
        Location = location;
        Kind = kind;
        What = what;
        Receiver = receiver;
        Step = step;
        Accumulator = accumulator;
        ParameterlessStatement = parameterlessStatement;
    }

    /// <summary>The reset call or the creation.</summary>
    public Location Location { get; }

    /// <summary>A reset call or a creation.</summary>
    public CallerResetKind Kind { get; }

    /// <summary>The reset as the message names it (<c>opt.Reset()</c>, <c>new RmsProp(...)</c>).</summary>
    public string What { get; }

    /// <summary>The instance's name.</summary>
    public string Receiver { get; }

    /// <summary>The step method called in the same loop.</summary>
    public string Step { get; }

    /// <summary>The accumulator the reset method clears (null for a creation).</summary>
    public string? Accumulator { get; }

    /// <summary>The reset is a whole statement with no argument, which can move out of the loop as it is.</summary>
    public bool ParameterlessStatement { get; }
}
