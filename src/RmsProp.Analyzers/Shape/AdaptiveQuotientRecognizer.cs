using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static RmsProp.Analyzers.Shape.Expressions;

namespace RmsProp.Analyzers.Shape;

/// <summary>
/// Finds the adaptive quotients of the type's parameter updates: each square root followed up to the division it is
/// the divisor of (through an epsilon outside the root, floors, locals and helpers), on to the parameter update the
/// quotient feeds, and back down to what is under the root (running averages, an epsilon inside).
/// </summary>
internal sealed class AdaptiveQuotientRecognizer
{
    private const int MaxHops = 3;

    private readonly TypeFacts _facts;
    private readonly Aliases _aliases;
    private readonly HashSet<ISymbol> _averaged;
    private readonly List<Average> _averages;
    private readonly KnownSymbols _known;
    private readonly CancellationToken _cancellation;
    private readonly List<AdaptiveQuotient> _quotients = new();
    private HashSet<ISymbol>? _maxima;

    private AdaptiveQuotientRecognizer(TypeFacts facts, List<Average> averages)
    {
        _facts = facts;
        _aliases = facts.Aliases;
        _averages = averages;
        _averaged = new HashSet<ISymbol>(averages.Select(a => a.Storage), SymbolEqualityComparer.Default);
        _known = facts.Known;
        _cancellation = facts.Cancellation;
    }

    /// <summary>
    /// Every quotient whose divisor is a square root (whatever is under it), and a <see cref="Denominator"/> for each
    /// running average under the root of the first quotient of each root that has any.
    /// </summary>
    public static (List<AdaptiveQuotient> Quotients, List<Denominator> Denominators) Find(TypeFacts facts, List<Average> averages)
    {
        var recognizer = new AdaptiveQuotientRecognizer(facts, averages);
        List<Denominator> denominators = recognizer.FindDenominators();
        return (recognizer._quotients, denominators);
    }

    private List<Denominator> FindDenominators()
    {
        var denominators = new List<Denominator>();
        foreach (IOperation operation in _facts.Operations)
        {
            if (_known.IsSquareRoot(operation, out IOperation? argument, out bool reciprocal) && argument is not null)
            {
                _cancellation.ThrowIfCancellationRequested();
                AddDenominator(denominators, operation, argument, reciprocal);
            }
        }

        return denominators;
    }

    /// <summary>
    /// Records every quotient the root divides a parameter update by (<see cref="TypeModel.Quotients"/>), and a
    /// <see cref="Denominator"/> for each running average under the root of the first one that has any.
    /// </summary>
    private void AddDenominator(List<Denominator> denominators, IOperation squareRoot, IOperation argument, bool reciprocal)
    {
        bool rootOfQuotient = false;
        if (!reciprocal && AveragedDivisor(argument) is { } divisor)
        {
            // AdaDelta's `Math.Sqrt((msdx + eps) / (msg + eps)) * g`: the root of a quotient is the numerator's root times
            // the reciprocal root of the divisor, so the average in the divisor is under a root the update divides by.
            argument = divisor;
            reciprocal = true;
            rootOfQuotient = true;
        }

        foreach ((IOperation division, bool epsilonOutside, IInvocationOperation? divisionCall) in DivisionsBy(squareRoot, hops: 0, guarded: false, reciprocal))
        {
            if (UpdateFedBy(division, hops: 0, out IInvocationOperation? updateCall) is not { } update)
            {
                continue;
            }

            List<(ISymbol Storage, IOperation Read)> accumulators = AccumulatorsUnder(argument, divisionCall ?? updateCall, out bool epsilonInside);
            _quotients.Add(new AdaptiveQuotient(squareRoot, argument, division, update, epsilonInside, epsilonOutside, accumulators.Count > 0) { HelperCall = divisionCall ?? updateCall });
            if (accumulators.Count == 0)
            {
                continue;
            }

            foreach ((ISymbol storage, IOperation read) in accumulators)
            {
                denominators.Add(new Denominator(squareRoot, storage, read, epsilonInside || epsilonOutside, update) { RootOfQuotient = rootOfQuotient });
            }

            return;
        }
    }


