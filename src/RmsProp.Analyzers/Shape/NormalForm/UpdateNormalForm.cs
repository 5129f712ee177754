using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RmsProp.Analyzers.Shape.NormalForm;

/// <summary>
/// A state update in normal form: <c>new = A*old + C*X</c>, with A (the old value's weight) and C (the new term's
/// weight) polynomials over hyperparameters and X a product of data atoms (<c>g^2</c> for RMSProp, <c>g</c> when the
/// square was forgotten). Any spelling that multiplies out to the same polynomial has the same normal form, so the
/// rules' questions get the same answer for all of them.
/// </summary>
internal sealed class UpdateNormalForm
{
    private readonly UpdateReducer _reducer;

    private UpdateNormalForm(UpdateReducer reducer, Polynomial oldWeight, Polynomial newPart, Polynomial? newWeight, Monomial? newTerm)
    {
        _reducer = reducer;
        OldWeight = oldWeight;
        NewPart = newPart;
        NewWeight = newWeight;
        NewTerm = newTerm;
    }

    /// <summary>A: what multiplies the old value (a polynomial over hyperparameters).</summary>
    public Polynomial OldWeight { get; }

    /// <summary>Everything that does not read the old value: <c>C*X</c>, or a sum of several such terms.</summary>
    public Polynomial NewPart { get; }

    /// <summary>C: the hyperparameter coefficient of the new term, when the new part has one data product.</summary>
    public Polynomial? NewWeight { get; }

    /// <summary>X: the data product of the new term, when there is one.</summary>
    public Monomial? NewTerm { get; }

    /// <summary>
    /// The normal form of the update that stores <paramref name="value"/> into <paramref name="state"/> (after
    /// <paramref name="compound"/> with the old value, for <c>+=</c>, <c>-=</c>, <c>*=</c>); null when the value is not a
    /// polynomial in the old value of degree at most 1 with hyperparameter weights, or has no data term.
    /// </summary>
    /// <remarks>
    /// A local that several definitions reach (set on two branches, or carried round a loop) gives the update one
    /// value per path. The form returned is that of the first path whose update is wrong (the rules report what some
    /// run does), else that of the first path.
    /// </remarks>
    public static UpdateNormalForm? Of(TypeFacts facts, ISymbol state, IOperation? target, Aliases aliases, IOperation value, BinaryOperatorKind? compound, IOperation? scale = null)
    {
        var reducer = new UpdateReducer(facts, state, target, aliases);
        UpdateNormalForm? first = Of(reducer, value, compound, scale);
        if (first is { IsWrong: true })
        {
            return first;
        }

        int paths = 0;
        foreach (KeyValuePair<ILocalSymbol, int> alternatives in reducer.Alternatives)
        {
            for (int choice = 1; choice < alternatives.Value && paths < MaxPaths; choice++, paths++)
            {
                facts.Cancellation.ThrowIfCancellationRequested();
                var choices = new Dictionary<ILocalSymbol, int>(SymbolEqualityComparer.Default) { [alternatives.Key] = choice };
                if (Of(new UpdateReducer(facts, state, target, aliases, choices), value, compound, scale) is { IsWrong: true } wrong)
                {
                    return wrong;
                }
            }
        }

        return first;
    }

    /// <summary>How many other paths' values of one update are reduced: one per other definition, up to this many.</summary>
    private const int MaxPaths = 8;

    /// <summary>Whether a rule has something to say about this form: a raw gradient, or wrong weights.</summary>
    private bool IsWrong => SeesWholeNewTerm && RawGradient() is not null || WeightProblem() is not null;

    private static UpdateNormalForm? Of(UpdateReducer reducer, IOperation value, BinaryOperatorKind? compound, IOperation? scale)
    {
        if (reducer.Reduce(value) is not { } reduced)
        {
            return null;
        }

        // `s *= rho;` just before `s += ...`: the old value the addition sees is rho*old.
        Polynomial old = Polynomial.Atom(UpdateReducer.OldKey);
        if (scale is not null)
        {
            if (reducer.Reduce(scale) is not { } factor || !reducer.IsHyperparameterOnly(factor) || old.Times(factor) is not { } scaled)
            {
                return null;
            }

            old = scaled;
        }

        Polynomial? full = compound switch
        {
            null => reduced,
            BinaryOperatorKind.Add => old.Plus(reduced),
            BinaryOperatorKind.Subtract => old.Minus(reduced),
            BinaryOperatorKind.Multiply => old.Times(reduced),
            _ => null,
        };
        return full is null ? null : Split(reducer, full);
    }

