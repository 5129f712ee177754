using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static RmsProp.Analyzers.Shape.Expressions;

namespace RmsProp.Analyzers.Shape;

/// <summary>
/// What one type's code says about optimizers, as the rules query it: its state updates (running averages and sums)
/// and its adaptive quotients. Built once per type from the facts layer (<see cref="TypeFacts"/>) by the recognisers
/// (<see cref="StateBufferRecognizer"/>, <see cref="StateUpdateRecognizer"/>, <see cref="AdaptiveQuotientRecognizer"/>,
/// <see cref="AccumulatorStartRecognizer"/>, <see cref="Weights"/>), and dropped when the type has been analysed:
/// nothing outlives a type.
/// </summary>
internal sealed class TypeModel
{
    private readonly HashSet<ISymbol> _averaged;
    private readonly AccumulatorStartRecognizer _starts;

    private readonly HashSet<ISymbol> _borrowedOwners;
    private readonly BaseTypeHelpers? _helpers;

    private TypeModel(
        ImmutableArray<(ISymbol Owner, IOperation Block)> blocks, ImmutableArray<(ISymbol Owner, IOperation Block)> borrowed, BaseTypeHelpers? helpers,
        CompilationFacts facts, CancellationToken cancellation)
    {
        _helpers = helpers;
        _borrowedOwners = new HashSet<ISymbol>(borrowed.Select(b => b.Owner), SymbolEqualityComparer.Default);
        TypeFacts = new TypeFacts(borrowed.IsEmpty ? blocks : blocks.AddRange(borrowed), facts, cancellation);
        Averages = StateUpdateRecognizer.Find(TypeFacts);
        _averaged = new HashSet<ISymbol>(Averages.Select(a => a.Storage), SymbolEqualityComparer.Default);
        cancellation.ThrowIfCancellationRequested();
        (List<AdaptiveQuotient> quotients, List<Denominator> denominators) = AdaptiveQuotientRecognizer.Find(TypeFacts, Averages);
        Quotients = quotients;
        Denominators = denominators;
        _starts = new AccumulatorStartRecognizer(this);
    }

    /// <summary>
    /// The model of a type's blocks, or null when no block takes a square root: every rule needs an adaptive
    /// denominator, so most types of a project are done here, before anything else is computed.
    /// </summary>
    public static TypeModel? Build(ImmutableArray<(ISymbol Owner, IOperation Block)> blocks, CompilationFacts facts, CancellationToken cancellation) =>
        Build(blocks, ImmutableArray<(ISymbol, IOperation)>.Empty, null, facts, cancellation);

