using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static RmsProp.Analyzers.Shape.Expressions;

namespace RmsProp.Analyzers.Shape.NormalForm;

/// <summary>
/// Reduces the new value of one state update to a <see cref="Polynomial"/> over <see cref="Atom"/>s: arithmetic
/// (operators and methods such as <c>x.Mul(rho).Add(...)</c>), squares and integer powers, SIMD broadcasts, locals
/// (through their reaching definition), a local array filled elsewhere in the body, fields whose one stored value is
/// an expression of other hyperparameters, and same-type helpers (their returned expression, parameters read as the
/// call's arguments). Everything else is an opaque atom. Depth and size are bounded, and the cancellation token is
/// checked at every step.
/// </summary>
internal sealed class UpdateReducer
{
    private const int MaxDepth = 12;

    private readonly TypeFacts _facts;
    private readonly ISymbol _state;
    private readonly IOperation? _target;
    private readonly Aliases _aliases;
    private readonly Dictionary<string, Atom> _atoms = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, int> _readDepth = new(System.StringComparer.Ordinal);
    private readonly HashSet<ISymbol> _expanding = new(SymbolEqualityComparer.Default);

    // Which of several reaching definitions each local is read through (the first when not named), and how many
    // definitions reached each local that had more than one.
    private readonly IReadOnlyDictionary<ILocalSymbol, int>? _choices;
    private readonly Dictionary<ILocalSymbol, int> _alternatives = new(SymbolEqualityComparer.Default);

    // Whether a datum read through a helper's parameter is placed at the parameter rather than at the argument.
    private bool _dataAtParameters;

    // A helper's parameters, each bound to the argument of the call being followed and to the bindings that were in
    // force where that argument is written.
    private Dictionary<IParameterSymbol, Binding>? _parameters;

    public UpdateReducer(TypeFacts facts, ISymbol state, IOperation? target, Aliases aliases, IReadOnlyDictionary<ILocalSymbol, int>? choices = null)
    {
        _facts = facts;
        _state = state;
        _target = target;
        _aliases = aliases;
        _choices = choices;
    }

    /// <summary>
    /// The locals this reduction read that more than one definition reaches (branches, a value carried round a loop),
    /// with how many: each other definition is another path's value of the update.
    /// </summary>
    public IReadOnlyDictionary<ILocalSymbol, int> Alternatives => _alternatives;

    /// <summary>The key of the old value's atom.</summary>
    public const string OldKey = "old";

    /// <summary>Every atom met so far, by key.</summary>
    public IReadOnlyDictionary<string, Atom> Atoms => _atoms;

    /// <summary>The normal form of <paramref name="value"/>, or null when it is too large or not arithmetic at all.</summary>
    public Polynomial? Reduce(IOperation value) => Reduce(value, depth: 0);

    private Polynomial? Reduce(IOperation operation, int depth)
    {
        _facts.Cancellation.ThrowIfCancellationRequested();
        if (depth > MaxDepth)
        {
            return null;
        }

        operation = Unwrap(operation);
        if (Weights.Number(operation) is { } number)
        {
            return Polynomial.Constant(number);
        }

        switch (operation)
        {
            case IBinaryOperation binary:
                return Combine(binary.OperatorKind, binary.LeftOperand, binary.RightOperand, depth);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus } minus:
                return Reduce(minus.Operand, depth + 1)?.Scaled(-1);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Plus } plus:
                return Reduce(plus.Operand, depth + 1);
            case IInvocationOperation call:
                return Invocation(call, depth);
            case IObjectCreationOperation { Arguments.Length: 1 } broadcast when IsVectorType(broadcast.Type?.OriginalDefinition)
                && broadcast.Arguments[0].Value.Type is not (IArrayTypeSymbol or { IsRefLikeType: true }):
                return Reduce(broadcast.Arguments[0].Value, depth + 1);
            case IParameterReferenceOperation parameter when _parameters is not null
                && _parameters.TryGetValue(parameter.Parameter.OriginalDefinition, out Binding? bound):
                Polynomial? argumentValue = WithParameters(bound.Outer, () => Reduce(bound.Argument, depth + 1));
                if (_dataAtParameters && argumentValue is not null)
                {
                    NoteRead(argumentValue, parameter, depth: -1);
                }

