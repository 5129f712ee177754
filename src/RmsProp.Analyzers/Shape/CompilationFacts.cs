using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace RmsProp.Analyzers.Shape;

/// <summary>
/// What every rule shares within one compilation: the well-known symbols (resolved once) and the diagnostics that must
/// be reported once per compilation rather than once per reading type.
/// </summary>
/// <remarks>
/// A table keyed weakly by the compilation, not a static dictionary, so nothing outlives the compilation it describes.
/// </remarks>
internal sealed class CompilationFacts
{
    private static readonly ConditionalWeakTable<Compilation, CompilationFacts> ByCompilation = new();

    private readonly ConcurrentDictionary<(string Id, Location Location), byte> _reportedOnce = new();

    private CompilationFacts(Compilation compilation)
    {
        Known = new KnownSymbols(compilation);
    }

    /// <summary>The compilation's well-known symbols (Math, MathF, TensorPrimitives, the SIMD vector types).</summary>
    public KnownSymbols Known { get; }

    /// <summary>The facts of <paramref name="compilation"/>, created on first use.</summary>
    public static CompilationFacts For(Compilation compilation) => ByCompilation.GetValue(compilation, c => new CompilationFacts(c));

    /// <summary>
    /// True the first time a diagnostic of <paramref name="id"/> at <paramref name="location"/> is claimed in this
    /// compilation: a declaration read by several types (a shared <c>const double Rho</c>) is reported once.
    /// </summary>
    public bool ClaimReport(string id, Location location) => _reportedOnce.TryAdd((id, location), 0);
}
