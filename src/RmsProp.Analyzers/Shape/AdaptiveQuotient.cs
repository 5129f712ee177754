using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RmsProp.Analyzers.Shape;

/// <summary>
/// A parameter update divided by a square root: <c>w -= lr * g / (Math.Sqrt(x) + eps)</c>, in any of the shapes the
/// model follows (locals, helpers, method arithmetic, reciprocal roots). What is under the root is kept as written,
/// so rules can ask whether it is a running average, this step's gradient, or a variance.
/// </summary>
internal sealed class AdaptiveQuotient
{
    public AdaptiveQuotient(IOperation squareRoot, IOperation argument, IOperation division, IOperation update, bool epsilonInside, bool epsilonOutside, bool underAverage)
    {
        SquareRoot = squareRoot;
        Argument = argument;
        Division = division;
        Update = update;
        EpsilonInside = epsilonInside;
        EpsilonOutside = epsilonOutside;
        UnderAverage = underAverage;
    }

    /// <summary>The root (an invocation or a property read).</summary>
    public IOperation SquareRoot { get; }

    /// <summary>What is under the root, as written.</summary>
    public IOperation Argument { get; }

    /// <summary>The division (or, for a reciprocal root, the multiplication) the root's value ends in.</summary>
    public IOperation Division { get; }

    /// <summary>The parameter update the quotient feeds.</summary>
    public IOperation Update { get; }

    /// <summary>Whether something other than a square is added under the root (an epsilon inside) or a floor wraps it.</summary>
    public bool EpsilonInside { get; }

    /// <summary>Whether an epsilon is added to the root, or a floor wraps it, on the way to the division.</summary>
    public bool EpsilonOutside { get; }

    /// <summary>Whether a running average (or sum) of the type is read under the root.</summary>
    public bool UnderAverage { get; }

    /// <summary>
    /// The call of the helper whose body takes the root (<c>dx / Rms(g * g)</c> with <c>double Rms(double val) =>
    /// Math.Sqrt(val)</c>), when the root's value reaches the division through one; null when the root is in the step.
    /// </summary>
    public IInvocationOperation? HelperCall { get; set; }

    /// <summary>
    /// What is under the root as the step passes it: for a helper's parameter, the argument the helper call gives it
    /// (<c>g * g</c> for <c>Rms(g * g)</c>); otherwise <paramref name="value"/> itself.
    /// </summary>
    public IOperation AsPassed(IOperation value) =>
        HelperCall is { } call && Expressions.Unwrap(value) is IParameterReferenceOperation parameter
        && call.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.Parameter?.OriginalDefinition, parameter.Parameter.OriginalDefinition)) is { } passed
            ? Expressions.Unwrap(passed.Value)
            : value;
}
