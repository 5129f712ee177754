using System;
using System.Collections.Immutable;
using System.Numerics;
using System.Text;

namespace RmsProp.Functional;

/// <summary>
/// One named tensor of a model: a name, a shape and its values stored flat in row-major order. Immutable.
/// Made by <see cref="NamedTensor.Create{T}(string, ReadOnlySpan{int}, ReadOnlySpan{T})"/>, which checks that the
/// shape and the values agree.
/// </summary>
/// <typeparam name="T">The number type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed record NamedTensor<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    internal NamedTensor(string name, ImmutableArray<int> shape, ImmutableArray<T> values)
    {
        Name = name;
        Shape = shape;
        Values = values;
    }

    /// <summary>The name, unique within a model (PyTorch's <c>named_parameters()</c> key, e.g. <c>"layer1.weight"</c>).</summary>
    public string Name { get; }

    /// <summary>The extent of every dimension; their product is <see cref="Length"/>. Empty for a scalar.</summary>
    public ImmutableArray<int> Shape { get; }

    /// <summary>The values, flat, in row-major order.</summary>
    public ImmutableArray<T> Values { get; }

    /// <summary>The number of values.</summary>
    public int Length => Values.Length;

    /// <summary>Value equality: same name, same shape, element-wise equal values.</summary>
    /// <param name="other">The tensor to compare with.</param>
    /// <returns>Whether both hold the same tensor.</returns>
    public bool Equals(NamedTensor<T>? other) =>
        other is not null && Name == other.Name && Functional.Values.SequenceEqual(Shape, other.Shape) && Functional.Values.SequenceEqual(Values, other.Values);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Functional.Values.Hash(Shape), Functional.Values.Hash(Values));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Name = ").Append(Name).Append(", Shape = [").AppendJoin(", ", Shape).Append("], Values = ").Append(Functional.Values.Format(Values));
        return true;
    }
}

/// <summary>Makes <see cref="NamedTensor{T}"/> values, checking every argument.</summary>
public static class NamedTensor
{
    /// <summary>A tensor of the given shape; the values are copied.</summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="name">The name: not empty.</param>
    /// <param name="shape">The extent of each dimension, each at least 0; their product must equal the number of values.</param>
    /// <param name="values">The values in row-major order; every entry finite.</param>
    /// <returns>The tensor.</returns>
    /// <exception cref="ArgumentException">The name is empty, the shape does not fit the values, or a value is not finite.</exception>
    public static NamedTensor<T> Create<T>(string name, ReadOnlySpan<int> shape, ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckName(name, nameof(name));
        long product = ShapeLength(shape, name, nameof(shape));
        if (product != values.Length)
        {
            throw new ArgumentException(
                $"Tensor '{name}' has shape [{string.Join(", ", shape.ToArray())}] ({product} values) but {values.Length} values were given.",
                nameof(values));
        }

        Guard.AllFinite(values, $"Tensor '{name}': {nameof(values)}", nameof(values));
        return new NamedTensor<T>(name, ImmutableArray.Create(shape), ImmutableArray.Create(values));
    }

    /// <summary>A one-dimensional tensor (a bias, or any flat vector); the values are copied.</summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="name">The name: not empty.</param>
    /// <param name="values">The values; every entry finite.</param>
    /// <returns>The tensor, of shape <c>[values.Length]</c>.</returns>
    public static NamedTensor<T> Vector<T>(string name, ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Create(name, [values.Length], values);

    internal static void CheckName(string? name, string parameterName)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException($"{parameterName} must be a non-empty tensor name.", parameterName);
        }
    }

    /// <summary>The number of values a shape holds, refusing negative extents and products beyond an array's reach.</summary>
    internal static long ShapeLength(ReadOnlySpan<int> shape, string tensorName, string parameterName)
    {
        long product = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] < 0)
            {
                throw new ArgumentException($"Tensor '{tensorName}': {parameterName}[{i}] is {shape[i]}; every extent must be at least 0.", parameterName);
            }

            product *= shape[i];
            if (product > Array.MaxLength)
            {
                throw new ArgumentException($"Tensor '{tensorName}': shape [{string.Join(", ", shape.ToArray())}] holds more values than an array can.", parameterName);
            }
        }

        return product;
    }
}
