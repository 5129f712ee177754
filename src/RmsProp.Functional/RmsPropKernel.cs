using System;
using System.Numerics;

namespace RmsProp.Functional;

/// <summary>
/// The one place the update rule lives. <see cref="Reference"/> is the plain loop to read, one coordinate at a time
/// (<see cref="Coordinate"/>); <see cref="Run"/> is the vectorised, multi-threaded loop that runs
/// (RmsPropKernel.Vector.cs), and gives bitwise the values of the reference loop for every variant (the tests hold
/// them equal). <see cref="StepInPlace"/> and <see cref="StepInto"/> add the checks of the gradient.
/// </summary>
/// <remarks>
/// <para>Per coordinate, in PyTorch's operation order (<see cref="OperationOrder.PyTorch"/>) so that its trajectories
/// are reproduced to the last bit (<c>fma(a, b, c)</c> is <c>a*b + c</c> rounded once: PyTorch's CPU kernels fuse
/// exactly these):</para>
/// <code>
/// g = maximize ? -grad : grad
/// g = fma(wd, w, g)                                   (coupled weight decay)
/// s = fma((1-rho)*g, g, s*rho)
/// m = fma(1-rho, g, m*rho);  v = fma(-m, m, s)        (centered; v = s otherwise; m, s divided by 1-rho^t first with bias correction)
/// d = sqrt(v) + eps   or   sqrt(v + eps)
/// W = decoupled ? w * (1 - lr*wdd) : w                (torch.optim.AdamW's param.mul_)
/// no momentum:        u = (-lr*g)/d;                      w' = W + u
/// lr outside buffer:  x = g/d;       b = b*mu + x;  z = nesterov ? x + b*mu : b;  w' = fma(-lr, z, W)
/// lr inside buffer:   x = (lr*g)/d;  b = b*mu + x;  z = nesterov ? x + b*mu : b;  w' = W - z
/// </code>
/// <para>In Optax's order (<see cref="OperationOrder.Optax"/>; optax/_src/transform.py), each operation rounded as
/// written:</para>
/// <code>
/// g = g + wd*w                                        (add_decayed_weights first: coupled)
/// s = (1-rho)*(g*g) + rho*s;  m = (1-rho)*g + rho*m   (scale_by_rms / scale_by_stddev)
/// v = s - m*m (centered);  x = g * (1/sqrt(v + eps))  or  g * (1/(sqrt(v) + eps))
/// x = x + wdd*w                                       (add_decayed_weights after the scaling: decoupled, as optax.adamw)
/// lr inside trace:   y = -lr*x;  b = y + mu*b;  u = nesterov ? y + mu*b : b     (scale_by_learning_rate, then trace)
/// lr outside trace:  b = x + mu*b;  u = -lr*(nesterov ? x + mu*b : b)          (trace, then scale_by_learning_rate)
/// no momentum:       u = -lr*x;                       w' = w + u                (apply_updates)
/// </code>
/// <para>Both loops use only correctly rounded IEEE operations (+, -, *, /, sqrt, fused multiply-add), which is why
/// the vector loop matches the scalar one exactly. Inputs and outputs may alias element for element (the in-place
/// path passes the same memory): every element is read before it is written.</para>
/// </remarks>
internal static partial class RmsPropKernel
{
    /// <summary>The hyperparameters of one step, converted to <typeparamref name="T"/> once.</summary>
    internal readonly struct Coefficients<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The coefficients of the first step (bias correction at <c>t = 1</c>).</summary>
        public Coefficients(RmsPropOptions options)
            : this(options, stepNumber: 1)
        {
        }

