using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static RmsProp.Analyzers.Shape.Expressions;

namespace RmsProp.Analyzers.Shape;

/// <summary>
/// How a sum of squares starts: whether every update only adds squares and the type starts it at a positive value
/// (a fill, a constant, or squares plus an epsilon folded into its first value), so its root never falls to 0.
/// </summary>
internal sealed class AccumulatorStartRecognizer
{
    private readonly TypeModel _model;
    private readonly Dictionary<ISymbol, AccumulatorStart> _starts = new(SymbolEqualityComparer.Default);

    public AccumulatorStartRecognizer(TypeModel model)
    {
        _model = model;
    }

    /// <summary>
    /// Whether every update of <paramref name="storage"/> only adds squares (AdaGrad's sum) and the type starts it at a
    /// positive constant (<c>Array.Fill(_sum, 1.0)</c>, <c>_sum[i] = 0.1</c>, <c>double _sum = 1;</c>): its root then
    /// never falls below that start, which guards the division as an epsilon does. A sum held in a parameter that the
    /// type neither passes nor starts counts too (<see cref="AccumulatorStart.ByCaller"/>): its owner, outside the type,
    /// starts it.
    /// </summary>
    public bool StartsPositiveAndOnlyGrows(ISymbol storage) => StartOf(storage) is AccumulatorStart.Positive or AccumulatorStart.ByCaller;

    /// <summary>How the sum of squares in <paramref name="storage"/> starts, as far as this type shows.</summary>
    public AccumulatorStart StartOf(ISymbol storage)
    {
        if (!_starts.TryGetValue(storage, out AccumulatorStart answer))
        {
            _starts[storage] = answer = ComputeStart(storage);
        }

        return answer;
    }

    private AccumulatorStart ComputeStart(ISymbol storage)
    {
        var updates = _model.Averages.Where(a => SymbolEqualityComparer.Default.Equals(a.Storage, storage)).ToList();
        if (updates.Count == 0 || updates.Any(a => a.Form != AverageForm.Sum || !(a.Normal?.NewTermIsSquare ?? false) && !IsSquare(a.NewTerm, _model.LocalDefinitionsFor(a.Assignment))))
        {
            return AccumulatorStart.NotPositive;
        }

        bool positiveStart = false;
        foreach (IOperation operation in _model.Operations)
        {
            switch (operation)
            {
                case IInvocationOperation { TargetMethod.Name: "Fill" } fill when fill.Arguments.Length > 0
                    && SymbolEqualityComparer.Default.Equals(_model.RootOf(fill.Instance ?? fill.Arguments[0].Value), storage):
                    IOperation filled = (fill.Instance is null ? fill.Arguments.ElementAtOrDefault(1) : fill.Arguments[0])?.Value ?? fill;
                    if (ConstantNumber(filled) is not > 0)
                    {
                        return AccumulatorStart.NotPositive;
                    }

                    positiveStart = true;
                    break;
                case IInvocationOperation { TargetMethod.Name: "Clear" } clear
                    when SymbolEqualityComparer.Default.Equals(_model.RootOf(clear.Instance ?? (clear.Arguments.Length > 0 ? clear.Arguments[0].Value : clear)), storage):
                    return AccumulatorStart.NotPositive;
                case ISimpleAssignmentOperation assignment when SymbolEqualityComparer.Default.Equals(_model.RootOf(assignment.Target), storage)
                    && Unwrap(assignment.Value) is not (IArrayCreationOperation or IObjectCreationOperation) && !Reads(assignment.Value, storage, _model.TypeFacts.Aliases):
                    if (!IsPositiveStart(assignment.Value))
                    {
                        return AccumulatorStart.NotPositive;
                    }

                    positiveStart = true;
                    break;
            }
        }

        // A scalar field or local can start positive through its initializer.
        IReadOnlyList<IOperation> stored = _model.ValuesAssignedTo(storage);
        positiveStart |= stored.Any(value => ConstantNumber(value) is > 0);

        // A sum that arrives as a parameter (an array, span or pointer its owner keeps) starts where the owner starts
        // it, and nothing in this type passes or sets it: ML.NET's FFM trainer fills its AdaGrad sums with 1 in another
        // assembly. Only a zero start seen here (above), or by a caller elsewhere in the compilation
        // (ParameterStartFacts), says the root can be 0.
        return positiveStart ? AccumulatorStart.Positive
            : storage is IParameterSymbol && stored.Count == 0 ? AccumulatorStart.ByCaller
            : AccumulatorStart.NotPositive;
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
                if (Weights.Value(term, _model) is <= 0)
                {
                    return false;
                }

                positive = true;
            }
            else if (!IsSquare(term, _model.LocalDefinitionsFor(term)))
            {
                return false;
            }
        }

        return positive;
    }

}

/// <summary>How a sum of squares starts, as far as its own type shows (<see cref="AccumulatorStartRecognizer.StartOf"/>).</summary>
internal enum AccumulatorStart
{
    /// <summary>Not a sum of squares only, or started at 0, or at nothing the type shows to be positive.</summary>
    NotPositive,

    /// <summary>A sum of squares the type starts at a positive value: its root never falls to 0.</summary>
    Positive,

    /// <summary>
    /// A sum of squares held in a parameter that the type neither passes nor starts: its callers start it, and only a
    /// caller seen to start it at 0 says its root can be 0.
    /// </summary>
    ByCaller,
}