    /// <summary>
    /// The divisor of a quotient under the root when it reads a running average of the type (<c>(x + eps) / (s + eps)</c>);
    /// null otherwise, as for Adam's bias correction <c>v / (1 - beta2^t)</c>, whose divisor is a hyperparameter.
    /// </summary>
    private IOperation? AveragedDivisor(IOperation argument) =>
        Unwrap(argument) is IBinaryOperation { OperatorKind: BinaryOperatorKind.Divide } quotient
        && Terms(Unwrap(quotient.RightOperand)).Any(t => !t.Negative && Root(t.Term, _aliases) is { } storage && _averaged.Contains(storage))
            ? quotient.RightOperand
            : null;

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
        if (expression is ILocalReferenceOperation local && Root(local, _aliases) is { } localStorage && !_averaged.Contains(localStorage))
        {
            IOperation? definition = _facts.Flow.ReachingValue(local.Local, argument);
            if (definition is not null && _averages.FirstOrDefault(a => a.Value == definition) is { } stored)
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

        // `Math.Sqrt(amsgrad ? maxV : v)` (EasyML's Adam): the root is of one branch or the other, so each branch's
        // averages are under it, and an epsilon guards it only when both branches add one.
        if (expression is IConditionalOperation { WhenFalse: { } whenFalse } conditional)
        {
            bool guardedBranches = true;
            foreach (IOperation branch in new[] { conditional.WhenTrue, whenFalse })
            {
                found.AddRange(AccumulatorsUnder(branch, callSite, out bool branchEpsilon));
                guardedBranches &= branchEpsilon;
            }

            epsilonInside |= guardedBranches;
            return found;
        }

        foreach ((IOperation term, bool negative) in Terms(expression))
        {
            IOperation candidate = Unwrap(term);
            if (candidate is IBinaryOperation { OperatorKind: BinaryOperatorKind.Divide } quotient)
            {
                candidate = Unwrap(quotient.LeftOperand);
            }

            ISymbol? storage = Root(candidate, _aliases);
            if (storage is IParameterSymbol parameter && callSite is not null && !_averaged.Contains(parameter)
                && callSite.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.Parameter?.OriginalDefinition, parameter.OriginalDefinition)) is { } passed)
            {
                // The helper's parameter is what the call passes: read it there, where the caller's order counts.
                candidate = Unwrap(passed.Value);
                storage = Root(candidate, _aliases);
            }

