using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;

namespace RmsProp.Functional;

/// <summary>
/// A parameter group (PyTorch's <c>param_groups</c> entry): a name, the hyperparameters its tensors share, and the
/// names of those tensors. Immutable. A typical model puts weights in one group with weight decay and biases and
/// norms in another without it.
/// </summary>
public sealed record RmsPropGroup
{
    /// <summary>A group; every tensor named in <paramref name="tensorNames"/> takes its options from it.</summary>
    /// <param name="name">The group's name: not empty, unique within a model.</param>
    /// <param name="options">The hyperparameters of the group's tensors.</param>
    /// <param name="tensorNames">The names of the tensors in the group: not empty, no name twice.</param>
    /// <exception cref="ArgumentException">A name is empty or repeated.</exception>
    public RmsPropGroup(string name, RmsPropOptions options, IEnumerable<string> tensorNames)
    {
        NamedTensor.CheckName(name, nameof(name));
        Guard.NotNull(options, nameof(options));
        Guard.NotNull(tensorNames, nameof(tensorNames));
        ImmutableArray<string> names = [.. tensorNames];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            NamedTensor.CheckName(names[i], $"{nameof(tensorNames)}[{i}]");
            if (!seen.Add(names[i]))
            {
                throw new ArgumentException($"Group '{name}' lists tensor '{names[i]}' twice.", nameof(tensorNames));
            }
        }

        Name = name;
        Options = options;
        TensorNames = names;
    }

    /// <summary>The group's name.</summary>
    public string Name { get; }

    /// <summary>The hyperparameters of the group's tensors (before any schedule a step applies).</summary>
    public RmsPropOptions Options { get; private init; }

    /// <summary>The names of the tensors in the group.</summary>
    public ImmutableArray<string> TensorNames { get; }

    /// <summary>The same group with other options.</summary>
    /// <param name="options">The new hyperparameters.</param>
    /// <returns>The group with <paramref name="options"/>.</returns>
    public RmsPropGroup WithOptions(RmsPropOptions options) => this with { Options = Guard.NotNull(options, nameof(options)) };

    /// <summary>Value equality: same name, same options, same tensor names in the same order.</summary>
    /// <param name="other">The group to compare with.</param>
    /// <returns>Whether both describe the same group.</returns>
    public bool Equals(RmsPropGroup? other) =>
        other is not null && Name == other.Name && Options == other.Options && TensorNames.SequenceEqual(other.TensorNames);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Options, Values.Hash(TensorNames));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Name = ").Append(Name).Append(", TensorNames = [").AppendJoin(", ", TensorNames).Append("], Options = ").Append(Options);
        return true;
    }
}
