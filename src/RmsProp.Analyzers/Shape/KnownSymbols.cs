using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

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
    public bool IsSquareRoot(IOperation operation, out IOperation? argument) => IsSquareRoot(operation, out argument, out _);

    /// <summary>
    /// Whether <paramref name="operation"/> takes a square root, known by meaning: <c>Math</c>/<c>MathF</c>/<c>double</c>/<c>float</c>/<c>T.Sqrt</c>,
    /// the SIMD vectors' <c>Sqrt</c>/<c>SquareRoot</c>, <c>TensorPrimitives.Sqrt</c>, a method or property named
    /// sqrt/Sqrt on a numeric, vector or tensor-like value (<c>t.Sqrt()</c>, <c>x.add(eps).sqrt()</c>, an extension
    /// <c>x.Sqrt()</c>), the root of a backend or numeric-operations object (<c>K.Sqrt(x)</c>, <c>NumOps.Sqrt(s)</c>),
    /// <c>Pow(x, 0.5)</c>; and reciprocal roots (<c>rsqrt</c>, <c>ReciprocalSqrtEstimate</c>,
    /// <c>Pow(x, -0.5)</c>), which multiply where a root divides.
    /// </summary>
    public bool IsSquareRoot(IOperation operation, out IOperation? argument, out bool reciprocal)
    {
        argument = null;
        reciprocal = false;
        switch (operation)
        {
            case IInvocationOperation call when RootNames.TryGetValue(call.TargetMethod.Name, out bool inverse):
                reciprocal = inverse;
                if (call.Instance is null && call.Arguments.Length >= 1
                    && (call.Arguments.Length == 1 || SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, TensorPrimitives)))
                {
                    // Math.Sqrt(x), Vector128.Sqrt(v), T.Sqrt(x), an extension x.Sqrt(); TensorPrimitives.Sqrt(x, destination).
                    argument = call.Arguments[0].Value;
                    return true;
                }

                if (call.Instance is { } instance && call.Arguments.Length == 0 && IsNumericLike(instance.Type))
                {
                    argument = instance;
                    return true;
                }

                if (Expressions.IsOperationsObjectCall(call, arity: 1) && IsNumericLike(call.Type))
                {
                    // `K.Sqrt(x)`, `NumOps.Sqrt(s)`: a backend or numeric-operations object's root of the type it returns.
                    argument = call.Arguments[0].Value;
                    return true;
                }

                return false;
            case IInvocationOperation { TargetMethod.Name: "Pow" or "pow" or "Power" } power:
                IOperation? exponent = power.Instance is null
                    ? power.Arguments.Length == 2 ? power.Arguments[1].Value : null
                    : power.Arguments.Length == 1 ? power.Arguments[0].Value : null;
                double? value = exponent is null ? null : Expressions.ConstantNumber(exponent);
                if (value is not (0.5 or -0.5))
                {
                    return false;
                }

                reciprocal = value < 0;
                argument = power.Instance ?? power.Arguments[0].Value;
                return true;
            case IPropertyReferenceOperation { Instance: { } owner } property when RootNames.TryGetValue(property.Property.Name, out bool inverseProperty)
                && IsNumericLike(owner.Type):
                reciprocal = inverseProperty;
                argument = owner;
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Whether a value's type does arithmetic: a number, a SIMD vector, or a type with arithmetic operators or named
    /// like a tensor, matrix or array of numbers (TorchSharp's <c>Tensor</c>, NumSharp's <c>NDArray</c>, Math.NET's
    /// <c>Vector&lt;double&gt;</c>).
    /// </summary>
    public bool IsNumericLike(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (type.SpecialType is SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Decimal
            || type is ITypeParameterSymbol
            || type is INamedTypeSymbol named && VectorTypes.Contains(named.OriginalDefinition))
        {
            return true;
        }

        string name = type.Name;
        return name.IndexOf("Tensor", System.StringComparison.Ordinal) >= 0 || name.IndexOf("Matrix", System.StringComparison.Ordinal) >= 0
            || name.IndexOf("Vector", System.StringComparison.Ordinal) >= 0 || name.IndexOf("Array", System.StringComparison.Ordinal) >= 0
            || name is "Half" or "Complex"
            || type.GetMembers("op_Multiply").Length > 0 || type.GetMembers("op_Division").Length > 0;
    }

    /// <summary>
    /// The names a square root goes by, each with whether it is the reciprocal root; <see cref="RootSyntax"/> skips a
    /// type whose source names none of them (nor <c>Pow</c>).
    /// </summary>
    internal static readonly System.Collections.Generic.Dictionary<string, bool> RootNames = new(System.StringComparer.Ordinal)
    {
        ["Sqrt"] = false,
        ["sqrt"] = false,
        ["sqrt_"] = false,
        ["SquareRoot"] = false,
        ["Rsqrt"] = true,
        ["rsqrt"] = true,
        ["rsqrt_"] = true,
        ["RSqrt"] = true,
        ["ReciprocalSqrt"] = true,
        ["ReciprocalSqrtEstimate"] = true,
        ["ReciprocalSquareRoot"] = true,
        ["ReciprocalSquareRootEstimate"] = true,
        ["InvSqrt"] = true,
        ["InverseSqrt"] = true,
    };
}
