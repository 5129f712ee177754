using System;
using System.Numerics;

namespace RmsProp.Functional;

/// <summary>
/// The one place the update rule lives. <see cref="Reference"/> is the plain loop to read; <see cref="Run"/> is
/// the vectorised loop that runs, and must give bitwise the values of the reference loop (the property suite checks
/// it on random inputs).
/// </summary>
/// <remarks>
/// Per coordinate, in PyTorch's operation order so that its trajectories are reproduced to the last bit
/// (<c>fma(a, b, c)</c> is <c>a*b + c</c> rounded once: PyTorch's CPU kernels fuse exactly these):
/// <code>
/// g = maximize ? -grad : grad
/// g = fma(wd, w, g)                                   (when wd != 0)
/// s = fma((1-rho)*g, g, s*rho)
/// m = fma(1-rho, g, m*rho);  v = fma(-m, m, s)        (centered; v = s otherwise)
/// d = sqrt(v) + eps   or   sqrt(v + eps)
/// no momentum:        u = (-lr*g)/d;          w' = w + u
/// lr outside buffer:  b = b*mu + g/d;          u = -lr*b;  w' = fma(-lr, b, w)
/// lr inside buffer:   b = b*mu + (lr*g)/d;     u = -b;     w' = w + u
/// </code>
/// Both loops use only correctly rounded IEEE operations (+, -, *, /, sqrt, fused multiply-add), which is why the
/// vector loop matches the scalar one exactly. Inputs and outputs may alias element for element (the in-place path
/// passes the same memory): every element is read before it is written.
/// </remarks>
internal static class RmsPropKernel
{
    internal readonly struct Coefficients<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public Coefficients(RmsPropOptions options)
        {
            // Converted from double once; 1 - rho is formed in double first, as PyTorch forms its scalar argument.
            Rho = T.CreateChecked(options.Rho);
            OneMinusRho = T.CreateChecked(1.0 - options.Rho);
            Epsilon = T.CreateChecked(options.Epsilon);
            LearningRate = T.CreateChecked(options.LearningRate);
            NegativeLearningRate = T.CreateChecked(-options.LearningRate);
            Momentum = T.CreateChecked(options.Momentum);
            WeightDecay = T.CreateChecked(options.WeightDecay);
            Maximize = options.Maximize;
            HasWeightDecay = options.WeightDecay != 0;
            Centered = options.Centered;
            EpsilonInside = options.EpsilonPlacement == EpsilonPlacement.InsideRoot;
            HasMomentum = options.Momentum != 0;
            LearningRateInsideBuffer = options.MomentumConvention == MomentumConvention.LearningRateInsideBuffer;
        }

        public T Rho { get; }
        public T OneMinusRho { get; }
        public T Epsilon { get; }
        public T LearningRate { get; }
        public T NegativeLearningRate { get; }
        public T Momentum { get; }
        public T WeightDecay { get; }
        public bool Maximize { get; }
        public bool HasWeightDecay { get; }
        public bool Centered { get; }
        public bool EpsilonInside { get; }
        public bool HasMomentum { get; }
        public bool LearningRateInsideBuffer { get; }
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

    /// <summary>Runs the step with the vector loop where the hardware has one, finishing with the reference loop.</summary>
    internal static void Run<T>(in Coefficients<T> c, scoped Buffers<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int done = Simd<T>.IsAccelerated ? VectorLoop(c, b) : 0;
        ReferenceRange(c, b, done);
    }

    /// <summary>The plain loop, one coordinate at a time: the readable statement of the rule.</summary>
    internal static void Reference<T>(in Coefficients<T> c, scoped Buffers<T> b)
        where T : unmanaged, IFloatingPointIeee754<T> => ReferenceRange(c, b, 0);

