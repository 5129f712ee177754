namespace RmsProp.Functional;

/// <summary>Where epsilon enters the adaptive denominator.</summary>
/// <remarks>
/// The frameworks disagree, and the difference is visible whenever the average is small (early steps, sparse
/// coordinates): outside the root the smallest denominator is <c>eps</c>, inside it is <c>sqrt(eps)</c>.
/// </remarks>
public enum EpsilonPlacement
{
    /// <summary><c>g / (sqrt(s) + eps)</c>: PyTorch, TorchSharp, Hinton's lecture and the default.</summary>
    OutsideRoot = 0,

    /// <summary><c>g / sqrt(s + eps)</c>: Keras, TensorFlow 1 and Optax's default.</summary>
    InsideRoot = 1,
}