    /// <summary>The normal form of an already reduced new value.</summary>
    public static UpdateNormalForm? Split(UpdateReducer reducer, Polynomial full)
    {
        if (reducer.Atoms.Values.Any(atom => atom.ReadsOld))
        {
            return null;
        }

        Polynomial oldWeight = Polynomial.Zero;
        Polynomial newPart = Polynomial.Zero;
        foreach (KeyValuePair<Monomial, double> term in full.Terms)
        {
            int oldPower = term.Key.PowerOf(UpdateReducer.OldKey);
            if (oldPower == 0)
            {
                newPart = newPart.Plus(Polynomial.Single(term.Key, term.Value));
                continue;
            }

            Monomial rest = term.Key.Where(key => key != UpdateReducer.OldKey);
            if (oldPower != 1 || !reducer.IsHyperparameterOnly(Polynomial.Single(rest, 1)))
            {
                return null;
            }

            oldWeight = oldWeight.Plus(Polynomial.Single(rest, term.Value));
        }

        if (oldWeight.IsZero || !newPart.Terms.Any(term => term.Key.Powers.Any(p => reducer.Atoms[p.Key].Kind is AtomKind.Data or AtomKind.Opaque)))
        {
            return null;
        }

        // Group the new part by its data product: one group is C*X.
        Polynomial? newWeight = null;
        Monomial? newTerm = null;
        var groups = newPart.Terms.GroupBy(term => term.Key.Where(key => reducer.Atoms[key].Kind != AtomKind.Hyperparameter)).ToList();
        if (groups.Count == 1 && groups[0].Key.Powers.Any())
        {
            newTerm = groups[0].Key;
            newWeight = Polynomial.Zero;
            foreach (KeyValuePair<Monomial, double> term in groups[0])
            {
                newWeight = newWeight.Plus(Polynomial.Single(term.Key.Where(key => reducer.Atoms[key].Kind == AtomKind.Hyperparameter), term.Value));
            }
        }

        return new UpdateNormalForm(reducer, oldWeight, newPart, newWeight, newTerm);
    }

    /// <summary>
    /// RMSP001's question: the gradient read where the new term has degree 1 in the data (<c>(1 - rho)*g</c>, however
    /// spelled); null when the new term is a square, a product of two data values, or holds anything opaque.
    /// </summary>
    public IOperation? RawGradient()
    {
        if (NewTerm is null)
        {
            return null;
        }

        // The gradient is what varies per coordinate: a scale read whole (`gradientScale * g[i]`) is not a second
        // data value. With nothing read per coordinate (a scalar step), every data atom counts.
        var powers = NewTerm.Powers.ToList();
        if (powers.Any(p => _reducer.Atoms[p.Key].PerCoordinate))
        {
            powers = powers.Where(p => _reducer.Atoms[p.Key].PerCoordinate).ToList();
        }

        return powers.Count == 1 && powers[0].Value == 1 && _reducer.Atoms[powers[0].Key] is { Kind: AtomKind.Data } gradient
            ? gradient.Read
            : null;
    }

    /// <summary>Whether the new term holds only data atoms (nothing opaque), so its degree in the gradient is known.</summary>
    public bool SeesWholeNewTerm => NewTerm is not null && NewTerm.Powers.All(p => _reducer.Atoms[p.Key].Kind == AtomKind.Data);

