using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace RmsProp.Analyzers.Shape;

/// <summary>
/// The compilation's well-known types that the recognisers compare against, resolved once per compilation (by
/// <see cref="CompilationFacts"/>) instead of by name at every operation. A type the compilation does not reference
/// (System.Numerics.Tensors, say) is simply absent.
/// </summary>
internal sealed class KnownSymbols
{
    public KnownSymbols(Compilation compilation)
    {
        Math = compilation.GetTypeByMetadataName("System.Math");
        MathF = compilation.GetTypeByMetadataName("System.MathF");
        TensorPrimitives = compilation.GetTypeByMetadataName("System.Numerics.Tensors.TensorPrimitives");
        VectorTypes = new[]
            {
                "System.Numerics.Vector", "System.Numerics.Vector`1", "System.Numerics.Vector2", "System.Numerics.Vector3",
                "System.Numerics.Vector4", "System.Runtime.Intrinsics.Vector64", "System.Runtime.Intrinsics.Vector64`1",
                "System.Runtime.Intrinsics.Vector128", "System.Runtime.Intrinsics.Vector128`1", "System.Runtime.Intrinsics.Vector256",
                "System.Runtime.Intrinsics.Vector256`1", "System.Runtime.Intrinsics.Vector512", "System.Runtime.Intrinsics.Vector512`1",
            }
            .Select(compilation.GetTypeByMetadataName)
            .Where(type => type is not null)
            .Select(type => type!)
            .ToImmutableHashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
    }

    /// <summary><c>System.Math</c>.</summary>
    public INamedTypeSymbol? Math { get; }

    /// <summary><c>System.MathF</c>.</summary>
    public INamedTypeSymbol? MathF { get; }

    /// <summary><c>System.Numerics.Tensors.TensorPrimitives</c>, when the compilation references it.</summary>
    public INamedTypeSymbol? TensorPrimitives { get; }

    /// <summary>The SIMD vector types of System.Numerics and System.Runtime.Intrinsics (generic ones as definitions).</summary>
    public ImmutableHashSet<INamedTypeSymbol> VectorTypes { get; }

    /// <summary>Whether <paramref name="operation"/> takes a square root; <paramref name="argument"/> is what is under it.</summary>
    public bool IsSquareRoot(IOperation operation, out IOperation? argument) =>
        Expressions.IsSquareRoot(operation, out argument);
}
