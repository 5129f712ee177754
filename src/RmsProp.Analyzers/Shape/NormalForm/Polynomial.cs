using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RmsProp.Analyzers.Shape.NormalForm;

/// <summary>
/// A product of atoms with integer powers (negative powers for a division by a hyperparameter, so <c>g / n</c> stays
/// a polynomial in g), keyed by its canonical text so that equal products compare equal however they were written.
/// </summary>
internal sealed class Monomial : IEquatable<Monomial>
{
    public static readonly Monomial One = new(new SortedDictionary<string, int>(StringComparer.Ordinal));

    private readonly SortedDictionary<string, int> _powers;

    private Monomial(SortedDictionary<string, int> powers)
    {
        _powers = powers;
        var key = new StringBuilder();
        foreach (KeyValuePair<string, int> pair in powers)
        {
            key.Append(pair.Key).Append('^').Append(pair.Value).Append(';');
        }

        Key = key.ToString();
    }

    /// <summary>The canonical text of the product: atom keys in order, each with its power.</summary>
    public string Key { get; }

    /// <summary>Each atom's key with its power (never 0).</summary>
    public IEnumerable<KeyValuePair<string, int>> Powers => _powers;

    /// <summary>The power of one atom (0 when absent).</summary>
    public int PowerOf(string atom) => _powers.TryGetValue(atom, out int power) ? power : 0;

    public static Monomial Of(string atom) => new(new SortedDictionary<string, int>(StringComparer.Ordinal) { [atom] = 1 });

    public Monomial Times(Monomial other)
    {
        var powers = new SortedDictionary<string, int>(_powers, StringComparer.Ordinal);
        foreach (KeyValuePair<string, int> pair in other._powers)
        {
            int power = (powers.TryGetValue(pair.Key, out int existing) ? existing : 0) + pair.Value;
            if (power == 0)
            {
                powers.Remove(pair.Key);
            }
            else
            {
                powers[pair.Key] = power;
            }
        }

        return new Monomial(powers);
    }

    /// <summary>The part of the product whose atoms satisfy <paramref name="keep"/>.</summary>
    public Monomial Where(Func<string, bool> keep) =>
        new(new SortedDictionary<string, int>(_powers.Where(pair => keep(pair.Key)).ToDictionary(pair => pair.Key, pair => pair.Value), StringComparer.Ordinal));

    public Monomial Inverse() =>
        new(new SortedDictionary<string, int>(_powers.ToDictionary(pair => pair.Key, pair => -pair.Value), StringComparer.Ordinal));

    public bool Equals(Monomial? other) => other is not null && other.Key == Key;

    public override bool Equals(object? obj) => Equals(obj as Monomial);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);
}

/// <summary>
/// A sum of monomials with real coefficients: the normal form of an arithmetic expression, in which every spelling of
/// the same value (factored or multiplied out, in any order, through locals or method arithmetic) is one value.
/// Bounded in size (<see cref="MaxTerms"/>): an expression that would grow past it has no normal form here, so the
/// work stays linear in the size of the code.
/// </summary>
internal sealed class Polynomial
{
    /// <summary>More terms than any update of an optimizer has; beyond it the expression is not one.</summary>
    public const int MaxTerms = 48;

    private const double Tolerance = 1e-9;

    private readonly Dictionary<Monomial, double> _terms;

    private Polynomial(Dictionary<Monomial, double> terms)
    {
        _terms = terms;
    }

    public static Polynomial Zero => new(new Dictionary<Monomial, double>());

    /// <summary>Each monomial with its (nonzero) coefficient.</summary>
    public IEnumerable<KeyValuePair<Monomial, double>> Terms => _terms;

    public int Count => _terms.Count;

    public bool IsZero => _terms.Count == 0;

    public static Polynomial Constant(double value) => Single(Monomial.One, value);

    public static Polynomial Atom(string key) => Single(Monomial.Of(key), 1);

    public static Polynomial Single(Monomial monomial, double coefficient)
    {
        var terms = new Dictionary<Monomial, double>();
        if (Math.Abs(coefficient) > Tolerance)
        {
            terms[monomial] = coefficient;
        }

        return new Polynomial(terms);
    }

    /// <summary>The constant value, when the polynomial has no atom.</summary>
    public double? AsConstant() =>
        _terms.Count == 0 ? 0 : _terms.Count == 1 && _terms.ContainsKey(Monomial.One) ? _terms[Monomial.One] : null;

    public Polynomial Plus(Polynomial other, double sign = 1)
    {
        var terms = new Dictionary<Monomial, double>(_terms);
        foreach (KeyValuePair<Monomial, double> term in other._terms)
        {
            double coefficient = (terms.TryGetValue(term.Key, out double existing) ? existing : 0) + sign * term.Value;
            if (Math.Abs(coefficient) <= Tolerance)
            {
                terms.Remove(term.Key);
            }
            else
            {
                terms[term.Key] = coefficient;
            }
        }

        return new Polynomial(terms);
    }

    public Polynomial Scaled(double factor)
    {
        var terms = new Dictionary<Monomial, double>();
        foreach (KeyValuePair<Monomial, double> term in _terms)
        {
            if (Math.Abs(term.Value * factor) > Tolerance)
            {
                terms[term.Key] = term.Value * factor;
            }
        }

        return new Polynomial(terms);
    }

    /// <summary>The product, or null when it would have more than <see cref="MaxTerms"/> terms.</summary>
    public Polynomial? Times(Polynomial other)
    {
        if ((long)_terms.Count * other._terms.Count > MaxTerms * 4)
        {
            return null;
        }

        Polynomial product = Zero;
        foreach (KeyValuePair<Monomial, double> left in _terms)
        {
            foreach (KeyValuePair<Monomial, double> right in other._terms)
            {
                product = product.Plus(Single(left.Key.Times(right.Key), left.Value * right.Value));
            }
        }

        return product._terms.Count > MaxTerms ? null : product;
    }

    /// <summary>For a single monomial (a product of atoms and a constant), its reciprocal; null for a sum.</summary>
    public Polynomial? Reciprocal() =>
        _terms.Count == 1 && _terms.First() is var only && Math.Abs(only.Value) > Tolerance
            ? Single(only.Key.Inverse(), 1 / only.Value)
            : null;

    /// <summary>Whether the two are the same polynomial, coefficient by coefficient.</summary>
    public bool SameAs(Polynomial other) => Minus(other).IsZero;

    public Polynomial Minus(Polynomial other) => Plus(other, -1);

    /// <summary>The value with every atom replaced by its known value; null when some atom's value is unknown.</summary>
    public double? Evaluate(Func<string, double?> valueOf)
    {
        double sum = 0;
        foreach (KeyValuePair<Monomial, double> term in _terms)
        {
            double product = term.Value;
            foreach (KeyValuePair<string, int> power in term.Key.Powers)
            {
                if (valueOf(power.Key) is not { } value)
                {
                    return null;
                }

                product *= Math.Pow(value, power.Value);
            }

            sum += product;
        }

        return sum;
    }
}