                return argumentValue;
            case ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation
                or IArrayElementReferenceOperation:
                return Storage(operation, depth);
            case IObjectCreationOperation or IInvocationOperation when IsVectorLoad(operation):
                return Storage(operation, depth);
            case var access when PointerDereference(access) is not null:
                return Storage(operation, depth);
            default:
                return Opaque(operation);
        }
    }

    private Polynomial? Combine(BinaryOperatorKind kind, IOperation leftOperand, IOperation rightOperand, int depth)
    {
        if (kind is not (BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply or BinaryOperatorKind.Divide))
        {
            return null;
        }

        if (Reduce(leftOperand, depth + 1) is not { } left || Reduce(rightOperand, depth + 1) is not { } right)
        {
            return null;
        }

        return kind switch
        {
            BinaryOperatorKind.Add => Bounded(left.Plus(right)),
            BinaryOperatorKind.Subtract => Bounded(left.Minus(right)),
            BinaryOperatorKind.Multiply => left.Times(right),
            // Division by a constant or a product of hyperparameters keeps a polynomial; by anything else the
            // quotient is one opaque value (what the update does with it is then unknown).
            _ => right.Reciprocal() is { } reciprocal && IsHyperparameterOnly(right) ? left.Times(reciprocal) : null,
        };
    }

    private static Polynomial? Bounded(Polynomial polynomial) => polynomial.Count > Polynomial.MaxTerms ? null : polynomial;

    private Polynomial? Invocation(IInvocationOperation call, int depth)
    {
        if (ArithmeticCall(call) is var (kind, left, right))
        {
            return Combine(kind, left, right, depth);
        }

        if (SquaredOperand(call) is { } squared)
        {
            return Reduce(squared, depth + 1) is { } inner ? inner.Times(inner) : null;
        }

        if (call.TargetMethod.Name == "Create" && call.Arguments.Length == 1 && IsVectorType(call.TargetMethod.ContainingType))
        {
            return Reduce(call.Arguments[0].Value, depth + 1);
        }

        if (IsVectorLoad(call))
        {
            return Storage(call, depth);
        }

        // A same-type helper: its one returned expression, its parameters read as this call's arguments.
        if (_facts.BodyOfMethod(call.TargetMethod) is { } body && TypeFacts.ReturnedValue(body) is { } returned
            && !_expanding.Contains(call.TargetMethod.OriginalDefinition))
        {
            return Through(call, returned, depth);
        }

        return Opaque(call);
    }

    /// <summary>
    /// The normal form of <paramref name="element"/>, one element of the tuple a same-type helper returns, with the
    /// helper's parameters read as <paramref name="call"/>'s arguments: <c>(s, m) = Moments(s, m, g)</c>. A datum the
    /// element reads through a parameter is placed at that parameter in the helper (the argument feeds the other
    /// elements too, so the helper is where this element goes wrong).
    /// </summary>
    public Polynomial? ReduceThrough(IInvocationOperation call, IOperation element)
    {
        bool saved = _dataAtParameters;
        _dataAtParameters = true;
        try
        {
            return Through(call, element, depth: 0);
        }
        finally
        {
            _dataAtParameters = saved;
        }
    }

    private Polynomial? Through(IInvocationOperation call, IOperation returned, int depth)
    {
        if (_expanding.Contains(call.TargetMethod.OriginalDefinition))
        {
            return null;
        }

        var bindings = new Dictionary<IParameterSymbol, Binding>(SymbolEqualityComparer.Default);
        foreach (IArgumentOperation argument in call.Arguments)
        {
            if (argument.Parameter is { } parameter)
            {
                bindings[parameter.OriginalDefinition] = new Binding(argument.Value, _parameters);
            }
        }

        _expanding.Add(call.TargetMethod.OriginalDefinition);
        Polynomial? result = WithParameters(bindings, () => Reduce(returned, depth + 1));
        _expanding.Remove(call.TargetMethod.OriginalDefinition);
        return result;
    }

    private Polynomial? WithParameters(Dictionary<IParameterSymbol, Binding>? bindings, System.Func<Polynomial?> reduce)
    {
        Dictionary<IParameterSymbol, Binding>? saved = _parameters;
        _parameters = bindings;
        try
        {
            return reduce();
        }
        finally
        {
            _parameters = saved;
        }
    }

    private Polynomial? Storage(IOperation read, int depth)
    {
        ISymbol? root = Root(read, _aliases);
        if (root is null)
        {
            return Opaque(read);
        }

        if (SymbolEqualityComparer.Default.Equals(root, _state) && !DistinctSlots(_target, read))
        {
            return AtomAt(OldKey, AtomKind.Old, read, root, null, depth);
        }

        // A local deconstructed from a same-type helper's tuple: that element of the helper's tuple.
        if (read is ILocalReferenceOperation deconstructed && !_expanding.Contains(deconstructed.Local)
            && _facts.Flow.ReachingDeconstruction(deconstructed.Local, read) is { } deconstruction
            && _facts.HelperTupleElement(deconstruction, deconstructed.Local) is var (helperCall, tupleElement))
        {
            _expanding.Add(deconstructed.Local);
            Polynomial? elementValue = ReduceThrough(helperCall, tupleElement);
            _expanding.Remove(deconstructed.Local);
            return elementValue;
        }

        // A local: what the definition reaching this read holds (`var old = _s[i]`, `double sq = g * g`); when several
        // reach it, the one this reduction was asked to follow.
        if (read is ILocalReferenceOperation local && !_expanding.Contains(local.Local) && ReachingDefinition(local.Local, read) is { } definition)
        {
            _expanding.Add(local.Local);
            Polynomial? defined = Reduce(definition, depth + 1);
            _expanding.Remove(local.Local);
            if (defined is not null && IsCompoundDatum(defined))
            {
                // `double g = 2 * (w - 1);`, `var gc = g[i] + wd * w[i];`: a sum of data terms of degree 1 is this
                // step's gradient as the code names it; multiplied out, it would look like several new terms.
                bool perCoordinate = defined.Terms.Any(term => term.Key.Powers.Any(p => _atoms[p.Key].PerCoordinate));
                return AtomAt(Key(local.Local), AtomKind.Data, read, local.Local, null, depth, perCoordinate: perCoordinate);
            }

            if (defined is not null)
            {
                NoteRead(defined, read, depth);
            }

            return defined;
        }

        bool element = IsElementAccess(read) || IsVectorLoad(read);
        if (element && root is ILocalSymbol array && FilledElements(array, read) is { } filled)
        {
            // `var sq = new double[n]; for (...) sq[i] = g[i] * g[i];` and later `sq[i]` read in the update.
            NoteRead(filled, read, depth);
            return filled;
        }

        if (element)
        {
            return AtomAt(Key(root), AtomKind.Data, read, root, null, depth, perCoordinate: true);
        }

        return Named(root, read, depth);
    }

    private IOperation? ReachingDefinition(ILocalSymbol local, IOperation read)
    {
        // A local that some path defines by other means (`w -= step`, an `out` argument, a `foreach` variable) is data
        // at this read, not the value of its other definitions.
        IReadOnlyList<IOperation>? values = _facts.Flow.ReachingValues(local, read);
        if (values is not { Count: > 1 })
        {
            return values is { Count: 1 } ? values[0] : null;
        }

        _alternatives[local] = System.Math.Max(values.Count, _alternatives.TryGetValue(local, out int known) ? known : 0);
        int choice = _choices is not null && _choices.TryGetValue(local, out int chosen) ? chosen : 0;
        return values[System.Math.Min(choice, values.Count - 1)];
    }

    /// <summary>
    /// The one value (as a normal form) every element assignment of a local array in this body writes, or null when
    /// they disagree or there are none.
    /// </summary>
    private Polynomial? FilledElements(ILocalSymbol array, IOperation read)
    {
        if (_expanding.Contains(array))
        {
            return null;
        }

        Polynomial? filled = null;
        _expanding.Add(array);
        try
        {
            foreach (IOperation operation in _facts.OperationsOf(TypeFacts.BodyOf(read)))
            {
                if (operation is not ISimpleAssignmentOperation assignment || !IsElementAccess(assignment.Target)
                    || !SymbolEqualityComparer.Default.Equals(Root(assignment.Target), array))
                {
                    continue;
                }

                if (Reduce(assignment.Value, depth: MaxDepth / 2) is not { } value || filled is not null && !filled.SameAs(value))
                {
                    return null;
                }

                filled = value;
            }
        }
        finally
        {
            _expanding.Remove(array);
        }

        return filled;
    }

    /// <summary>
    /// A field, property, parameter or local read whole: a hyperparameter when the type only stores constants in it
    /// (or it is named like one, or it counts), the expression stored in it when that is its one value, else data.
    /// </summary>
    private Polynomial? Named(ISymbol symbol, IOperation read, int depth)
    {
        if (symbol is IFieldSymbol { IsConst: true, HasConstantValue: true } constant && ConstantNumberOf(constant.ConstantValue) is { } constantValue)
        {
            return Polynomial.Constant(constantValue);
        }

        IReadOnlyList<IOperation> values = symbol is ILocalSymbol ? [] : _facts.ValuesAssignedTo(symbol);
        var numbers = values.Select(v => Weights.Number(v)).ToList();
        if (values.Count > 0 && numbers.All(n => n is not null))
        {
            double? value = numbers.Distinct().Count() == 1 ? numbers[0] : null;
            return AtomAt(Key(symbol), AtomKind.Hyperparameter, read, symbol, value, depth);
        }

        if (values.Count == 1 && symbol is IFieldSymbol or IPropertySymbol && !_expanding.Contains(symbol)
            && !values[0].DescendantsAndSelf().Any(op => IsElementAccess(op) || IsVectorLoad(op)))
        {
            // `_keep = 1 - _rho;` in the constructor: the weight is that expression of other hyperparameters.
            _expanding.Add(symbol);
            Polynomial? expanded = Reduce(values[0], depth + 1);
            _expanding.Remove(symbol);
            if (expanded is not null && IsHyperparameterOnly(expanded))
            {
                return expanded;
            }
        }

        ITypeSymbol? type = symbol switch
        {
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            IParameterSymbol parameter => parameter.Type,
            ILocalSymbol local => local.Type,
            _ => null,
        };
        bool counts = type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32 or SpecialType.System_UInt64;
        string name = symbol.Name.TrimStart('_').ToLowerInvariant();
        bool named = Weights.NameLooksLikeDecay(symbol.Name) || name is "eps" or "epsilon" or "lr" or "learningrate" or "rate" or "alpha" or "beta";
        return AtomAt(Key(symbol), counts || named || symbol is IFieldSymbol { IsReadOnly: true } or IPropertySymbol { IsReadOnly: true } && type?.SpecialType is SpecialType.System_Double or SpecialType.System_Single
            ? AtomKind.Hyperparameter
            : AtomKind.Data, read, symbol, null, depth);
    }

    private static double? ConstantNumberOf(object? value) =>
        value is double or float or int or long or decimal or short or byte or uint or ulong
            ? System.Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    private Polynomial Opaque(IOperation operation)
    {
        string key = "?" + operation.Syntax.ToString();
        bool readsOld = Reads(operation, _state, _aliases);
        return AtomAt(key, AtomKind.Opaque, operation, null, null, depth: 0, readsOld: readsOld);
    }

    private Polynomial AtomAt(string key, AtomKind kind, IOperation read, ISymbol? symbol, double? value, int depth, bool readsOld = false, bool perCoordinate = false)
    {
        if (!_atoms.ContainsKey(key))
        {
            _atoms[key] = new Atom(key, kind, read, symbol, value, readsOld, perCoordinate);
            _readDepth[key] = depth;
        }
        else if (depth < _readDepth[key])
        {
            _atoms[key].Read = read;
            _readDepth[key] = depth;
        }

        return Polynomial.Atom(key);
    }

    /// <summary>A local that holds exactly one data atom is where the update reads it: the report goes there.</summary>
    private void NoteRead(Polynomial value, IOperation read, int depth)
    {
        if (value.Count != 1)
        {
            return;
        }

        Monomial monomial = value.Terms.First().Key;
        var data = monomial.Powers.Where(p => _atoms.TryGetValue(p.Key, out Atom? atom) && atom.Kind == AtomKind.Data).ToList();
        if (data.Count == 1 && depth < _readDepth[data[0].Key])
        {
            _atoms[data[0].Key].Read = read;
            _readDepth[data[0].Key] = depth;
        }
    }

    /// <summary>
    /// Whether a local's value is a sum of several terms, none reading the old value and each of degree at most 1 in
    /// the data, at least one of them data: one quantity, such as a gradient computed in place.
    /// </summary>
    private bool IsCompoundDatum(Polynomial value)
    {
        if (value.Count < 2)
        {
            return false;
        }

        bool anyData = false;
        foreach (KeyValuePair<Monomial, double> term in value.Terms)
        {
            int degree = 0;
            foreach (KeyValuePair<string, int> power in term.Key.Powers)
            {
                AtomKind kind = _atoms[power.Key].Kind;
                if (kind == AtomKind.Old)
                {
                    return false;
                }

                degree += kind is AtomKind.Data or AtomKind.Opaque ? power.Value : 0;
            }

            if (degree > 1)
            {
                return false;
            }

            anyData |= degree == 1;
        }

        return anyData;
    }

    /// <summary>Whether every atom of the polynomial is a hyperparameter (or it is a constant).</summary>
    public bool IsHyperparameterOnly(Polynomial polynomial) =>
        polynomial.Terms.All(term => term.Key.Powers.All(p => _atoms.TryGetValue(p.Key, out Atom? atom) && atom.Kind == AtomKind.Hyperparameter));

    private static string Key(ISymbol symbol) =>
        symbol.Kind + ":" + symbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + (symbol is ILocalSymbol or IParameterSymbol ? "@" + symbol.ContainingSymbol?.Name : string.Empty);

    /// <summary>A helper parameter bound to the call's argument, with the bindings in force where the argument is written.</summary>
    private sealed class Binding
    {
        public Binding(IOperation argument, Dictionary<IParameterSymbol, Binding>? outer)
        {
            Argument = argument;
            Outer = outer;
        }

        public IOperation Argument { get; }

        public Dictionary<IParameterSymbol, Binding>? Outer { get; }
    }
}
