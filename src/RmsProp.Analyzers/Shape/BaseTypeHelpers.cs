using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace RmsProp.Analyzers.Shape;

/// <summary>
/// Helpers a type inherits from a base type of the same compilation, read as if the type declared them: the root of
/// small optimizer libraries is often taken by one helper of their abstract base class (gdo's
/// <c>protected double Rms(double val)</c>), and each derived optimizer only calls it (field item 06). One per analysis
/// run of a compilation.
/// </summary>
/// <remarks>
/// The cost stays where the root gate put it (docs/analyzer-cost.md): a type whose own source names no root passes
/// the gate only when a base type in the compilation declares a method that names one, a fact read once per base
/// type from the per-file search <see cref="RootSyntax"/> already made (a lookup for every type of a file that names
/// none). Only then are the type's operation trees collected, and only the helpers it calls are bound.
/// </remarks>
internal sealed class BaseTypeHelpers
{
    private const int MaxDepth = 3;

    private readonly RootSyntax _roots;
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _declaresRootMethod = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, IOperation?> _bodies = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<(string Id, Location Location), byte> _claimed = new();

    public BaseTypeHelpers(RootSyntax roots)
    {
        _roots = roots;
    }

    /// <summary>Whether a base type of <paramref name="type"/> in the compilation declares a method whose source names a root.</summary>
    /// <remarks>
    /// Only bases of the same assembly: a base in a project this one references is in source too (a compilation
    /// reference), but its trees are not this compilation's, so nothing here may bind them.
    /// </remarks>
    public bool MayInheritRoot(INamedTypeSymbol type, CancellationToken cancellation)
    {
        for (INamedTypeSymbol? current = type.BaseType; current is not null && InAssemblyOf(type, current); current = current.BaseType)
        {
            INamedTypeSymbol declared = current.OriginalDefinition;
            if (_declaresRootMethod.TryGetValue(declared, out bool declares) ? declares : _declaresRootMethod.GetOrAdd(declared, _roots.MayTakeRootInMethod(declared, cancellation)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The blocks of the helpers of base types that <paramref name="blocks"/> call on this object (or statically),
    /// and those they call in turn: each a method of a base type in the compilation, with a body, and not virtual unless
    /// <paramref name="type"/> is sealed (a virtual helper called from an unsealed type may run another body, in a type
    /// derived from it, for the same call).
    /// </summary>
    public ImmutableArray<(ISymbol Owner, IOperation Block)> Borrow(
        INamedTypeSymbol type, ImmutableArray<(ISymbol Owner, IOperation Block)> blocks, Compilation compilation, CancellationToken cancellation)
    {
        var borrowed = ImmutableArray.CreateBuilder<(ISymbol, IOperation)>();
        var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var pending = new List<IOperation>(blocks.Select(b => b.Block));
        for (int depth = 0; depth < MaxDepth && pending.Count > 0; depth++)
        {
            var next = new List<IOperation>();
            foreach (IOperation block in pending)
            {
                foreach (IInvocationOperation call in block.DescendantsAndSelf().OfType<IInvocationOperation>())
                {
                    cancellation.ThrowIfCancellationRequested();
                    IMethodSymbol helper = call.TargetMethod.OriginalDefinition;
                    if (call.Instance is null or IInstanceReferenceOperation && IsFollowable(type, helper) && seen.Add(helper)
                        && BodyOf(helper, compilation, cancellation) is { } body)
                    {
                        borrowed.Add((helper, body));
                        next.Add(body);
                    }
                }
            }

            pending = next;
        }

        return borrowed.ToImmutable();
    }

    /// <summary>
    /// True the first time a diagnostic of <paramref name="id"/> at <paramref name="location"/> is claimed in this run:
    /// a root in a base helper is read by every derived type that calls it, and reported once.
    /// </summary>
    public bool Claim(string id, Location location) => _claimed.TryAdd((id, location), 0);

    /// <remarks>
    /// A call binds to the most derived override its receiver's type sees, so the method called is the one that runs
    /// for this type, unless a type derived from it overrides the method again: a virtual (or overriding, unsealed)
    /// helper is followed only from a sealed type.
    /// </remarks>
    private static bool IsFollowable(INamedTypeSymbol type, IMethodSymbol helper)
    {
        if (helper.MethodKind != MethodKind.Ordinary || helper.IsAbstract || helper.IsExtern || !InAssemblyOf(type, helper)
            || (helper.IsVirtual || helper.IsOverride && !helper.IsSealed) && !type.IsSealed)
        {
            return false;
        }

        INamedTypeSymbol declaring = helper.ContainingType.OriginalDefinition;
        for (INamedTypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, declaring))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The helper's body, bound once per run (the block under its <see cref="IMethodBodyOperation"/>, as the driver gives a type's own).</summary>
    private IOperation? BodyOf(IMethodSymbol helper, Compilation compilation, CancellationToken cancellation)
    {
        if (_bodies.TryGetValue(helper, out IOperation? body))
        {
            return body;
        }

        body = null;
        if (helper.DeclaringSyntaxReferences.Length == 1 && compilation.ContainsSyntaxTree(helper.DeclaringSyntaxReferences[0].SyntaxTree)
            && helper.DeclaringSyntaxReferences[0].GetSyntax(cancellation) is MethodDeclarationSyntax declaration)
        {
            // The helper belongs to another type, whose trees the driver gives only while that type is analysed; its
            // one body is bound here (the driver's compilation serves the semantic model it caches for the file).
#pragma warning disable RS1030 // One small method body per helper and run, not a file per callback.
            SemanticModel model = compilation.GetSemanticModel(declaration.SyntaxTree);
#pragma warning restore RS1030
            if (model.GetOperation(declaration, cancellation) is IMethodBodyOperation method)
            {
                body = (IOperation?)method.BlockBody ?? method.ExpressionBody;
            }
        }

        return _bodies.GetOrAdd(helper, body);
    }

    /// <summary>Whether <paramref name="symbol"/> is declared in the source of <paramref name="type"/>'s own assembly.</summary>
    private static bool InAssemblyOf(INamedTypeSymbol type, ISymbol symbol) =>
        SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, type.ContainingAssembly) && symbol.Locations.Any(location => location.IsInSource);
}
