using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using static RmsProp.Analyzers.Shape.Expressions;

namespace RmsProp.Analyzers.Shape;

/// <summary>
/// How the callers of a compilation start the sums that a method keeps in its parameters (an array, span or pointer
/// the caller owns): AdaGrad's static update fed the optimizer's zeroed arrays (KelpNet), or a kernel whose trainer
/// fills them with 1 (ML.NET's FFM, in another assembly). A sum whose own type neither passes nor starts it is held
/// back from RMSP002 (<see cref="AccumulatorStart.ByCaller"/>) until the compilation ends; then it is reported when a
/// caller in the compilation is seen to pass a fresh array, or one it clears or fills with 0.
/// </summary>
/// <remarks>
/// Joined at the compilation's end for the reason <see cref="CallerFacts"/> gives: the caller's operation trees may
/// only be read while the caller's type is analysed. The callers walked are the types whose text spells the name of a
/// method that takes a root and has such a parameter (<see cref="Create"/>, read from the syntax of the files that name
/// a root, once per compilation): on code with no root anywhere there is none, and nothing more is done.
/// </remarks>
internal sealed class ParameterStartFacts
{
    private readonly HashSet<string> _methods;
    private readonly IdentifierTextSearch _search;
    private readonly ConcurrentDictionary<SyntaxTree, ImmutableArray<int>> _positions = new();
    private readonly ConcurrentDictionary<IParameterSymbol, byte> _startedAtZero = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentBag<HeldBack> _heldBack = new();

    private ParameterStartFacts(HashSet<string> methods)
    {
        _methods = methods;
        _search = new IdentifierTextSearch(methods);
    }

    /// <summary>
    /// The facts for <paramref name="compilation"/>, or null when no method of it may keep a sum in a parameter: a
    /// method declared in a file that names a root, with the name of a root in its own text, and a parameter of an
    /// array, pointer or span type.
    /// </summary>
    public static ParameterStartFacts? Create(Compilation compilation, RootSyntax roots, CancellationToken cancellation)
    {
        HashSet<string>? methods = null;
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            cancellation.ThrowIfCancellationRequested();
            ImmutableArray<int> positions = roots.RootNamePositions(tree, cancellation);
            if (positions.IsEmpty)
            {
                continue;
            }

            foreach (MethodDeclarationSyntax method in tree.GetRoot(cancellation).DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                cancellation.ThrowIfCancellationRequested();
                if (method.ParameterList.Parameters.Any(p => p.Type is { } type && IsBufferType(type)) && positions.Any(method.Span.Contains))
                {
                    (methods ??= new HashSet<string>(StringComparer.Ordinal)).Add(method.Identifier.ValueText);
                }
            }
        }