        /// <summary>The coefficients of step <paramref name="stepNumber"/> (1 for the first step).</summary>
        public Coefficients(RmsPropOptions options, long stepNumber)
        {
            // Converted from double once; 1 - rho is formed in double first, as PyTorch and Optax form their scalars.
            Rho = T.CreateChecked(options.Rho);
            OneMinusRho = T.CreateChecked(1.0 - options.Rho);
            Epsilon = T.CreateChecked(options.Epsilon);
            LearningRate = T.CreateChecked(options.LearningRate);
            NegativeLearningRate = T.CreateChecked(-options.LearningRate);
            Momentum = T.CreateChecked(options.Momentum);
            WeightDecay = T.CreateChecked(options.WeightDecay);
            DecoupledWeightDecay = T.CreateChecked(options.DecoupledWeightDecay);
            DecoupledKeep = T.CreateChecked(1.0 - (options.LearningRate * options.DecoupledWeightDecay));
            NegativeDecoupledStep = T.CreateChecked(-(options.LearningRate * options.DecoupledWeightDecay));
            BiasCorrectionDivisor = T.CreateChecked(1.0 - Math.Pow(options.Rho, stepNumber));
            OptaxOrder = options.OperationOrder == OperationOrder.Optax;
            Maximize = options.Maximize;
            CoupledDecay = options.WeightDecay != 0;
            DecoupledDecay = options.DecoupledWeightDecay != 0;
            Centered = options.Centered;
            EpsilonInside = options.EpsilonPlacement == EpsilonPlacement.InsideRoot;
            BiasCorrection = options.BiasCorrection;
            HasMomentum = options.Momentum != 0;
            LearningRateInsideBuffer = HasMomentum && options.MomentumConvention == MomentumConvention.LearningRateInsideBuffer;
            Nesterov = HasMomentum && options.Nesterov;
        }

        public T Rho { get; }
        public T OneMinusRho { get; }
        public T Epsilon { get; }
        public T LearningRate { get; }
        public T NegativeLearningRate { get; }
        public T Momentum { get; }
        public T WeightDecay { get; }
        public T DecoupledWeightDecay { get; }

        /// <summary><c>1 - lr*wdd</c>: PyTorch's AdamW multiplies the parameters by it.</summary>
        public T DecoupledKeep { get; }

        /// <summary><c>-lr*wdd</c>: the decoupled decay as a term of an update (PyTorch order, update mode).</summary>
        public T NegativeDecoupledStep { get; }

