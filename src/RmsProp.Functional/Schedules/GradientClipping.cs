using System;
using System.Globalization;

namespace RmsProp.Functional;

/// <summary>How a gradient clipping measures and limits the gradients.</summary>
public enum ClippingKind
{
    /// <summary>Every entry clamped to <c>[-max, max]</c> (PyTorch's <c>clip_grad_value_</c>, Optax's <c>clip</c>).</summary>
    ByValue,

    /// <summary>Each tensor scaled on its own so its L2 norm is at most the limit (<c>clip_grad_norm_</c> called per tensor).</summary>
    ByNormPerTensor,

    /// <summary>All tensors scaled together so the L2 norm of all of them is at most the limit (PyTorch's <c>clip_grad_norm_</c>, Optax's <c>clip_by_global_norm</c>).</summary>
    ByGlobalNorm,
}

/// <summary>
/// Gradient clipping applied before the update, in the order the plan lists them. Immutable; made by
/// <see cref="ByValue"/>, <see cref="ByNormPerTensor"/> or <see cref="ByGlobalNorm"/>.
/// </summary>
/// <remarks>
/// The norm clippings follow PyTorch's <c>torch.nn.utils.clip_grad_norm_</c> (<c>torch/nn/utils/clip_grad.py</c>):
/// <c>clip_coef = max_norm / (total_norm + 1e-6)</c>, clamped to at most 1, every gradient multiplied by it in the
/// gradients' own precision. So gradients under the limit are multiplied by exactly 1 and kept bit for bit, and
/// those over it end a hair under the limit, as in PyTorch. Each tensor's norm and the total norm (the norm of the
/// tensors' norms) are computed in the gradients' type with the operations of PyTorch 1.13's CPU kernels: a
/// sequential fused sum in double, and in float the eight-lane sum of its AVX2 kernel. So clipped trajectories
/// replay bit for bit in both types, on any gradients (<c>tests/Properties/Reference/pytorch-training.json</c>).
/// A sum of squares that would overflow is taken in double instead, so a finite gradient never gets an infinite norm.
/// </remarks>
public sealed record GradientClipping
{
    /// <summary>The constant PyTorch's <c>clip_grad_norm_</c> adds to the norm before dividing.</summary>
    public const double NormEpsilon = 1e-6;

    private GradientClipping(ClippingKind kind, double limit)
    {
        Kind = kind;
        Limit = limit;
    }

    /// <summary>What is limited.</summary>
    public ClippingKind Kind { get; }

    /// <summary>The largest absolute value (<see cref="ClippingKind.ByValue"/>) or L2 norm allowed.</summary>
    public double Limit { get; }

    /// <summary>Clamps every gradient entry to <c>[-maxValue, maxValue]</c>.</summary>
    /// <param name="maxValue">Finite and greater than 0.</param>
    /// <returns>The clipping.</returns>
    public static GradientClipping ByValue(double maxValue) => new(ClippingKind.ByValue, Guard.PositiveFinite(maxValue, nameof(maxValue)));

    /// <summary>Scales each tensor's gradient so its L2 norm is at most <paramref name="maxNorm"/> (PyTorch's formula per tensor).</summary>
    /// <param name="maxNorm">Finite and greater than 0.</param>
    /// <returns>The clipping.</returns>
    public static GradientClipping ByNormPerTensor(double maxNorm) => new(ClippingKind.ByNormPerTensor, Guard.PositiveFinite(maxNorm, nameof(maxNorm)));

    /// <summary>Scales all gradients together so their joint L2 norm is at most <paramref name="maxNorm"/> (PyTorch's <c>clip_grad_norm_</c>).</summary>
    /// <param name="maxNorm">Finite and greater than 0.</param>
    /// <returns>The clipping.</returns>
    public static GradientClipping ByGlobalNorm(double maxNorm) => new(ClippingKind.ByGlobalNorm, Guard.PositiveFinite(maxNorm, nameof(maxNorm)));

    /// <inheritdoc/>
    public override string ToString() => $"{Kind}({Limit.ToString("R", CultureInfo.InvariantCulture)})";
}