    /// <summary>
    /// The model of a type's blocks together with the helpers it calls from its base types (<paramref name="borrowed"/>,
    /// <see cref="BaseTypeHelpers"/>), read as its own; null when no block takes a square root.
    /// </summary>
    public static TypeModel? Build(
        ImmutableArray<(ISymbol Owner, IOperation Block)> blocks, ImmutableArray<(ISymbol Owner, IOperation Block)> borrowed, BaseTypeHelpers? helpers,
        CompilationFacts facts, CancellationToken cancellation)
    {
        foreach ((_, IOperation block) in borrowed.IsEmpty ? blocks : blocks.AddRange(borrowed))
        {
            cancellation.ThrowIfCancellationRequested();
            if (block.DescendantsAndSelf().Any(op => facts.Known.IsSquareRoot(op, out _)))
            {
                return new TypeModel(blocks, borrowed, helpers, facts, cancellation);
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a diagnostic of <paramref name="id"/> at <paramref name="at"/> is this type's to report: always for its
    /// own code; for code in a helper of a base type, only for the first type that claims it (every derived type that
    /// calls the helper reads it).
    /// </summary>
    public bool ClaimReport(string id, IOperation at) =>
        _helpers is null || MethodOf(at) is not { } method || !_borrowedOwners.Contains(method) || _helpers.Claim(id, at.Syntax.GetLocation());

    /// <summary>The facts layer the model was recognised from.</summary>
    public TypeFacts TypeFacts { get; }

    /// <summary>Every operation of the type's blocks, in one list (walked once, when the model is built).</summary>
    public IReadOnlyList<IOperation> Operations => TypeFacts.Operations;

    /// <summary>The compilation's well-known symbols.</summary>
    public KnownSymbols Known => TypeFacts.Known;

    /// <summary>What the rules share across the compilation (diagnostics reported once per declaration).</summary>
    public CompilationFacts Facts => TypeFacts.Shared;

    /// <summary>The token of the analysis that built the model; every walk over the type checks it.</summary>
    public CancellationToken Cancellation => TypeFacts.Cancellation;

    /// <summary>The operation blocks of the type's members, with their owners.</summary>
    public ImmutableArray<(ISymbol Owner, IOperation Block)> Blocks => TypeFacts.Blocks;

    /// <summary>Every running-average update in the type.</summary>
    public List<Average> Averages { get; }

    /// <summary>Every adaptive denominator of a parameter update in the type.</summary>
    public List<Denominator> Denominators { get; }

    /// <summary>
    /// Every square root that divides a parameter update, whatever is under it: the running average (these also
    /// appear in <see cref="Denominators"/>), or something else, such as this step's gradient.
    /// </summary>
    public IReadOnlyList<AdaptiveQuotient> Quotients { get; }

    /// <summary>Whether some update of the type keeps a running average (or sum) in <paramref name="storage"/>.</summary>
    public bool IsAveraged(ISymbol storage) => _averaged.Contains(storage);

    /// <summary>
    /// What a root's argument stands for: the argument itself, or, for a local that is not itself an average, the
    /// value of its definition above the root (<c>var variance = s - m*m; Math.Sqrt(variance)</c>).
    /// </summary>
    public IOperation ValueUnder(IOperation argument)
    {
        IOperation expression = Unwrap(argument);
        return expression is ILocalReferenceOperation local && !IsAveraged(local.Local) && TypeFacts.Flow.ReachingValue(local.Local, argument) is { } definition
            ? Unwrap(definition)
            : expression;
    }

    /// <summary>
    /// Every value a root's argument can stand for: for a local that is not itself an average, the value of each
    /// definition that reaches the root (<c>if (centered) v = s - m*m; else v = s;</c> gives both); otherwise
    /// <see cref="ValueUnder"/>'s one value.
    /// </summary>
    public IEnumerable<IOperation> ValuesUnder(IOperation argument) =>
        Unwrap(argument) is ILocalReferenceOperation local && !IsAveraged(local.Local)
        && TypeFacts.Flow.ReachingValues(local.Local, argument) is { Count: > 1 } values
            ? values.Select(Unwrap)
            : [ValueUnder(argument)];

    /// <summary>Whether a local holding a root's argument is floored in a statement of its own (<c>v = Math.Max(v, 0);</c>).</summary>
    public bool IsFlooredLocal(IOperation argument) =>
        Unwrap(argument) is ILocalReferenceOperation local && TypeFacts.Flow.GuardedAfterwards(local.Local, BodyOf(argument));
    /// <summary>
    /// Whether the average's storage is under the root of a denominator that can run together with the update
    /// (not in another branch of the same switch: one buffer can serve several optimizer kinds).
    /// </summary>
    public bool FeedsDenominator(Average average) =>
        Denominators.Any(d => SymbolEqualityComparer.Default.Equals(d.Accumulator, average.Storage) && !AreExclusive(average.Assignment, d.SquareRoot)
            && !DistinctSlots(average.Target, d.AccumulatorRead));

    /// <summary>
    /// Whether every update of <paramref name="storage"/> only adds squares (AdaGrad's sum) and the type starts it at a
    /// positive constant, or folds an epsilon into its first value: its root then never falls below that start, which
    /// guards the division as an epsilon does; or holds it in a parameter it neither passes nor starts (its owner does).
    /// </summary>
    public bool StartsPositiveAndOnlyGrows(ISymbol storage) => _starts.StartsPositiveAndOnlyGrows(storage);

    /// <summary>How the sum of squares in <paramref name="storage"/> starts, as far as this type shows.</summary>
    public AccumulatorStart StartOf(ISymbol storage) => _starts.StartOf(storage);

    /// <summary>
    /// Whether the average is part of an optimizer step: it feeds a denominator, or it is updated in the same body
    /// as a parameter update with an adaptive denominator (Adam's first moment).
    /// </summary>
    public bool InOptimizerStep(Average average) =>
        FeedsDenominator(average)
        || Denominators.Any(d => BodyOf(d.Update) == BodyOf(average.Assignment) && !AreExclusive(d.Update, average.Assignment));

    /// <summary>
    /// Every value the type stores into <paramref name="symbol"/>: initializers of fields, properties, locals and
    /// parameter defaults, arguments the type passes to a parameter, and plain assignments anywhere in the type.
    /// </summary>
    public IReadOnlyList<IOperation> ValuesAssignedTo(ISymbol symbol) => TypeFacts.ValuesAssignedTo(symbol);

    /// <summary>The element of <c>(a, b) = (x, y)</c> or <c>var (a, b) = (x, y);</c> that goes to <paramref name="symbol"/>.</summary>
    public static IOperation? DeconstructedValue(IDeconstructionAssignmentOperation deconstruction, ISymbol symbol) =>
        TypeFacts.DeconstructedValue(deconstruction, symbol);

    /// <summary>The method of this type whose body contains <paramref name="operation"/> (outside any lambda), if any.</summary>
    public IMethodSymbol? MethodOf(IOperation operation) => TypeFacts.MethodOf(operation);

    /// <summary>The calls of a method of this type made within the type.</summary>
    public IEnumerable<IInvocationOperation> CallsTo(IMethodSymbol method) => TypeFacts.CallsTo(method);

    /// <summary>The body of a method of this type, for following a call into it; null for other methods.</summary>
    public IOperation? BodyOfMethod(IMethodSymbol method) => TypeFacts.BodyOfMethod(method);

    /// <summary>Resolves a storage through the type's aliases (helper-method array parameters).</summary>
    public ISymbol? RootOf(IOperation operation) => TypeFacts.RootOf(operation);

    /// <summary>The root operation (method body) that contains <paramref name="operation"/>.</summary>
    public static IOperation BodyOf(IOperation operation) => TypeFacts.BodyOf(operation);

    /// <summary>The local definitions (declarators and assignments) of the body containing <paramref name="operation"/>.</summary>
    public IReadOnlyList<IOperation> LocalDefinitionsFor(IOperation operation) => TypeFacts.LocalDefinitionsFor(operation);

    /// <summary>The names decay rates go by (<see cref="Weights.NameLooksLikeDecay"/>).</summary>
    public static bool NameLooksLikeDecay(string symbolName) => Weights.NameLooksLikeDecay(symbolName);
}
