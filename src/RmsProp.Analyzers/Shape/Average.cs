using Microsoft.CodeAnalysis;

namespace RmsProp.Analyzers.Shape;

/// <summary>
/// One update of a running average or sum: <c>s = a*s + b*x</c>, <c>s += b*(x - s)</c>, <c>s += x</c>, in any of
/// the shapes <see cref="TypeModel"/> recognises.
/// </summary>
internal sealed class Average
{
    public Average(ISymbol storage, IOperation assignment, IOperation value, IOperation? oldWeight, IOperation? newWeight, IOperation newTerm, AverageForm form)
    {
        Storage = storage;
        Assignment = assignment;
        Value = value;
        OldWeight = oldWeight;
        NewWeight = newWeight;
        NewTerm = newTerm;
        Form = form;
    }

    /// <summary>The averaged storage (field, local, parameter, property; element accesses collapse to their array).</summary>
    public ISymbol Storage { get; }

    /// <summary>The assignment (simple, compound or deconstruction) that performs the update.</summary>
    public IOperation Assignment { get; }

    /// <summary>The expression that forms the new value: the right-hand side, or the body of the Zip/Select lambda that computes it (a helper method's body is elsewhere, so its call stands for it).</summary>
    public IOperation Value { get; }

    /// <summary>What multiplies the old value; null when nothing does (a sum, or a lerp).</summary>
    public IOperation? OldWeight { get; }

    /// <summary>What multiplies the new term; null when nothing does.</summary>
    public IOperation? NewWeight { get; }

    /// <summary>The new term with its weight removed: <c>g*g</c>, or <c>g</c> when the gradient was not squared.</summary>
    public IOperation NewTerm { get; }

    /// <summary>Which shape the update has.</summary>
    public AverageForm Form { get; }

    /// <summary>
    /// What the update writes (<c>s[i]</c>, <c>st[1]</c>, <c>_s</c>), when the assignment has a target of its own: the
    /// slot of the storage, which a read of another constant slot (<c>st[0]</c>) does not see.
    /// </summary>
    public IOperation? Target { get; set; }

    /// <summary>
    /// The update in normal form (<c>A*old + C*x</c> over hyperparameters and data), when its new value multiplies
    /// out to one; the rules ask it their questions so that every spelling of the same update gets the same answer.
    /// </summary>
    public NormalForm.UpdateNormalForm? Normal { get; set; }
}

/// <summary>The shapes of running-average updates.</summary>
internal enum AverageForm
{
    /// <summary><c>s = a*s + b*x</c>.</summary>
    Weighted,

    /// <summary><c>s += b*(x - s)</c> or <c>s = s + b*(x - s)</c>: the weight is on the new term.</summary>
    Lerp,

    /// <summary><c>s += x</c>: AdaGrad's running sum.</summary>
    Sum,
}

/// <summary>A square root that divides a parameter update: the adaptive denominator of RMSProp, Adam or AdaGrad.</summary>
internal sealed class Denominator
{
    public Denominator(IOperation squareRoot, ISymbol accumulator, IOperation accumulatorRead, bool hasEpsilon, IOperation update)
    {
        SquareRoot = squareRoot;
        Accumulator = accumulator;
        AccumulatorRead = accumulatorRead;
        HasEpsilon = hasEpsilon;
        Update = update;
    }

    /// <summary>The square-root invocation.</summary>
    public IOperation SquareRoot { get; }

    /// <summary>The running average (or sum) under the root.</summary>
    public ISymbol Accumulator { get; }

    /// <summary>Where the root reads the accumulator.</summary>
    public IOperation AccumulatorRead { get; }

    /// <summary>Whether an epsilon guards the denominator (inside or outside the root, or as a floor).</summary>
    public bool HasEpsilon { get; }

    /// <summary>The parameter update the quotient feeds.</summary>
    public IOperation Update { get; }

    /// <summary>
    /// Whether the accumulator is the divisor of a quotient under the root (<c>Math.Sqrt((x + eps) / s) * g</c>): the
    /// root multiplies the update, so an epsilon belongs under it, with the accumulator, not after it.
    /// </summary>
    public bool RootOfQuotient { get; set; }
}
