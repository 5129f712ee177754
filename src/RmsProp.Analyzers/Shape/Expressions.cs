using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace RmsProp.Analyzers.Shape;

/// <summary>
/// Small structural views of IOperation arithmetic: sums as signed terms, products as factors, and the storage an
/// expression reads or writes. Everything here tolerates invalid code and answers "nothing" rather than throwing.
/// </summary>
internal static class Expressions
{
    /// <summary>Strips conversions and parentheses, which never change what an expression means here.</summary>
    public static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation { Operand: { } operand }:
                    operation = operand;
                    continue;
                case IParenthesizedOperation { Operand: { } inner }:
                    operation = inner;
                    continue;
                default:
                    return operation;
            }
        }
    }

    /// <summary>The additive terms of a sum, each with its sign: <c>a - b + c</c> gives (+a), (-b), (+c).</summary>
    public static List<(IOperation Term, bool Negative)> Terms(IOperation operation)
    {
        var terms = new List<(IOperation, bool)>();
        CollectTerms(operation, negative: false, terms);
        return terms;
    }

    private static void CollectTerms(IOperation operation, bool negative, List<(IOperation, bool)> terms)
    {
        operation = Unwrap(operation);
        switch (operation)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add:
                CollectTerms(add.LeftOperand, negative, terms);
                CollectTerms(add.RightOperand, negative, terms);
                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract } subtract:
                CollectTerms(subtract.LeftOperand, negative, terms);
                CollectTerms(subtract.RightOperand, !negative, terms);
                break;
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus } minus:
                CollectTerms(minus.Operand, !negative, terms);
                break;
            case IInvocationOperation call when ArithmeticCall(call) is (BinaryOperatorKind.Add or BinaryOperatorKind.Subtract, var left, var right) sum:
                CollectTerms(left, negative, terms);
                CollectTerms(right, sum.Kind == BinaryOperatorKind.Subtract ? !negative : negative, terms);
                break;
            default:
                terms.Add((operation, negative));
                break;
        }
    }

    /// <summary>The factors of a product: <c>a * (b * c)</c> gives a, b, c. A division keeps its numerator's factors and marks the divisor.</summary>
    public static List<IOperation> Factors(IOperation operation)
    {
        var factors = new List<IOperation>();
        CollectFactors(operation, factors);
        return factors;
    }

    private static void CollectFactors(IOperation operation, List<IOperation> factors)
    {
        operation = Unwrap(operation);
        if (operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.Multiply } product)
        {
            CollectFactors(product.LeftOperand, factors);
            CollectFactors(product.RightOperand, factors);
        }
        else if (operation is IInvocationOperation call && ArithmeticCall(call) is (BinaryOperatorKind.Multiply, var left, var right))
        {
            CollectFactors(left, factors);
            CollectFactors(right, factors);
        }
        else if (operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.Divide } quotient && !IsConstant(quotient))
        {
            // x / c scales x: the divisor is a weight, not something averaged.
            CollectFactors(quotient.LeftOperand, factors);
            factors.Add(quotient.RightOperand);
        }
        else
        {
            factors.Add(operation);
        }
    }

    /// <summary>
    /// Arithmetic written as a method: <c>a.add(b)</c>, <c>a.Add(b)</c>, <c>a.mul_(b)</c> (TorchSharp, NumSharp,
    /// Math.NET), or <c>Vector.Add(a, b)</c>, <c>Vector128.Multiply(a, b)</c>. Only calls that return a value count
    /// (<c>list.Add(x)</c> returns nothing), so collections are never read as sums.
    /// </summary>
    public static (BinaryOperatorKind Kind, IOperation Left, IOperation Right)? ArithmeticCall(IInvocationOperation call)
    {
        if (call.TargetMethod.ReturnsVoid || call.Type?.SpecialType is SpecialType.System_Boolean or SpecialType.System_String)
        {
            return null;
        }

        BinaryOperatorKind? kind = call.TargetMethod.Name.TrimEnd('_') switch
        {
            "add" or "Add" or "plus" or "Plus" => BinaryOperatorKind.Add,
            "sub" or "Sub" or "subtract" or "Subtract" or "minus" or "Minus" => BinaryOperatorKind.Subtract,
            "mul" or "Mul" or "multiply" or "Multiply" or "times" or "PointwiseMultiply" => BinaryOperatorKind.Multiply,
            "div" or "Div" or "divide" or "Divide" or "PointwiseDivide" => BinaryOperatorKind.Divide,
            _ => null,
        };
        if (kind is null)
        {
            return null;
        }

        if (call.Instance is { } instance && call.Arguments.Length == 1)
        {
            return (kind.Value, instance, call.Arguments[0].Value);
        }

        if (IsOperationsObjectCall(call, arity: 2))
        {
            // `NumOps.Add(a, b)`, `K.Multiply(a, b)`: an object that does the arithmetic of the type it takes and returns.
            return (kind.Value, call.Arguments[0].Value, call.Arguments[1].Value);
        }

        return call.Instance is null && call.Arguments.Length == 2 && IsVectorType(call.TargetMethod.ContainingType)
            ? (kind.Value, call.Arguments[0].Value, call.Arguments[1].Value)
            : null;
    }

    /// <summary>
    /// Whether a call is made on an object that does another type's arithmetic (AiDotNet's <c>NumOps</c>, a Keras-style
    /// backend <c>K</c>, ConvNetSharp's <c>Ops&lt;T&gt;</c>): an instance method with <paramref name="arity"/> arguments, each of
    /// the type it returns, which is not the object's own type (<c>NumOps.Add(a, b)</c>, <c>K.Sqrt(x)</c>).
    /// </summary>
    public static bool IsOperationsObjectCall(IInvocationOperation call, int arity) =>
        call.Instance is { Type: { } owner } && call.Arguments.Length == arity && call.Type is { } returned
        && !call.TargetMethod.ReturnsVoid && returned.SpecialType is not (SpecialType.System_Boolean or SpecialType.System_String or SpecialType.System_Object)
        && !SymbolEqualityComparer.Default.Equals(owner, returned)
        && call.Arguments.All(argument => argument.Parameter is { RefKind: RefKind.None } && SymbolEqualityComparer.Default.Equals(argument.Value.Type, returned));

    /// <summary>Whether a call updates its receiver in place (<c>w.sub_(step)</c>, <c>s.mul_(rho)</c>, <c>w.SubtractInPlace(step)</c>).</summary>
    public static bool IsInPlace(IInvocationOperation call) =>
        call.Instance is not null && (call.TargetMethod.Name.EndsWith("_", StringComparison.Ordinal) || call.TargetMethod.Name.EndsWith("InPlace", StringComparison.Ordinal));

    /// <summary>
    /// The symbol whose storage an expression denotes: a local, parameter, field or property, seen through element
    /// access (<c>s[i]</c>, <c>s[l][i]</c>, span indexers), slices and <c>AsSpan</c>. Null when it is not storage.
    /// </summary>
    public static ISymbol? Root(IOperation? operation, Aliases? aliases = null)
    {
        for (int depth = 0; operation is not null && depth < 16; depth++)
        {
            operation = Unwrap(operation);
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return aliases?.Resolve(local.Local) ?? local.Local;
                case IParameterReferenceOperation parameter:
                    return aliases?.Resolve(parameter.Parameter) ?? parameter.Parameter;
                case IFieldReferenceOperation field:
                    return field.Field;
                case IPropertyReferenceOperation property when property.Property.IsIndexer:
                    operation = property.Instance;
                    continue;
                case IPropertyReferenceOperation property:
                    return property.Property;
                case IArrayElementReferenceOperation element:
                    operation = element.ArrayReference;
                    continue;
                case IVariableDeclaratorOperation declarator:
                    return aliases?.Resolve(declarator.Symbol) ?? declarator.Symbol;
                case IObjectCreationOperation creation when IsVectorType(creation.Type?.OriginalDefinition) && creation.Arguments.Length > 0
                    && creation.Arguments[0].Value.Type is IArrayTypeSymbol or { IsRefLikeType: true }:
                    operation = creation.Arguments[0].Value;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "LoadUnsafe" or "Load" or "Create" } load when IsVectorType(load.TargetMethod.ContainingType) && load.Arguments.Length > 0:
                    operation = load.Arguments[0].Value;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "Slice" or "AsSpan" or "AsMemory" } view:
                    operation = view.Instance ?? (view.Arguments.Length > 0 ? view.Arguments[0].Value : null);
                    continue;
                case IAddressOfOperation address:
                    // `&s[0]`, pinned: the pointer points into s.
                    operation = address.Reference;
                    continue;
                case IBinaryOperation { Type: IPointerTypeSymbol } offset:
                    // `p + i`: still a pointer into what p points into.
                    operation = offset.LeftOperand.Type is IPointerTypeSymbol ? offset.LeftOperand : offset.RightOperand;
                    continue;
                default:
                    if (PointerDereference(operation) is var (pointer, _))
                    {
                        operation = pointer;
                        continue;
                    }

                    if (PinnedValue(operation) is { } pinned)
                    {
                        operation = pinned;
                        continue;
                    }

                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// For an access through a pointer, <c>p[i]</c>, <c>*(p + i)</c> or <c>*p</c>: the pointer and the index (null
    /// for <c>*p</c>). Roslyn gives these accesses no operation interface of their own (they are
    /// <see cref="OperationKind.None"/>, with the pointer and the index as children), so they are known by their
    /// syntax and by their first child being a pointer.
    /// </summary>
    public static (IOperation Pointer, IOperation? Index)? PointerDereference(IOperation? operation)
    {
        if (operation is not { Kind: OperationKind.None } || operation.Syntax is not (ElementAccessExpressionSyntax or PrefixUnaryExpressionSyntax))
        {
            return null;
        }

        IOperation? pointer = null, index = null;
        foreach (IOperation child in operation.ChildOperations)
        {
            if (pointer is null)
            {
                pointer = child;
            }
            else if (index is null)
            {
                index = child;
            }
            else
            {
                return null;
            }
        }

        if (pointer?.Type is not IPointerTypeSymbol)
        {
            return null;
        }

        if (operation.Syntax is ElementAccessExpressionSyntax)
        {
            return index is null ? null : (pointer, index);
        }

        if (index is not null || !operation.Syntax.IsKind(SyntaxKind.PointerIndirectionExpression))
        {
            return null;
        }

        // `*(p + i)` is `p[i]`; `*p` has no index of its own.
        return Unwrap(pointer) is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type: IPointerTypeSymbol } offset
            ? offset.LeftOperand.Type is IPointerTypeSymbol ? (offset.LeftOperand, offset.RightOperand) : (offset.RightOperand, offset.LeftOperand)
            : (pointer, null);
    }

    /// <summary>
    /// What a <c>fixed</c> statement pins, for the initializer of its pointer (<c>p = s</c>, <c>p = s[i]</c> over a
    /// jagged array; Roslyn shows the pinning as an <see cref="OperationKind.None"/> node around the pinned value).
    /// </summary>
    private static IOperation? PinnedValue(IOperation operation)
    {
        if (operation is not { Kind: OperationKind.None, Parent: IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol.Type: IPointerTypeSymbol } } })
        {
            return null;
        }

        IOperation? pinned = null;
        foreach (IOperation child in operation.ChildOperations)
        {
            if (pinned is not null)
            {
                return null;
            }

            pinned = child;
        }

        return pinned;
    }

    /// <summary>Whether the expression loads a SIMD vector from an array or span (<c>new Vector&lt;float&gt;(g, i)</c>, <c>Vector128.LoadUnsafe(ref g0)</c>).</summary>
    public static bool IsVectorLoad(IOperation operation) => Unwrap(operation) switch
    {
        IObjectCreationOperation creation => IsVectorType(creation.Type?.OriginalDefinition) && creation.Arguments.Length > 0
            && creation.Arguments[0].Value.Type is IArrayTypeSymbol or { IsRefLikeType: true },
        IInvocationOperation { TargetMethod.Name: "Load" or "LoadUnsafe" or "LoadAligned" } load => IsVectorType(load.TargetMethod.ContainingType),
        _ => false,
    };

    /// <summary>
    /// Whether two accesses of one storage name different constant slots (<c>st[0]</c> and <c>st[1]</c>, or
    /// <c>m[0][i]</c> and <c>m[1][i]</c>): then they are different values, such as Adam's two moments in one array.
    /// </summary>
    public static bool DistinctSlots(IOperation? first, IOperation? second)
    {
        List<IOperation?> left = ConstantIndexPath(first), right = ConstantIndexPath(second);
        for (int i = 0; i < Math.Min(left.Count, right.Count); i++)
        {
            if (left[i] is { } a && right[i] is { } b && ConstantNumber(a) is { } x && ConstantNumber(b) is { } y && x != y)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The single index of each element access from the storage outwards (<c>m[0][i]</c> gives 0, i); null for other indexings.</summary>
    private static List<IOperation?> ConstantIndexPath(IOperation? operation)
    {
        var path = new List<IOperation?>();
        for (int depth = 0; operation is not null && depth < 8; depth++)
        {
            switch (Unwrap(operation))
            {
                case IArrayElementReferenceOperation element:
                    path.Insert(0, element.Indices.Length == 1 ? element.Indices[0] : null);
                    operation = element.ArrayReference;
                    continue;
                case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                    path.Insert(0, indexer.Arguments.Length == 1 ? indexer.Arguments[0].Value : null);
                    operation = indexer.Instance;
                    continue;
                case var access when PointerDereference(access) is var (pointer, index):
                    path.Insert(0, index);
                    operation = pointer;
                    continue;
            }

            break;
        }

        return path;
    }

    /// <summary>Whether the expression is an element of its storage (<c>s[i]</c>) rather than the whole of it.</summary>
    public static bool IsElementAccess(IOperation operation) =>
        Unwrap(operation) is IArrayElementReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: true }
        || PointerDereference(Unwrap(operation)) is not null;

    /// <summary>Every operation inside <paramref name="root"/> (itself included) that reads storage <paramref name="storage"/>.</summary>
    public static IEnumerable<IOperation> ReadsOf(IOperation root, ISymbol storage, Aliases? aliases = null) =>
        root.DescendantsAndSelf().Where(op => IsStorageReference(op) && !IsInsideStorageReference(op) && SymbolEqualityComparer.Default.Equals(Root(op, aliases), storage));

    /// <summary>Whether <paramref name="root"/> reads <paramref name="storage"/> anywhere.</summary>
    public static bool Reads(IOperation root, ISymbol storage, Aliases? aliases = null) => ReadsOf(root, storage, aliases).Any();

    private static bool IsStorageReference(IOperation operation) =>
        operation is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation
            or IPropertyReferenceOperation or IArrayElementReferenceOperation
        || operation is IObjectCreationOperation creation && IsVectorType(creation.Type?.OriginalDefinition)
        || PointerDereference(operation) is not null;

    /// <summary>True for the <c>s</c> inside <c>s[i]</c> (and the <c>p</c> of <c>p[i]</c>, <c>*(p + i)</c>): the element access is the read that counts.</summary>
    private static bool IsInsideStorageReference(IOperation operation) =>
        operation.Parent is IArrayElementReferenceOperation element && element.ArrayReference == operation
        || operation.Parent is IPropertyReferenceOperation { Property.IsIndexer: true } indexer && indexer.Instance == operation
        || PointerDereference(operation.Parent) is var (pointer, _) && pointer == operation
        || operation.Parent is IBinaryOperation { Type: IPointerTypeSymbol } && PointerDereference(operation.Parent.Parent) is var (offsetPointer, _) && offsetPointer == operation;

    /// <summary>Whether the expression is a compile-time constant number.</summary>
    public static bool IsConstant(IOperation operation) =>
        Unwrap(operation).ConstantValue is { HasValue: true, Value: not null and not string and not bool };

    /// <summary>The constant's value as a double, if it is a constant number.</summary>
    public static double? ConstantNumber(IOperation operation)
    {
        Optional<object?> constant = operation.ConstantValue.HasValue ? operation.ConstantValue : Unwrap(operation).ConstantValue;
        if (!constant.HasValue || constant.Value is null or string or bool or char)
        {
            return null;
        }

        try
        {
            return Convert.ToDouble(constant.Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception error) when (error is InvalidCastException or FormatException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether an expression is a square: <c>x * x</c> (also inside a longer product), <c>Math.Pow(x, 2)</c>,
    /// <c>Vector.Multiply(x, x)</c>, or a local whose value is one of these.
    /// </summary>
    public static bool IsSquare(IOperation operation, IReadOnlyList<IOperation> localDefinitions) =>
        IsSquare(operation, localDefinitions, depth: 0);

    private static bool IsSquare(IOperation operation, IReadOnlyList<IOperation> localDefinitions, int depth)
    {
        if (depth > 4)
        {
            return false;
        }

        List<IOperation> factors = Factors(operation);
        var seen = new List<IOperation>();
        foreach (IOperation factor in factors)
        {
            if (!IsConstant(factor))
            {
                if (seen.Any(earlier => Same(earlier, factor)))
                {
                    return true;
                }

                seen.Add(factor);
            }

            if (SquaredOperand(factor) is not null)
            {
                return true;
            }

            if (factor is ILocalReferenceOperation local)
            {
                foreach (IOperation definition in DefinitionsOf(local.Local, localDefinitions))
                {
                    if (IsSquare(definition, localDefinitions, depth + 1))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>Whether a term is a square by its own structure (<c>g*g</c>, <c>Pow(g, 2)</c>), not through any local.</summary>
    public static bool IsSquaredTerm(IOperation term) => IsSquare(term, []);

    /// <summary>
    /// For a call that squares by meaning, what it squares: <c>Math.Pow(x, 2)</c>, <c>x.pow(2)</c>, <c>Square(x)</c>,
    /// <c>x.square()</c>, <c>x.Squared()</c>; null for anything else. An absolute value is not a square (its average is
    /// the mean absolute gradient, not the mean square).
    /// </summary>
    public static IOperation? SquaredOperand(IOperation operation)
    {
        if (Unwrap(operation) is not IInvocationOperation call)
        {
            return null;
        }

        switch (call.TargetMethod.Name)
        {
            case "Pow" or "pow" or "pow_" or "Power":
                return call.Instance is null
                    ? call.Arguments.Length == 2 && ConstantNumber(call.Arguments[1].Value) is 2.0 ? call.Arguments[0].Value : null
                    : call.Arguments.Length == 1 && ConstantNumber(call.Arguments[0].Value) is 2.0 ? call.Instance : null;
            case "Square" or "square" or "square_" or "Sqr" or "Squared" or "SquareMagnitude":
                return call.Instance is null
                    ? call.Arguments.Length == 1 ? call.Arguments[0].Value : null
                    : call.Arguments.Length == 0 ? call.Instance
                    : IsOperationsObjectCall(call, arity: 1) ? call.Arguments[0].Value : null;
            default:
                return null;
        }
    }

    /// <summary>The values assigned to <paramref name="local"/> among <paramref name="localDefinitions"/> (initializers and assignments).</summary>
    public static IEnumerable<IOperation> DefinitionsOf(ILocalSymbol local, IReadOnlyList<IOperation> localDefinitions)
    {
        foreach (IOperation definition in localDefinitions)
        {
            switch (definition)
            {
                case IVariableDeclaratorOperation { Initializer.Value: { } value } declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    yield return value;
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target, Value: { } value } when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    yield return value;
                    break;
            }
        }
    }

    /// <summary>
    /// Whether two expressions compute the same value by structure: the same locals, parameters, fields and
    /// properties (<c>this._rho</c> and <c>_rho</c> alike), the same constants, operators, calls and element accesses.
    /// Anything else (assignments, lambdas, object creations other than SIMD broadcasts) is never the same.
    /// </summary>
    public static bool Same(IOperation? first, IOperation? second) => Same(first, second, depth: 0);

    private static bool Same(IOperation? first, IOperation? second, int depth)
    {
        if (first is null || second is null)
        {
            return first is null && second is null;
        }

        if (depth > 16)
        {
            return false;
        }

        first = Unwrap(first);
        second = Unwrap(second);
        if (ConstantNumber(first) is { } x && ConstantNumber(second) is { } y)
        {
            return x == y;
        }

        return (first, second) switch
        {
            (ILocalReferenceOperation a, ILocalReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Local, b.Local),
            (IParameterReferenceOperation a, IParameterReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Parameter, b.Parameter),
            (IFieldReferenceOperation a, IFieldReferenceOperation b) =>
                SymbolEqualityComparer.Default.Equals(a.Field, b.Field) && SameInstance(a.Instance, b.Instance, depth),
            (IPropertyReferenceOperation a, IPropertyReferenceOperation b) =>
                SymbolEqualityComparer.Default.Equals(a.Property, b.Property) && SameInstance(a.Instance, b.Instance, depth)
                && SameAll(a.Arguments.Select(argument => argument.Value), b.Arguments.Select(argument => argument.Value), depth),
            (IArrayElementReferenceOperation a, IArrayElementReferenceOperation b) =>
                Same(a.ArrayReference, b.ArrayReference, depth + 1) && SameAll(a.Indices, b.Indices, depth),
            (IBinaryOperation a, IBinaryOperation b) =>
                a.OperatorKind == b.OperatorKind && Same(a.LeftOperand, b.LeftOperand, depth + 1) && Same(a.RightOperand, b.RightOperand, depth + 1),
            (IUnaryOperation a, IUnaryOperation b) => a.OperatorKind == b.OperatorKind && Same(a.Operand, b.Operand, depth + 1),
            (IInvocationOperation a, IInvocationOperation b) =>
                SymbolEqualityComparer.Default.Equals(a.TargetMethod, b.TargetMethod) && SameInstance(a.Instance, b.Instance, depth)
                && SameAll(a.Arguments.Select(argument => argument.Value), b.Arguments.Select(argument => argument.Value), depth),
            (IObjectCreationOperation a, IObjectCreationOperation b) when IsVectorType(a.Type?.OriginalDefinition) =>
                SymbolEqualityComparer.Default.Equals(a.Constructor, b.Constructor)
                && SameAll(a.Arguments.Select(argument => argument.Value), b.Arguments.Select(argument => argument.Value), depth),
            (IInstanceReferenceOperation a, IInstanceReferenceOperation b) => a.ReferenceKind == b.ReferenceKind,
            _ when PointerDereference(first) is var (pointerA, indexA) && PointerDereference(second) is var (pointerB, indexB) =>
                Same(pointerA, pointerB, depth + 1) && Same(indexA, indexB, depth + 1),
            _ => false,
        };
    }

    private static bool SameInstance(IOperation? first, IOperation? second, int depth) =>
        first is null && second is null
        || first is IInstanceReferenceOperation && second is IInstanceReferenceOperation
        || Same(first, second, depth + 1);

    private static bool SameAll(IEnumerable<IOperation> first, IEnumerable<IOperation> second, int depth)
    {
        var left = first.ToList();
        var right = second.ToList();
        return left.Count == right.Count && left.Zip(right, (a, b) => Same(a, b, depth + 1)).All(same => same);
    }

    /// <summary>Whether a type is one of the SIMD vector types whose operators behave like arithmetic.</summary>
    public static bool IsVectorType(ITypeSymbol? type) =>
        type is not null && type.Name is "Vector" or "Vector64" or "Vector128" or "Vector256" or "Vector512" or "Vector2" or "Vector3" or "Vector4"
        && type.ContainingNamespace?.ToDisplayString() is "System.Numerics" or "System.Runtime.Intrinsics";

    /// <summary>Whether the invocation is a floor or clamp (<c>Math.Max(x, eps)</c>), a usual epsilon form.</summary>
    public static bool IsFloor(IOperation operation) =>
        Unwrap(operation) is IInvocationOperation { TargetMethod.Name: "Max" or "Clamp" or "MaxNumber" or "MaxMagnitude" };

    /// <summary>
    /// Whether two operations of one body sit in different branches of the same <c>switch</c> or <c>if</c>, so that
    /// no single run executes both (one storage reused by several optimizer kinds).
    /// </summary>
    public static bool AreExclusive(IOperation first, IOperation second)
    {
        var path = new Dictionary<IOperation, IOperation>();
        IOperation child = first;
        for (IOperation? current = first.Parent; current is not null; child = current, current = current.Parent)
        {
            path[current] = child;
        }

        child = second;
        for (IOperation? current = second.Parent; current is not null; child = current, current = current.Parent)
        {
            if (path.TryGetValue(current, out IOperation? firstChild))
            {
                bool branches = current is ISwitchOperation or ISwitchExpressionOperation
                    || current is IConditionalOperation conditional && (firstChild == conditional.WhenTrue || firstChild == conditional.WhenFalse) && (child == conditional.WhenTrue || child == conditional.WhenFalse);
                return branches && firstChild != child;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="operation"/> is <paramref name="ancestor"/> or lies inside it.</summary>
    public static bool IsWithin(IOperation operation, IOperation ancestor)
    {
        for (IOperation? current = operation; current is not null; current = current.Parent)
        {
            if (current == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The nearest enclosing operation of a kind, or null.</summary>
    public static T? Ancestor<T>(IOperation operation)
        where T : class, IOperation
    {
        for (IOperation? current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }
}

/// <summary>Symbols that stand for another storage: lambda parameters of <c>Zip</c>/<c>Select</c>, helper-method parameters.</summary>
internal sealed class Aliases
{
    private readonly Dictionary<ISymbol, ISymbol> _map = new(SymbolEqualityComparer.Default);

    public void Add(ISymbol alias, ISymbol storage)
    {
        if (!SymbolEqualityComparer.Default.Equals(alias, storage))
        {
            _map[alias] = storage;
        }
    }

    /// <summary>A copy of these aliases with one more.</summary>
    public Aliases With(ISymbol alias, ISymbol storage)
    {
        var copy = new Aliases();
        foreach (KeyValuePair<ISymbol, ISymbol> pair in _map)
        {
            copy._map[pair.Key] = pair.Value;
        }

        copy.Add(alias, storage);
        return copy;
    }

    public ISymbol? Resolve(ISymbol symbol)
    {
        ISymbol current = symbol;
        for (int depth = 0; depth < 8 && _map.TryGetValue(current, out ISymbol? next); depth++)
        {
            current = next;
        }

        return current;
    }
}
