using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RmsProp.Analyzers.Shape.NormalForm;
using static RmsProp.Analyzers.Shape.Expressions;

namespace RmsProp.Analyzers.Shape;

/// <summary>
/// Finds the type's state updates: every assignment (simple, compound, deconstruction, declaration) whose new value
/// is a running average or sum of its old value, seen through locals, Zip/Select lambdas and same-type helpers.
/// </summary>
internal sealed class StateUpdateRecognizer
{
    private readonly TypeFacts _facts;
    private readonly Aliases _aliases;
    private readonly CancellationToken _cancellation;

    private StateUpdateRecognizer(TypeFacts facts)
    {
        _facts = facts;
        _aliases = facts.Aliases;
        _cancellation = facts.Cancellation;
    }

    /// <summary>Every running-average update of <paramref name="facts"/>'s type.</summary>
    public static List<Average> Find(TypeFacts facts) => new StateUpdateRecognizer(facts).FindAverages();

    private List<Average> FindAverages()
    {
        var averages = new List<Average>();
        foreach (IOperation operation in _facts.Operations)
        {
            _cancellation.ThrowIfCancellationRequested();
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
                    case IExpressionStatementOperation { Operation: IInvocationOperation call } when IsInPlace(call):
                        AddInPlaceChain(averages, call);
                        break;
                    // The tuple literal on the right is often wrapped in a conversion to the targets' tuple type.
                    case IDeconstructionAssignmentOperation { Target: ITupleOperation targets, Value: { } tupleValue }
                        when Unwrap(tupleValue) is ITupleOperation values && targets.Elements.Length == values.Elements.Length:
                        for (int i = 0; i < targets.Elements.Length; i++)
                        {
                            AddAverage(averages, operation, targets.Elements[i], values.Elements[i], compound: null);
                        }

                        break;
                    case IDeconstructionAssignmentOperation { Target: ITupleOperation targets, Value: { } helperValue } helperTuple
                        when Unwrap(helperValue) is IInvocationOperation:
                        foreach (IOperation target in targets.Elements)
                        {
                            AddHelperTupleAverage(averages, helperTuple, target);
                        }

                        break;
                }
            }
        }

        return averages;
    }

    /// <summary>
    /// <c>(s, m) = Moments(s, m, g);</c> with a same-type helper returning <c>(rho*s + (1 - rho)*g*g, beta*m + g)</c>:
    /// each target is updated by its element of the helper's tuple, the helper's parameters read as the arguments.
    /// </summary>
    private void AddHelperTupleAverage(List<Average> averages, IDeconstructionAssignmentOperation deconstruction, IOperation target)
    {
        _cancellation.ThrowIfCancellationRequested();
        if (Root(target, _aliases) is not { } storage || _facts.HelperTupleElement(deconstruction, storage) is not var (call, element))
        {
            return;
        }

        var reducer = new UpdateReducer(_facts, storage, target, _aliases);
        if (reducer.ReduceThrough(call, element) is { } value && UpdateNormalForm.Split(reducer, value) is { } normal)
        {
            averages.Add(FromNormalForm(storage, deconstruction, target, element, normal));
        }
    }

    private void AddAverage(List<Average> averages, IOperation assignment, IOperation target, IOperation value, BinaryOperatorKind? compound)
    {
        ISymbol? storage = Root(target, _aliases);
        if (storage is null)
        {
            return;
        }

        // `s *= rho; s += (1 - rho) * g * g;`: the statement before a compound addition scales the old value it adds to.
        IOperation? scale = compound is not null && target is not IVariableDeclaratorOperation ? PrecedingScale(assignment, target, storage) : null;
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
                if (scale is not null && mapped.Form == AverageForm.Sum)
                {
                    mapped = new Average(storage, assignment, mapped.Value, scale, mapped.NewWeight, mapped.NewTerm, AverageForm.Weighted);
                }

                mapped.Target = target is IVariableDeclaratorOperation ? null : target;
                mapped.Normal = NormalFormOf(storage, mapped.Target, value, compound, scale);
                averages.Add(mapped);
                return;
            }
        }

        // No shape matched: the update may still multiply out to A*old + C*x (`s -= (1 - rho) * s - (1 - rho) * g * g`,
        // weights in locals or fields of their own, tensor method chains).
        IOperation? written = target is IVariableDeclaratorOperation ? null : target;
        if (NormalFormOf(storage, written, value, compound, scale) is { } normal)
        {
            // `var (s2, m2) = Moments(s, m, g); s = s2;`: the update is written in the helper's tuple, and is shown there.
            IOperation shown = Unwrap(value) is ILocalReferenceOperation local && compound is null
                && _facts.Flow.ReachingDeconstruction(local.Local, value) is { } deconstruction
                && _facts.HelperTupleElement(deconstruction, local.Local) is var (_, element)
                    ? element
                    : value;
            averages.Add(FromNormalForm(storage, assignment, written, shown, normal));
        }
    }

    /// <summary>
    /// The normal form of the update, seen through the value as written and, when that fails, through the body of a
    /// Zip/Select lambda that computes it (whose parameters stand for the storages the query reads).
    /// </summary>
    private UpdateNormalForm? NormalFormOf(ISymbol storage, IOperation? target, IOperation value, BinaryOperatorKind? compound, IOperation? scale)
    {
        foreach ((IOperation effective, Aliases aliases, Dictionary<ISymbol, IOperation> arguments) in EffectiveValues(value, storage))
        {
            _cancellation.ThrowIfCancellationRequested();
            if (arguments.Count == 0 && (effective == value || Ancestor<IAnonymousFunctionOperation>(effective) is not null)
                && UpdateNormalForm.Of(_facts, storage, target, aliases, effective, compound, scale) is { } normal)
            {
                return normal;
            }
        }

        return null;
    }

    /// <summary>An average only the normal form recognised: its weights are polynomials, not operations of the text.</summary>
    private static Average FromNormalForm(ISymbol storage, IOperation assignment, IOperation? target, IOperation value, UpdateNormalForm normal)
    {
        AverageForm form = normal.OldWeight.AsConstant() is 1.0 ? AverageForm.Sum : AverageForm.Weighted;
        return new Average(storage, assignment, value, null, null, value, form) { Target = target, Normal = normal };
    }

    /// <summary>
    /// <c>_s.mul_(rho).add_(g.mul(g).mul(1 - rho))</c>: a chain of in-place calls on one storage, as a statement, is an
    /// update of that storage whose new value is the chain applied to its old value.
    /// </summary>
    private void AddInPlaceChain(List<Average> averages, IInvocationOperation call)
    {
        var steps = new List<IInvocationOperation>();
        IOperation? current = call;
        while (current is IInvocationOperation step && IsInPlace(step) && step.Instance is not null)
        {
            steps.Insert(0, step);
            current = Unwrap(step.Instance);
        }

        if (current is null || steps.Count == 0 || Root(current, _aliases) is not { } storage)
        {
            return;
        }

        var reducer = new UpdateReducer(_facts, storage, current, _aliases);
        Polynomial? value = reducer.Reduce(current);
        foreach (IInvocationOperation step in steps)
        {
            _cancellation.ThrowIfCancellationRequested();
            value = value is null ? null : InPlaceStep(reducer, value, step);
        }

        if (value is not null && UpdateNormalForm.Split(reducer, value) is { } normal)
        {
            averages.Add(FromNormalForm(storage, call, current, call, normal));
        }
    }

    /// <summary>
    /// One in-place call applied to the value so far, with PyTorch's meanings (TorchSharp and hand ports keep them):
    /// <c>add_</c>, <c>sub_</c>, <c>mul_</c>, <c>div_</c> by a hyperparameter, <c>add_(y, alpha: a)</c> (x + a*y),
    /// <c>addcmul_(a, b, value: v)</c> (x + v*a*b), <c>lerp_(y, w)</c> (x + w*(y - x)).
    /// </summary>
    private static Polynomial? InPlaceStep(UpdateReducer reducer, Polynomial value, IInvocationOperation step)
    {
        string name = step.TargetMethod.Name.TrimEnd('_');
        if (name == "addcmul" && step.Arguments.Length >= 2)
        {
            // addcmul_(a, b, value: v): value + v*a*b.
            Polynomial? product = reducer.Reduce(step.Arguments[0].Value) is { } a && reducer.Reduce(step.Arguments[1].Value) is { } b ? a.Times(b) : null;
            Polynomial? scale = step.Arguments.Length > 2 ? reducer.Reduce(step.Arguments[2].Value) : Polynomial.Constant(1);
            return product is not null && scale is not null && product.Times(scale) is { } added ? value.Plus(added) : null;
        }

        if (name is "add" or "sub" && step.Arguments.Length == 2 && step.Arguments[1].Parameter?.Name is "alpha")
        {
            // add_(y, alpha: a): value + a*y.
            Polynomial? scaled = reducer.Reduce(step.Arguments[0].Value) is { } y && reducer.Reduce(step.Arguments[1].Value) is { } alpha ? y.Times(alpha) : null;
            return scaled is null ? null : name == "add" ? value.Plus(scaled) : value.Minus(scaled);
        }

        if (name == "lerp" && step.Arguments.Length == 2)
        {
            // lerp_(y, w): value + w*(y - value).
            return reducer.Reduce(step.Arguments[0].Value) is { } end && reducer.Reduce(step.Arguments[1].Value) is { } weight
                && weight.Times(end.Minus(value)) is { } moved
                ? value.Plus(moved)
                : null;
        }

        if (step.Arguments.Length != 1 || reducer.Reduce(step.Arguments[0].Value) is not { } operand)
        {
            return null;
        }

        return ArithmeticCall(step) is var (kind, _, _)
            ? kind switch
            {
                BinaryOperatorKind.Add => value.Plus(operand),
                BinaryOperatorKind.Subtract => value.Minus(operand),
                BinaryOperatorKind.Multiply => value.Times(operand),
                BinaryOperatorKind.Divide => reducer.IsHyperparameterOnly(operand) && operand.Reciprocal() is { } reciprocal ? value.Times(reciprocal) : null,
                _ => null,
            }
            : null;
    }

    /// <summary>
    /// The factor of <c>s *= rho;</c> when that is the last statement before <paramref name="assignment"/> (in its block)
    /// that mentions the storage, and it scales the very slot the assignment adds to; null otherwise.
    /// </summary>
    private static IOperation? PrecedingScale(IOperation assignment, IOperation target, ISymbol storage)
    {
        if (assignment.Parent is not IExpressionStatementOperation { Parent: IBlockOperation block } statement)
        {
            return null;
        }

        int index = block.Operations.IndexOf(statement);
        for (int i = index - 1; i >= 0; i--)
        {
            IOperation previous = block.Operations[i];
            if (!previous.DescendantsAndSelf().Any(op => SymbolEqualityComparer.Default.Equals(Root(op), storage)))
            {
                continue;
            }

            return previous is IExpressionStatementOperation { Operation: ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Multiply } scaling }
                && Same(scaling.Target, target) && !Reads(scaling.Value, storage)
                ? scaling.Value
                : null;
        }

        return null;
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
                && _facts.Flow.ReachingValue(local, reference) is { } copied
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
            && _facts.Flow.ReachingValue(local.Local, unwrapped) is { } definition)
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

            if (TypeFacts.ReturnedValue(lambda.Body) is { } returned)
            {
                yield return (returned, aliases, none);
            }
        }

        if (unwrapped is IInvocationOperation call
            && _facts.BodyOfMethod(call.TargetMethod) is { } body
            && TypeFacts.ReturnedValue(body) is { } helperValue)
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

        return Weights.Symbol(unwrapped) is { } symbol && Weights.NameLooksLikeDecay(symbol.Name);
    }
}
