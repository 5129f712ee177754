namespace RmsProp.Functional;

/// <summary>
/// The order of the floating-point operations in one step: two frameworks compute the same rule with different
/// roundings, and reproducing either one bit for bit means following its order.
/// </summary>
public enum OperationOrder
{
    /// <summary>
    /// torch.optim.RMSprop's CPU kernels: <c>s = fma((1-rho)*g, g, rho*s)</c>, divide by the denominator,
    /// <c>w + (-lr*g)/d</c> (momentum: <c>b = mu*b + g/d; w = fma(-lr, b, w)</c>). The default; it replays the
    /// PyTorch reference trajectories bit for bit.
    /// </summary>
    PyTorch,

    /// <summary>
    /// optax.rmsprop (optax/_src/alias.py) as a chain of its pieces (optax/_src/transform.py):
    /// <c>scale_by_rms</c> forms <c>nu = (1-decay)*g**2 + decay*nu</c> and multiplies by the reciprocal root
    /// <c>rsqrt(nu + eps)</c> (here <c>1/sqrt(nu + eps)</c>, each correctly rounded) instead of dividing;
    /// <c>scale_by_learning_rate</c> multiplies by <c>-lr</c>; <c>trace</c> forms <c>t = u + decay*t</c>. Every
    /// operation is rounded as written, none fused. <c>Transforms.Compose.RmsProp</c>
    /// builds the same optimizer from the pieces and agrees with this order bit for bit.
    /// </summary>
    Optax,
}