            if (!negative && storage is not null && _averaged.Contains(storage))
            {
                found.Add((storage, candidate));
            }
            else if (!negative && storage is not null && MaximumOfAverage(storage))
            {
                // AMSGrad's maximum of an average (`maxV = Math.Max(maxV, v)`) is 0 where the average has been: no
                // epsilon. The average itself is judged where it is read (the other branch of the switch).
            }
            else if (!negative && !IsSquaredTerm(term))
            {
                epsilonInside = true;
            }
        }

        return found;
    }



    /// <summary>
    /// Whether <paramref name="storage"/> is not itself averaged and the type only ever sets it to the maximum of
    /// itself and an average (AMSGrad's <c>maxV[i] = Math.Max(maxV[i], v[i])</c>).
    /// </summary>
    private bool MaximumOfAverage(ISymbol storage)
    {
        _maxima ??= FindMaximaOfAverages();
        return _maxima.Contains(storage);
    }

    /// <summary>The storages every assignment of which is <c>Max(itself, an average)</c>, in one walk of the type.</summary>
    private HashSet<ISymbol> FindMaximaOfAverages()
    {
        var maxima = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var other = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (IOperation operation in _facts.Operations)
        {
            if (operation is not ISimpleAssignmentOperation assignment || Root(assignment.Target, _aliases) is not { } target || _averaged.Contains(target))
            {
                continue;
            }

            bool isMaximum = Unwrap(assignment.Value) is IInvocationOperation { TargetMethod.Name: "Max", Arguments.Length: 2 } max
                && max.Arguments.Any(a => SymbolEqualityComparer.Default.Equals(Root(a.Value, _aliases), target))
                && max.Arguments.Any(a => Root(a.Value, _aliases) is { } read && _averaged.Contains(read));
            if (isMaximum)
            {
                maxima.Add(target);
            }
            else if (Unwrap(assignment.Value) is not (IArrayCreationOperation or IObjectCreationOperation))
            {
                other.Add(target);
            }
        }

        maxima.ExceptWith(other);
        return maxima;
    }

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
            if (parent is IArgumentOperation { Parent: IInvocationOperation addcdiv, Parameter.Ordinal: 1 } && !reciprocal && IsAddcdiv(addcdiv))
            {
                // `w.addcdiv_(g, denominator, value: -lr)`: w + value * g / denominator (PyTorch's meaning).
                yield return (addcdiv, guarded, null);
                yield break;
            }

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
                case IReturnOperation returned when hops < MaxHops && _facts.ReturnOwner(returned) is { } method:
                    // `double Denominator(double ms) => Math.Sqrt(ms) + Eps;` divides wherever it is called.
                    foreach (IInvocationOperation call in _facts.CallSitesOf(method))
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
        guarded |= _facts.Flow.GuardedAfterwards(local, TypeFacts.BodyOf(definition));
        foreach (ILocalReferenceOperation reference in _facts.Flow.ReadsReachedBy(local, definition))
        {
            foreach ((IOperation, bool, IInvocationOperation?) found in DivisionsBy(reference, hops + 1, guarded, reciprocal))
            {
                yield return found;
            }
        }
    }


    /// <summary>
    /// The parameter update a quotient feeds: <c>w -= ...</c>, <c>w = w - ...</c> (also in a tuple or a
    /// <c>with</c>), or a lambda/helper that returns <c>w - ...</c>; through locals such as <c>var step = ...</c>.
    /// </summary>
    private IOperation? UpdateFedBy(IOperation quotient, int hops, out IInvocationOperation? callSite)
    {
        callSite = null;
        if (quotient is IInvocationOperation { Instance: { } updated } addcdiv && IsAddcdiv(addcdiv) && IsInPlace(addcdiv) && Root(updated, _aliases) is not null)
        {
            // `w.addcdiv_(g, denominator, value: -lr)` updates the tensor where it stands.
            return addcdiv;
        }

        IOperation current = quotient;
        while (current.Parent is { } parent)
        {
            switch (parent)
            {
                case IConversionOperation or IParenthesizedOperation:
                case IConditionalOperation conditional when conditional.Condition != current:
                    // `den == 0 ? 0 : m / den`: the quotient is the step whenever the branch runs (the test for an
                    // exact zero guards nothing; LocalFlow does not count it as a floor).
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
                    if (Terms(current).Any(t => !t.Negative && (Unwrap(t.Term) is IParameterReferenceOperation or IFieldReferenceOperation or IArrayElementReferenceOperation || PointerDereference(Unwrap(t.Term)) is not null))
                        && Terms(current).Any(t => t.Negative))
                    {
                        return returned;
                    }

                    // `double ScaledStep(double g, double ms) => lr * g / Math.Sqrt(ms);` steps wherever it is called.
                    if (hops < MaxHops && _facts.ReturnOwner(returned) is { } method)
                    {
                        foreach (IInvocationOperation call in _facts.CallSitesOf(method))
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

    /// <summary><c>x.addcdiv(a, b, value)</c> or its in-place <c>addcdiv_</c>: x + value * a / b.</summary>
    private static bool IsAddcdiv(IInvocationOperation call) =>
        call.TargetMethod.Name.TrimEnd('_') == "addcdiv" && call.Instance is not null && call.Arguments.Length >= 2;

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
        foreach (ILocalReferenceOperation reference in _facts.Flow.ReadsReachedBy(local, definition))
        {
            if (UpdateFedBy(reference, hops + 1, out callSite) is { } update)
            {
                return update;
            }
        }

        return null;
    }
}