    private static void ReferenceRange<T>(in Coefficients<T> c, scoped Buffers<T> b, int start)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = start; i < b.Gradient.Length; i++)
        {
            T g = b.Gradient[i];
            if (c.Maximize)
            {
                g = -g;
            }

            if (c.HasWeightDecay)
            {
                g = T.FusedMultiplyAdd(c.WeightDecay, b.Parameters[i], g);
            }

            T s = T.FusedMultiplyAdd(c.OneMinusRho * g, g, b.SquareAverageIn[i] * c.Rho);
            b.SquareAverageOut[i] = s;

            T variance = s;
            if (c.Centered)
            {
                T m = T.FusedMultiplyAdd(c.OneMinusRho, g, b.GradientAverageIn[i] * c.Rho);
                b.GradientAverageOut[i] = m;
                variance = T.FusedMultiplyAdd(-m, m, s);

                // In exact arithmetic s >= m^2; rounding can leave it a hair below 0, where sqrt would give NaN.
                if (variance < T.Zero)
                {
                    variance = T.Zero;
                }
            }

            T denominator = c.EpsilonInside ? T.Sqrt(variance + c.Epsilon) : T.Sqrt(variance) + c.Epsilon;

            if (!c.HasMomentum)
            {
                T update = c.NegativeLearningRate * g / denominator;
                b.Output[i] = b.AddParameters ? b.Parameters[i] + update : update;
            }
            else if (c.LearningRateInsideBuffer)
            {
                T buffer = b.MomentumIn[i] * c.Momentum + c.LearningRate * g / denominator;
                b.MomentumOut[i] = buffer;
                b.Output[i] = b.AddParameters ? b.Parameters[i] - buffer : -buffer;
            }
            else
            {
                T buffer = b.MomentumIn[i] * c.Momentum + g / denominator;
                b.MomentumOut[i] = buffer;
                b.Output[i] = b.AddParameters
                    ? T.FusedMultiplyAdd(c.NegativeLearningRate, buffer, b.Parameters[i])
                    : c.NegativeLearningRate * buffer;
            }
        }
    }

    /// <summary>The same rule as <see cref="ReferenceRange{T}"/>, a vector at a time; returns how many coordinates it did.</summary>
    private static int VectorLoop<T>(in Coefficients<T> c, scoped Buffers<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = Vector<T>.Count;
        int end = b.Gradient.Length - (b.Gradient.Length % width);

        var rho = new Vector<T>(c.Rho);
        var oneMinusRho = new Vector<T>(c.OneMinusRho);
        var epsilon = new Vector<T>(c.Epsilon);
        var learningRate = new Vector<T>(c.LearningRate);
        var negativeLearningRate = new Vector<T>(c.NegativeLearningRate);
        var momentum = new Vector<T>(c.Momentum);
        var weightDecay = new Vector<T>(c.WeightDecay);

        for (int i = 0; i < end; i += width)
        {
            var g = new Vector<T>(b.Gradient.Slice(i));
            if (c.Maximize)
            {
                g = -g;
            }

            if (c.HasWeightDecay)
            {
                g = Fma(weightDecay, new Vector<T>(b.Parameters.Slice(i)), g);
            }

            Vector<T> s = Fma(oneMinusRho * g, g, new Vector<T>(b.SquareAverageIn.Slice(i)) * rho);
            s.CopyTo(b.SquareAverageOut.Slice(i));

            Vector<T> variance = s;
            if (c.Centered)
            {
                Vector<T> m = Fma(oneMinusRho, g, new Vector<T>(b.GradientAverageIn.Slice(i)) * rho);
                m.CopyTo(b.GradientAverageOut.Slice(i));
                variance = Fma(-m, m, s);
                variance = Vector.ConditionalSelect(Vector.LessThan(variance, Vector<T>.Zero), Vector<T>.Zero, variance);
            }

            Vector<T> denominator = c.EpsilonInside
                ? Vector.SquareRoot(variance + epsilon)
                : Vector.SquareRoot(variance) + epsilon;

            Vector<T> output;
            if (!c.HasMomentum)
            {
                Vector<T> update = negativeLearningRate * g / denominator;
                output = b.AddParameters ? new Vector<T>(b.Parameters.Slice(i)) + update : update;
            }
            else if (c.LearningRateInsideBuffer)
            {
                Vector<T> buffer = new Vector<T>(b.MomentumIn.Slice(i)) * momentum + learningRate * g / denominator;
                buffer.CopyTo(b.MomentumOut.Slice(i));
                output = b.AddParameters ? new Vector<T>(b.Parameters.Slice(i)) - buffer : -buffer;
            }
            else
            {
                Vector<T> buffer = new Vector<T>(b.MomentumIn.Slice(i)) * momentum + g / denominator;
                buffer.CopyTo(b.MomentumOut.Slice(i));
                output = b.AddParameters
                    ? Fma(negativeLearningRate, buffer, new Vector<T>(b.Parameters.Slice(i)))
                    : negativeLearningRate * buffer;
            }

            output.CopyTo(b.Output.Slice(i));
        }

        return end;
    }

    /// <summary><c>a*b + c</c> rounded once, lane by lane; only reached for float and double (see <see cref="Simd{T}"/>).</summary>
    private static Vector<T> Fma<T>(Vector<T> a, Vector<T> b, Vector<T> c)
        where T : unmanaged
    {
#if NET9_0_OR_GREATER
        if (typeof(T) == typeof(double))
        {
            return Vector.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            return Vector.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>();
        }
#endif
        throw new NotSupportedException($"No vector fused multiply-add for {typeof(T)}.");
    }
}