    /// <summary>A weight as text for a message: <c>1 - _rho</c>, <c>0.1</c>.</summary>
    public string Describe(Polynomial weight)
    {
        var parts = new List<string>();
        foreach (KeyValuePair<Monomial, double> term in weight.Terms.OrderBy(t => t.Key.Powers.Count()))
        {
            var factors = term.Key.Powers.Select(p => (_reducer.Atoms[p.Key].Symbol?.Name ?? _reducer.Atoms[p.Key].Read.Syntax.ToString()) + (p.Value == 1 ? string.Empty : "^" + p.Value)).ToList();
            double magnitude = System.Math.Abs(term.Value);
            string text = factors.Count == 0 ? magnitude.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)
                : (magnitude == 1 ? string.Empty : magnitude.ToString("G6", System.Globalization.CultureInfo.InvariantCulture) + "*") + string.Join("*", factors);
            parts.Add(parts.Count == 0 ? (term.Value < 0 ? "-" + text : text) : (term.Value < 0 ? " - " : " + ") + text);
        }

        return parts.Count == 0 ? "0" : string.Concat(parts);
    }

    /// <summary>Whether the new term is a square of one data value (<c>g*g</c>, however spelled).</summary>
    public bool NewTermIsSquare =>
        NewTerm is not null && NewTerm.Powers.ToList() is { Count: 1 } powers && powers[0].Value == 2 && _reducer.Atoms[powers[0].Key].Kind == AtomKind.Data;

    /// <summary>
    /// RMSP003's question: "Swapped" when the weights sum to 1 but the decay (the weight near 1) is on the new term,
    /// "SameWeight" when both terms have the same weight (not 1/2); null when the weights are right or unknown.
    /// </summary>
    /// <param name="alphaIsDecay">
    /// Whether a weight named alpha whose value is unknown is the decay (PyTorch's RMSprop, whose alpha is 0.99), as
    /// it is in the squared average under an adaptive denominator; elsewhere alpha is the smoothing factor of
    /// <c>(1 - alpha)*avg + alpha*x</c> by convention.
    /// </param>
    public string? WeightProblem(bool alphaIsDecay = false)
    {
        // A sum (old weight 1) forgets nothing: its new term's weight is a scale, not a decay's complement.
        if (NewWeight is null || NewWeight.IsZero || OldWeight.AsConstant() is 1.0)
        {
            return null;
        }

        Polynomial sum = OldWeight.Plus(NewWeight);
        double? oldValue = OldWeight.Evaluate(ValueOf);
        double? newValue = NewWeight.Evaluate(ValueOf);
        if (oldValue is <= 0 or >= 1 || newValue is <= 0 or >= 1)
        {
            // A decay of 0 (`9 / 10` in integers), 1 or outside [0, 1] is RMSP006's finding; which term it sits on
            // is beside the point.
            return null;
        }

        bool sumsToOne = sum.AsConstant() is { } exact ? System.Math.Abs(exact - 1) < 1e-6
            : sum.Evaluate(ValueOf) is { } total && System.Math.Abs(total - 1) < 1e-6;
        if (sumsToOne)
        {
            if (oldValue is { } known && newValue is { } added)
            {
                return added > known && added > 0.5 ? "Swapped" : null;
            }

            // rho and 1 - rho with rho's value unknown: the decay is the weight that is one atom named like a decay.
            return IsDecayAtom(NewWeight, alphaIsDecay) && !IsDecayAtom(OldWeight, alphaIsDecay) ? "Swapped" : null;
        }

        if (OldWeight.SameAs(NewWeight) || oldValue is { } left && newValue is { } right && System.Math.Abs(left - right) < 1e-9)
        {
            return oldValue is 0.5 ? null : "SameWeight";
        }

        return null;
    }

    private double? ValueOf(string key) => _reducer.Atoms.TryGetValue(key, out Atom? atom) ? atom.Value : null;

    private bool IsDecayAtom(Polynomial weight, bool alphaIsDecay) =>
        weight.Count == 1 && weight.Terms.First() is var only && only.Value == 1 && only.Key.Powers.ToList() is { Count: 1 } powers
        && powers[0].Value == 1 && _reducer.Atoms[powers[0].Key].Symbol is { } symbol
        && Weights.NameLooksLikeDecay(symbol.Name) && (alphaIsDecay || symbol.Name.TrimStart('_').ToLowerInvariant() != "alpha");
}
