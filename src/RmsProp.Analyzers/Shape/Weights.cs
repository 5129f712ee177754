using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static RmsProp.Analyzers.Shape.Expressions;

namespace RmsProp.Analyzers.Shape;

/// <summary>Reading the decay weights of an average: which symbol is the decay, and what values it can have.</summary>
internal static class Weights
{
    /// <summary>
    /// What a weight stands for: itself, or for a SIMD local filled with one value (<c>var rho = new
    /// Vector&lt;float&gt;(_rho)</c>, <c>Vector.Create(1 - _rho)</c>), that value.
    /// </summary>
    public static IOperation Resolve(IOperation weight, TypeModel model)
    {
        if (Unwrap(weight) is ILocalReferenceOperation local)
        {
            var definitions = DefinitionsOf(local.Local, model.LocalDefinitionsFor(weight)).ToList();
            if (definitions.Count == 1 && Broadcast(definitions[0]) is { } value)
            {
                return value;
            }
        }

        return Broadcast(weight) ?? weight;
    }

    private static IOperation? Broadcast(IOperation value) => Unwrap(value) switch
    {
        IObjectCreationOperation { Arguments.Length: 1 } creation when IsVectorType(creation.Type?.OriginalDefinition) && !(creation.Arguments[0].Value.Type is IArrayTypeSymbol or { IsRefLikeType: true }) => creation.Arguments[0].Value,
        IInvocationOperation { TargetMethod.Name: "Create", Arguments.Length: 1 } create when IsVectorType(create.TargetMethod.ContainingType) => create.Arguments[0].Value,
        _ => null,
    };

    /// <summary>For <c>1 - x</c> (also <c>Vector&lt;T&gt;.One - x</c>), x; otherwise null.</summary>
    public static IOperation? Complement(IOperation weight) =>
        Unwrap(weight) is IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract } difference && Number(difference.LeftOperand) is 1.0
            ? Unwrap(difference.RightOperand)
            : null;

    /// <summary>
    /// A constant number, seen through SIMD broadcasts: <c>new Vector&lt;float&gt;(0.9f)</c>, <c>Vector128.Create(0.9)</c> and
    /// <c>Vector&lt;T&gt;.One</c> are the number in every lane.
    /// </summary>
    public static double? Number(IOperation operation)
    {
        if (ConstantNumber(operation) is { } constant)
        {
            return constant;
        }

        return Unwrap(operation) switch
        {
            IObjectCreationOperation { Arguments.Length: 1 } creation when IsVectorType(creation.Type?.OriginalDefinition) => ConstantNumber(creation.Arguments[0].Value),
            IInvocationOperation { TargetMethod.Name: "Create", Arguments.Length: 1 } create when IsVectorType(create.TargetMethod.ContainingType) => ConstantNumber(create.Arguments[0].Value),
            IPropertyReferenceOperation { Property.Name: "One" } one when IsVectorType(one.Property.ContainingType?.OriginalDefinition) => 1.0,
            IPropertyReferenceOperation { Property.Name: "Zero" } zero when IsVectorType(zero.Property.ContainingType?.OriginalDefinition) => 0.0,
            _ => null,
        };
    }

    /// <summary>Whether a weight divides integers anywhere (<c>9 / 10</c>, <c>1 - 9 / 10</c>): RMSP006's mistake, not a swap.</summary>
    public static bool HasIntegerDivision(IOperation weight) => weight.DescendantsAndSelf().Any(IsIntegerDivision);

    /// <summary>The symbol a weight names (<c>rho</c>, <c>_decay</c>, <c>this.Beta2</c>), or null for other expressions.</summary>
    public static ISymbol? Symbol(IOperation weight) => Unwrap(weight) switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property,
        _ => null,
    };

    /// <summary>
    /// The values a weight can take that the type states: its constant value, or the constants stored into its
    /// symbol (following a field set from a constructor parameter to that parameter's default).
    /// </summary>
    public static List<IOperation> Sources(IOperation weight, TypeModel model)
    {
        var sources = new List<IOperation>();
        if (Symbol(weight) is not { } symbol)
        {
            sources.Add(weight);
            return sources;
        }

        foreach (IOperation value in model.ValuesAssignedTo(symbol))
        {
            if (Unwrap(value) is IParameterReferenceOperation parameter)
            {
                sources.AddRange(model.ValuesAssignedTo(parameter.Parameter));
            }
            else
            {
                sources.Add(value);
            }
        }

        return sources;
    }

    /// <summary>The known numeric value of a weight, when every stated source agrees on one.</summary>
    public static double? Value(IOperation weight, TypeModel model)
    {
        if (Number(weight) is { } constant)
        {
            return constant;
        }

        var values = Sources(weight, model).Select(Number).Distinct().ToList();
        return values.Count == 1 ? values[0] : null;
    }

    /// <summary>Whether a weight is a decay rate near 1 (rho, beta2): by its value when known, else by its name.</summary>
    public static bool IsDecay(IOperation weight, TypeModel model) =>
        Value(weight, model) is { } value ? value > 0.5 : Symbol(weight) is { } symbol && TypeModel.NameLooksLikeDecay(symbol.Name) && symbol.Name.ToLowerInvariant().TrimStart('_') != "alpha";

    /// <summary>Whether an expression divides two integers (<c>9 / 10</c>), which C# truncates.</summary>
    public static bool IsIntegerDivision(IOperation value) =>
        Unwrap(value) is IBinaryOperation { OperatorKind: BinaryOperatorKind.Divide } division
        && division.Type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_Int16 or SpecialType.System_Byte;

    /// <summary>The names decay rates go by: rho, decay, beta, beta2, gamma, alpha, momentum, with prefixes.</summary>
    public static bool NameLooksLikeDecay(string symbolName)
    {
        string name = symbolName.TrimStart('_').ToLowerInvariant();
        if (name.StartsWith("m_", System.StringComparison.Ordinal))
        {
            name = name.Substring(2);
        }

        return name is "rho" or "decay" or "decayrate" or "gamma" or "alpha" or "beta" or "beta1" or "beta2" or "b1" or "b2"
            or "momentum" or "mu" or "smoothing" or "discount";
    }
}
