using Microsoft.CodeAnalysis;

namespace RmsProp.Analyzers.Shape.NormalForm;

/// <summary>What an atom of a state update's normal form stands for.</summary>
internal enum AtomKind
{
    /// <summary>The state's value before the update.</summary>
    Old,

    /// <summary>A named hyperparameter: a constant, a field or parameter set from constants, a count.</summary>
    Hyperparameter,

    /// <summary>Data that varies per step or coordinate: the gradient, another buffer, a per-call argument.</summary>
    Data,

    /// <summary>A value the reducer does not see into (a call, a conditional): its degree is unknown.</summary>
    Opaque,
}

/// <summary>One atom of a normal form: its kind, where it is read, and its value when the type states one.</summary>
internal sealed class Atom
{
    public Atom(string key, AtomKind kind, IOperation read, ISymbol? symbol, double? value, bool readsOld, bool perCoordinate = false)
    {
        PerCoordinate = perCoordinate;
        Key = key;
        Kind = kind;
        Read = read;
        Symbol = symbol;
        Value = value;
        ReadsOld = readsOld;
    }

    /// <summary>The canonical key (the symbol for storages, the text for opaque values).</summary>
    public string Key { get; }

    public AtomKind Kind { get; }

    /// <summary>Where the update reads it, as near the update's own text as the reducer saw it.</summary>
    public IOperation Read { get; set; }

    /// <summary>The storage or hyperparameter symbol, if any.</summary>
    public ISymbol? Symbol { get; }

    /// <summary>A hyperparameter's value, when every value the type stores into it agrees.</summary>
    public double? Value { get; }

    /// <summary>For a data atom: whether it is read element by element (<c>g[i]</c>, a SIMD load), not whole.</summary>
    public bool PerCoordinate { get; }

    /// <summary>For an opaque atom: whether it reads the state itself (then the update is not a polynomial in it).</summary>
    public bool ReadsOld { get; }
}