        return methods is null ? null : new ParameterStartFacts(methods);
    }

    /// <summary>Whether a parameter's declared type can hold a sum its caller owns: an array, a pointer, a span or memory.</summary>
    private static bool IsBufferType(TypeSyntax type) => type switch
    {
        ArrayTypeSyntax or PointerTypeSyntax => true,
        GenericNameSyntax generic => generic.Identifier.ValueText is "Span" or "Memory",
        QualifiedNameSyntax qualified => IsBufferType(qualified.Right),
        _ => false,
    };

    /// <summary>
    /// Whether <paramref name="type"/>'s source names one of the methods (other than in declaring it), so that it may
    /// pass one a sum: only such a type's operation trees are walked for the arguments it passes.
    /// </summary>
    public bool MayPassState(INamedTypeSymbol type, CancellationToken cancellation)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            ImmutableArray<int> positions = _positions.TryGetValue(reference.SyntaxTree, out ImmutableArray<int> found)
                ? found
                : _positions.GetOrAdd(reference.SyntaxTree, _search.Find(reference.SyntaxTree.GetText(cancellation), cancellation));
            if (!positions.IsEmpty
                && IdentifierTextSearch.OwnIdentifiersAt(reference.GetSyntax(cancellation), positions, _methods.Contains, cancellation)
                    .Any(token => token.Parent is not MethodDeclarationSyntax))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Walks a caller type's blocks once: for every call of a source method by one of the names, every argument given
    /// to an array, pointer or span parameter that the caller starts at 0 (a fresh array, or storage it creates fresh,
    /// clears or fills with 0, and never fills with a positive value) marks that parameter as started at 0.
    /// </summary>
    public void AddCallers(ImmutableArray<(ISymbol Owner, IOperation Block)> blocks, CancellationToken cancellation)
    {
        var starts = new Dictionary<ISymbol, StartEvidence>(SymbolEqualityComparer.Default);
        var pinned = new Dictionary<ILocalSymbol, IOperation>(SymbolEqualityComparer.Default);
        var calls = new List<IInvocationOperation>();
        // Keyed by the declared symbol: a generic optimizer fills `h` of AdaGrad<T> and passes `d.h[i]` of AdaGrad<double>.
        void Merge(ISymbol symbol, StartEvidence evidence) =>
            starts[symbol.OriginalDefinition] = starts.TryGetValue(symbol.OriginalDefinition, out StartEvidence seen) ? seen | evidence : evidence;
        void Note(IOperation? storage, StartEvidence evidence)
        {
            if (Root(storage) is { } symbol)
            {
                Merge(symbol, evidence);
            }
        }

        int visited = 0;
        foreach ((_, IOperation block) in blocks)
        {
            cancellation.ThrowIfCancellationRequested();
            foreach (IOperation operation in block.DescendantsAndSelf())
            {
                if ((++visited & 1023) == 0)
                {
                    cancellation.ThrowIfCancellationRequested();
                }

                switch (operation)
                {
                    case IInvocationOperation call:
                        if (_methods.Contains(call.TargetMethod.Name) && call.TargetMethod.Locations.Any(location => location.IsInSource))
                        {
                            calls.Add(call);
                        }

                        NoteCall(call, Note);
                        break;
                    case ISimpleAssignmentOperation assignment:
                        Note(assignment.Target, StartOf(assignment.Value, element: IsElementAccess(assignment.Target)));
                        break;
                    case IVariableDeclaratorOperation { Initializer.Value: { } value } declarator:
                        if (declarator.Symbol.Type is IPointerTypeSymbol)
                        {
                            pinned[declarator.Symbol] = value;
                        }

                        Merge(declarator.Symbol, StartOf(value, element: false));
                        break;
                    case IFieldInitializerOperation field:
                        foreach (IFieldSymbol initialized in field.InitializedFields)
                        {
                            Merge(initialized, StartOf(field.Value, element: false));
                        }

                        break;
                    case IPropertyInitializerOperation property:
                        foreach (IPropertySymbol initialized in property.InitializedProperties)
                        {
                            Merge(initialized, StartOf(property.Value, element: false));
                        }

                        break;
                }
            }
        }

        foreach (IInvocationOperation call in calls)
        {
            foreach (IArgumentOperation argument in call.Arguments)
            {
                if (argument.Parameter is { Type: IArrayTypeSymbol or IPointerTypeSymbol or { IsRefLikeType: true } } parameter
                    && StartedAtZero(argument.Value, starts, pinned))
                {
                    _startedAtZero.TryAdd(parameter.OriginalDefinition, 0);
                }
            }
        }
    }

    /// <summary>What a call does to the storage it clears, fills or adds a fresh array to.</summary>
    private static void NoteCall(IInvocationOperation call, Action<IOperation?, StartEvidence> note)
    {
        // Unwrapped: Array.Clear(Array) takes the array converted to System.Array.
        IOperation? target = call.Instance ?? (call.Arguments.Length > 0 ? Unwrap(call.Arguments[0].Value) : null);
        switch (call.TargetMethod.Name)
        {
            // Array.Clear(s), s.AsSpan().Clear(); not a list's Clear, which empties the list and zeroes no sum.
            case "Clear" when target?.Type is IArrayTypeSymbol or { IsRefLikeType: true }:
                note(target, StartEvidence.Zeroed);
                break;
            case "Fill" when target?.Type is IArrayTypeSymbol or { IsRefLikeType: true }:
                IOperation? value = (call.Instance is null ? call.Arguments.ElementAtOrDefault(1) : call.Arguments.ElementAtOrDefault(0))?.Value;
                note(target, value is null ? StartEvidence.None : ConstantNumber(value) switch
                {
                    0 => StartEvidence.Zeroed,
                    > 0 => StartEvidence.Positive,
                    _ => StartEvidence.None,
                });
                break;

            // `_h.Add(new double[n])`: a list of per-layer sums, each fresh.
            case "Add" or "Push" or "Enqueue" when call.Instance is not null && call.Arguments.Length == 1:
                note(call.Instance, StartOf(call.Arguments[0].Value, element: false));
                break;
        }
    }

    /// <summary>What storing <paramref name="value"/> says of the start: a fresh array, a positive or zero element.</summary>
    private static StartEvidence StartOf(IOperation value, bool element)
    {
        IOperation stored = Unwrap(value);
        if (stored is IArrayCreationOperation creation)
        {
            if (creation.Initializer is null)
            {
                return StartEvidence.Fresh;
            }

            List<double?> values = creation.Initializer.ElementValues.Select(ConstantNumber).ToList();
            return values.Count > 0 && values.All(v => v is > 0) ? StartEvidence.Positive
                : values.All(v => v is 0) ? StartEvidence.Fresh
                : StartEvidence.None;
        }

        return element
            ? ConstantNumber(stored) switch
            {
                0 => StartEvidence.Zeroed,
                > 0 => StartEvidence.Positive,
                _ => StartEvidence.None,
            }
            : StartEvidence.None;
    }

    /// <summary>
    /// Whether the argument starts at 0: a fresh array, or storage of the caller (through a pinned pointer to it) that
    /// it clears or fills with 0, or creates fresh and never fills with a positive value.
    /// </summary>
    private static bool StartedAtZero(IOperation argument, Dictionary<ISymbol, StartEvidence> starts, Dictionary<ILocalSymbol, IOperation> pinned)
    {
        if (StartOf(argument, element: false) == StartEvidence.Fresh)
        {
            return true;
        }

        StartEvidence seen = StartEvidence.None;
        ISymbol? symbol = Root(argument)?.OriginalDefinition;
        for (int depth = 0; symbol is not null && depth < 4; depth++)
        {
            if (starts.TryGetValue(symbol, out StartEvidence evidence))
            {
                seen |= evidence;
            }

            // `fixed (double* p = _h)`: the pointer starts where the buffer it is pinned on does.
            symbol = symbol is ILocalSymbol local && pinned.TryGetValue(local, out IOperation? on) ? Root(on)?.OriginalDefinition : null;
        }

        return (seen & StartEvidence.Zeroed) != 0 || (seen & StartEvidence.Fresh) != 0 && (seen & StartEvidence.Positive) == 0;
    }

    /// <summary>
    /// Holds back a report of RMSP002 on a sum in <paramref name="parameter"/> until the callers are known (the
    /// compilation's end).
    /// </summary>
    public void HoldBack(IParameterSymbol parameter, Denominator denominator) =>
        _heldBack.Add(new HeldBack(parameter.OriginalDefinition, denominator.SquareRoot.Syntax.GetLocation(), denominator.RootOfQuotient, denominator.SquareRoot.Syntax.ToString()));

    /// <summary>The held-back reports whose parameter some caller of the compilation starts at 0.</summary>
    public IEnumerable<HeldBack> StartedAtZeroByACaller(CancellationToken cancellation)
    {
        foreach (HeldBack held in _heldBack)
        {
            cancellation.ThrowIfCancellationRequested();
            if (_startedAtZero.ContainsKey(held.Parameter))
            {
                yield return held;
            }
        }
    }

    /// <summary>What the storing of a value into storage says of how it starts.</summary>
    [Flags]
    private enum StartEvidence
    {
        None = 0,

        /// <summary>A fresh array (all zeros).</summary>
        Fresh = 1,

        /// <summary>Cleared, or filled or written with 0.</summary>
        Zeroed = 2,

        /// <summary>Filled or written with a positive constant.</summary>
        Positive = 4,
    }

    /// <summary>An RMSP002 report held back until the callers of its sum's parameter are known.</summary>
    internal sealed class HeldBack
    {
        public HeldBack(IParameterSymbol parameter, Location location, bool rootOfQuotient, string root)
        {
            Parameter = parameter;
            Location = location;
            RootOfQuotient = rootOfQuotient;
            Root = root;
        }

        /// <summary>The parameter holding the sum.</summary>
        public IParameterSymbol Parameter { get; }

        /// <summary>The root that divides the update.</summary>
        public Location Location { get; }

        /// <summary>The root is that of a quotient whose divisor is the sum (no epsilon after it guards anything).</summary>
        public bool RootOfQuotient { get; }

        /// <summary>The root as the message names it.</summary>
        public string Root { get; }
    }
}
