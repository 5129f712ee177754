using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static RmsProp.Analyzers.Shape.Expressions;

namespace RmsProp.Analyzers.Shape;

/// <summary>
/// State buffers seen under other names: a helper that updates an array (or a ref) it is passed updates the caller's
/// field, a SIMD local copied back into an array stands for that array, and a pointer pinned on a buffer stands for it.
/// </summary>
internal static class StateBufferRecognizer
{
    /// <summary>The aliases of <paramref name="facts"/>'s type (read once, when the facts are built).</summary>
    public static Aliases AliasesOf(TypeFacts facts)
    {
        var aliases = new Aliases();
        AddArrayParameterAliases(facts, aliases);
        AddCopyToAliases(facts, aliases);
        AddPinnedPointerAliases(facts, aliases);
        return aliases;
    }

    /// <summary>
    /// A helper that updates an array it is passed (<c>void Decay(double[] s, ...)</c>), or a value passed by
    /// reference (<c>Decay(ref _s[i], g)</c>), updates the caller's field.
    /// Aliased only when every call site in the type passes the same storage, so Adam's two moments stay apart.
    /// </summary>
    private static void AddArrayParameterAliases(TypeFacts facts, Aliases aliases)
    {
        var candidates = new Dictionary<IParameterSymbol, ISymbol?>(SymbolEqualityComparer.Default);
        foreach (IInvocationOperation call in facts.Operations.OfType<IInvocationOperation>())
        {
            if (!facts.HasBody(call.TargetMethod))
            {
                continue;
            }

            foreach (IArgumentOperation argument in call.Arguments)
            {
                if (argument.Parameter is not { } parameter || !IsReferenceLike(parameter.Type) && parameter.RefKind is not (RefKind.Ref or RefKind.Out))
                {
                    continue;
                }

                ISymbol? storage = Root(argument.Value);
                parameter = parameter.OriginalDefinition;
                if (candidates.TryGetValue(parameter, out ISymbol? existing))
                {
                    if (!SymbolEqualityComparer.Default.Equals(existing, storage))
                    {
                        candidates[parameter] = null;
                    }
                }
                else
                {
                    candidates[parameter] = storage;
                }
            }
        }

        foreach (KeyValuePair<IParameterSymbol, ISymbol?> candidate in candidates)
        {
            if (candidate.Value is not null)
            {
                aliases.Add(candidate.Key, candidate.Value);
            }
        }
    }

    /// <summary>
    /// SIMD code loads a slice into a vector local, updates it and copies it back (<c>sv.CopyTo(_ms, i)</c>): the
    /// local stands for the array it is copied to.
    /// </summary>
    private static void AddCopyToAliases(TypeFacts facts, Aliases aliases)
    {
        foreach (IInvocationOperation call in facts.Operations.OfType<IInvocationOperation>())
        {
            if (call.TargetMethod.Name is "CopyTo" or "TryCopyTo" or "Store" or "StoreUnsafe"
                && Unwrap(call.Instance ?? (call.Arguments.Length > 0 ? call.Arguments[0].Value : call)) is ILocalReferenceOperation local
                && call.Arguments.FirstOrDefault(a => Unwrap(a.Value) is not ILocalReferenceOperation l || !SymbolEqualityComparer.Default.Equals(l.Local, local.Local)) is { } destination
                && Root(destination.Value) is { } storage)
            {
                aliases.Add(local.Local, storage);
            }
        }
    }

    /// <summary>
    /// High-performance code pins its buffers and indexes the pointer (<c>fixed (float* pm = _m)</c>,
    /// <c>fixed (float* pm = &amp;_m[0])</c>, <c>fixed (float* pm = m[layer])</c> over a jagged array, then
    /// <c>pm[i]</c> or <c>*(pm + i)</c>): the pointer stands for the buffer it points into, as does a pointer declared
    /// as an offset of it (<c>float* row = pm + offset</c>).
    /// </summary>
    private static void AddPinnedPointerAliases(TypeFacts facts, Aliases aliases)
    {
        foreach (IOperation operation in facts.Operations)
        {
            if (operation is IVariableDeclaratorOperation { Symbol.Type: IPointerTypeSymbol, Initializer.Value: { } value } declarator
                && Root(value) is { } storage)
            {
                aliases.Add(declarator.Symbol, storage);
            }
        }
    }

    private static bool IsReferenceLike(ITypeSymbol type) =>
        type is IArrayTypeSymbol or IPointerTypeSymbol || type.Name is "Span" or "Memory" or "List" || type.IsRefLikeType;
}
