// Reduced from ooples/AiDotNet 1f3bc96 src/Optimizers/RootMeanSquarePropagationOptimizer.cs 296-322 (and every
// AiDotNet optimizer; ConvNetSharp's Ops<T> is the same idea): arithmetic on a generic T goes through a numeric
// operations object, `NumOps.Add(NumOps.Multiply(s, decay), NumOps.Multiply(NumOps.Multiply(g, g), oneMinusDecay))`,
// `NumOps.Divide(NumOps.Multiply(g, lr), NumOps.Add(NumOps.Sqrt(s), eps))`. The stand-in interface here keeps the
// file bound (AiDotNet's is in its AiDotNet.Tensors package, not served here). Each method has ONE mistake.
using System;

public interface INumericOperations<T>
{
    T Add(T a, T b);
    T Subtract(T a, T b);
    T Multiply(T a, T b);
    T Divide(T a, T b);
    T Sqrt(T a);
    T FromDouble(double x);
}

public sealed class GenericRmsProp<T>
{
    private readonly INumericOperations<T> NumOps;
    private readonly T[] _squaredGradient;
    private readonly double _decay = 0.9, _epsilon = 1e-8;

    public GenericRmsProp(INumericOperations<T> ops, int n)
    {
        NumOps = ops; _squaredGradient = new T[n];
    }

    // RMSP001 expected at the average: the new term is g * (1 - decay), not g * g * (1 - decay).
    public void RawGradient(T[] p, T[] gradient, T learningRate)
    {
        T decay = NumOps.FromDouble(_decay), oneMinusDecay = NumOps.FromDouble(1 - _decay), epsilon = NumOps.FromDouble(_epsilon);
        for (int i = 0; i < p.Length; i++)
        {
            T g = gradient[i];
            T s = NumOps.Add(NumOps.Multiply(_squaredGradient[i], decay), NumOps.Multiply({|RMSP001:g|}, oneMinusDecay));
            _squaredGradient[i] = s;
            T denominator = NumOps.Add(NumOps.Sqrt(s), epsilon);
            p[i] = NumOps.Subtract(p[i], NumOps.Divide(NumOps.Multiply(g, learningRate), denominator));
        }
    }

    // RMSP002 expected at NumOps.Sqrt(s): no epsilon.
    public void NoEpsilon(T[] p, T[] gradient, T learningRate)
    {
        T decay = NumOps.FromDouble(_decay), oneMinusDecay = NumOps.FromDouble(1 - _decay);
        for (int i = 0; i < p.Length; i++)
        {
            T g = gradient[i];
            T s = NumOps.Add(NumOps.Multiply(_squaredGradient[i], decay), NumOps.Multiply(NumOps.Multiply(g, g), oneMinusDecay));
            _squaredGradient[i] = s;
            T denominator = {|RMSP002:NumOps.Sqrt(s)|};
            p[i] = NumOps.Subtract(p[i], NumOps.Divide(NumOps.Multiply(g, learningRate), denominator));
        }
    }
}