        /// <summary><c>1 - rho^t</c>.</summary>
        public T BiasCorrectionDivisor { get; }
        public bool OptaxOrder { get; }
        public bool Maximize { get; }
        public bool CoupledDecay { get; }
        public bool DecoupledDecay { get; }
        public bool Centered { get; }
        public bool EpsilonInside { get; }
        public bool BiasCorrection { get; }
        public bool HasMomentum { get; }
        public bool LearningRateInsideBuffer { get; }
        public bool Nesterov { get; }
    }

    /// <summary>The spans one step reads and writes. Buffers an option does not use are empty.</summary>
    internal ref struct Buffers<T>
        where T : unmanaged
    {
        public ReadOnlySpan<T> Gradient;
        public ReadOnlySpan<T> Parameters;
        public ReadOnlySpan<T> SquareAverageIn;
        public Span<T> SquareAverageOut;
        public ReadOnlySpan<T> GradientAverageIn;
        public Span<T> GradientAverageOut;
        public ReadOnlySpan<T> MomentumIn;
        public Span<T> MomentumOut;

        /// <summary>Receives the update <c>u</c>, or <c>w + u</c> when <see cref="AddParameters"/> is set.</summary>
        public Span<T> Output;
        public bool AddParameters;
    }

    /// <summary>The plain loop, one coordinate at a time: the readable statement of the rule.</summary>
    internal static void Reference<T>(in Coefficients<T> c, scoped Buffers<T> b)
        where T : unmanaged, IFloatingPointIeee754<T> => ReferenceRange(c, b, 0, b.Gradient.Length);

    internal static void ReferenceRange<T>(in Coefficients<T> c, scoped Buffers<T> b, int start, int end)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool readsParameters = b.AddParameters || c.CoupledDecay || c.DecoupledDecay;
        for (int i = start; i < end; i++)
        {
            T s = b.SquareAverageIn[i];
            T m = c.Centered ? b.GradientAverageIn[i] : T.Zero;
            T buffer = c.HasMomentum ? b.MomentumIn[i] : T.Zero;
            T output = Coordinate(c, b.Gradient[i], readsParameters ? b.Parameters[i] : T.Zero, b.AddParameters, ref s, ref m, ref buffer);
            b.SquareAverageOut[i] = s;
            if (c.Centered)
            {
                b.GradientAverageOut[i] = m;
            }

            if (c.HasMomentum)
            {
                b.MomentumOut[i] = buffer;
            }

            b.Output[i] = output;
        }
    }

    /// <summary>
    /// One coordinate of the rule (see the class remarks): updates the square average <paramref name="s"/>, the
    /// gradient average <paramref name="m"/> (centered) and the momentum buffer <paramref name="b"/>, and returns
    /// the update, or <c>w + update</c> when <paramref name="addParameters"/> is set.
    /// </summary>
    internal static T Coordinate<T>(in Coefficients<T> c, T g, T w, bool addParameters, ref T s, ref T m, ref T b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (c.Maximize)
        {
            g = -g;
        }

        if (c.CoupledDecay)
        {
            g = c.OptaxOrder ? g + (c.WeightDecay * w) : T.FusedMultiplyAdd(c.WeightDecay, w, g);
        }

        s = c.OptaxOrder ? (c.OneMinusRho * (g * g)) + (c.Rho * s) : T.FusedMultiplyAdd(c.OneMinusRho * g, g, s * c.Rho);
        T variance = c.BiasCorrection ? s / c.BiasCorrectionDivisor : s;
        if (c.Centered)
        {
            m = c.OptaxOrder ? (c.OneMinusRho * g) + (c.Rho * m) : T.FusedMultiplyAdd(c.OneMinusRho, g, m * c.Rho);
            T mean = c.BiasCorrection ? m / c.BiasCorrectionDivisor : m;
            variance = c.OptaxOrder ? variance - (mean * mean) : T.FusedMultiplyAdd(-mean, mean, variance);

            // In exact arithmetic s >= m^2; rounding can leave it a hair below 0, where sqrt would give NaN.
            if (variance < T.Zero)
            {
                variance = T.Zero;
            }
        }

        return c.OptaxOrder
            ? OptaxTail(c, g, w, variance, addParameters, ref b)
            : PyTorchTail(c, g, w, variance, addParameters, ref b);
    }

    private static T PyTorchTail<T>(in Coefficients<T> c, T g, T w, T variance, bool addParameters, ref T b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T denominator = c.EpsilonInside ? T.Sqrt(variance + c.Epsilon) : T.Sqrt(variance) + c.Epsilon;
        T decayed = c.DecoupledDecay ? w * c.DecoupledKeep : w;
        T update;
        if (!c.HasMomentum)
        {
            update = c.NegativeLearningRate * g / denominator;
            if (addParameters)
            {
                return decayed + update;
            }
        }
        else
        {
            T x = c.LearningRateInsideBuffer ? c.LearningRate * g / denominator : g / denominator;
            b = (b * c.Momentum) + x;
            T step = c.Nesterov ? x + (b * c.Momentum) : b;
            if (addParameters)
            {
                return c.LearningRateInsideBuffer ? decayed - step : T.FusedMultiplyAdd(c.NegativeLearningRate, step, decayed);
            }

            update = c.LearningRateInsideBuffer ? -step : c.NegativeLearningRate * step;
        }

        return c.DecoupledDecay ? T.FusedMultiplyAdd(c.NegativeDecoupledStep, w, update) : update;
    }

    private static T OptaxTail<T>(in Coefficients<T> c, T g, T w, T variance, bool addParameters, ref T b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T scale = c.EpsilonInside ? T.One / T.Sqrt(variance + c.Epsilon) : T.One / (T.Sqrt(variance) + c.Epsilon);
        T x = g * scale;
        if (c.DecoupledDecay)
        {
            x += c.DecoupledWeightDecay * w;
        }

        T update;
        if (!c.HasMomentum)
        {
            update = c.NegativeLearningRate * x;
        }
        else if (c.LearningRateInsideBuffer)
        {
            T y = c.NegativeLearningRate * x;
            b = y + (c.Momentum * b);
            update = c.Nesterov ? y + (c.Momentum * b) : b;
        }
        else
        {
            b = x + (c.Momentum * b);
            update = c.NegativeLearningRate * (c.Nesterov ? x + (c.Momentum * b) : b);
        }

        return addParameters ? w + update : update;
    }
}
