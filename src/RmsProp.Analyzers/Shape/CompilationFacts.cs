using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace RmsProp.Analyzers.Shape;

/// <summary>
/// What every rule shares within one compilation: the well-known symbols (resolved once), each type's
/// <see cref="TypeModel"/> (built once, by whichever rule reaches the type first, and dropped when every rule has read
/// it), and the diagnostics that must be reported once per compilation rather than once per reading type.
/// </summary>
/// <remarks>
/// Each rule is its own <c>DiagnosticAnalyzer</c> (so a rule can be switched off, and each has its own file), but
/// the driver hands every analyzer the same compilation; keying the shared facts by it lets six, eight or more rules
/// pay for one model per type. A table keyed weakly by the compilation, not a static dictionary, so nothing outlives
/// the compilation it describes.
/// </remarks>
internal sealed class CompilationFacts
{
    private static readonly ConditionalWeakTable<Compilation, CompilationFacts> ByCompilation = new();

    private readonly ConcurrentDictionary<INamedTypeSymbol, ModelEntry> _models = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<(string Id, Location Location), byte> _reportedOnce = new();
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _mayTakeRoot = new(SymbolEqualityComparer.Default);
    private int _consumers;

    private CompilationFacts(Compilation compilation)
    {
        Known = new KnownSymbols(compilation);
    }

    /// <summary>The compilation's well-known symbols (Math, MathF, TensorPrimitives, the SIMD vector types).</summary>
    public KnownSymbols Known { get; }

    /// <summary>The facts of <paramref name="compilation"/>, created on first use.</summary>
    public static CompilationFacts For(Compilation compilation) => ByCompilation.GetValue(compilation, c => new CompilationFacts(c));

    /// <summary>
    /// Whether <paramref name="type"/>'s source names a square root (<see cref="RootSyntax.MayTakeRoot"/>), read by the
    /// first rule that asks and remembered for the others.
    /// </summary>
    public bool MayTakeRoot(INamedTypeSymbol type, CancellationToken cancellation) =>
        _mayTakeRoot.TryGetValue(type, out bool known) ? known : _mayTakeRoot.GetOrAdd(type, RootSyntax.MayTakeRoot(type, cancellation));

    /// <summary>Counts one more rule that will read every model; called from each rule's compilation-start action.</summary>
    public void AddConsumer() => Interlocked.Increment(ref _consumers);

    /// <summary>
    /// The model of <paramref name="type"/>, built from <paramref name="blocks"/> by the first rule that asks and
    /// shared with the rest; null when the type holds no square root (no rule has anything to say about it). Each
    /// call must be paired with <see cref="Release"/>.
    /// </summary>
    public TypeModel? Acquire(INamedTypeSymbol type, ImmutableArray<(ISymbol Owner, IOperation Block)> blocks, CancellationToken cancellation)
    {
        ModelEntry entry = _models.GetOrAdd(type, _ => new ModelEntry());
        lock (entry)
        {
            // Built under the entry's lock: the other rules wait for this one instead of building their own. A build
            // cancelled for one rule leaves the entry unbuilt, and the next rule builds it with its own token.
            if (!entry.Built)
            {
                entry.Model = TypeModel.Build(blocks, this, cancellation);
                entry.Built = true;
            }

            return entry.Model;
        }
    }

    /// <summary>Marks one rule as done with <paramref name="type"/>'s model; the last one drops it.</summary>
    public void Release(INamedTypeSymbol type)
    {
        if (_models.TryGetValue(type, out ModelEntry? entry) && Interlocked.Increment(ref entry.Done) >= Volatile.Read(ref _consumers))
        {
            _models.TryRemove(type, out _);
        }
    }

    /// <summary>
    /// True the first time a diagnostic of <paramref name="id"/> at <paramref name="location"/> is claimed in this
    /// compilation: a declaration read by several types (a shared <c>const double Rho</c>) is reported once.
    /// </summary>
    public bool ClaimReport(string id, Location location) => _reportedOnce.TryAdd((id, location), 0);

    private sealed class ModelEntry
    {
        public int Done;
        public bool Built;
        public TypeModel? Model;
    }
}
