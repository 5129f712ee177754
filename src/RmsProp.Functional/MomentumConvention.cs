namespace RmsProp.Functional;

/// <summary>Where the learning rate enters when momentum is on.</summary>
/// <remarks>
/// Both conventions give the same trajectory while the learning rate is constant; they part ways as soon as it
/// changes between steps (a schedule), because one buffer remembers past learning rates and the other does not.
/// </remarks>
public enum MomentumConvention
{
    /// <summary>PyTorch and TorchSharp: <c>b = mu*b + g/denom; w -= lr*b</c> (the buffer holds no learning rate).</summary>
    LearningRateOutsideBuffer = 0,

    /// <summary>Keras, TensorFlow 1 and Optax: <c>b = mu*b + lr*g/denom; w -= b</c> (the buffer holds it).</summary>
    LearningRateInsideBuffer = 1,
}
