// Reduced from deepakkumar1984/SiaNet b0a27c9 SiaNet/Optimizers/RMSProp.cs 63-76 (the same shape in Adagrad.cs,
// Adadelta.cs, Adam.cs): the state is a Dictionary<string, Tensor> keyed by parameter name, updated with Tensor
// operator overloads, squared and rooted by a backend object `K` (`K.Square(g)`, `K.Sqrt(x)`):
//   accumulators[name] = Rho * accumulators[name] + (1 - Rho) * K.Square(grad);
//   data = data - (lr * grad / (K.Sqrt(accumulators[name]) + Epsilon));
// Each step below has ONE mistake (13 of 13 mutations in SiaNet's four optimizers were missed before the model read
// a backend object's Square/Sqrt); Correct stays silent.
using System;
using System.Collections.Generic;

public sealed class Tensor
{
    internal readonly float[] X;
    public Tensor(float[] x) => X = x;
    private static Tensor Map(Tensor a, Func<float, float> f) { var y = new float[a.X.Length]; for (int i = 0; i < y.Length; i++) y[i] = f(a.X[i]); return new Tensor(y); }
    private static Tensor Zip(Tensor a, Tensor b, Func<float, float, float> f) { var y = new float[a.X.Length]; for (int i = 0; i < y.Length; i++) y[i] = f(a.X[i], b.X[i]); return new Tensor(y); }
    public static Tensor operator *(float a, Tensor b) => Map(b, x => a * x);
    public static Tensor operator *(Tensor a, Tensor b) => Zip(a, b, (x, y) => x * y);
    public static Tensor operator /(Tensor a, Tensor b) => Zip(a, b, (x, y) => x / y);
    public static Tensor operator +(Tensor a, Tensor b) => Zip(a, b, (x, y) => x + y);
    public static Tensor operator +(Tensor a, float b) => Map(a, x => x + b);
    public static Tensor operator -(Tensor a, Tensor b) => Zip(a, b, (x, y) => x - y);
}

public interface IBackend
{
    Tensor Square(Tensor x);
    Tensor Sqrt(Tensor x);
    Tensor Constant(float value, int length);
}

public sealed class Param
{
    public string Name = "";
    public Tensor Data = null!;
    public Tensor Grad = null!;
}

public sealed class RmsPropOptimizer
{
    private readonly IBackend K;
    private readonly Dictionary<string, Tensor> accumulators = new();
    public float LearningRate = 0.001f, Rho = 0.9f, Epsilon = 1e-7f;
    public RmsPropOptimizer(IBackend backend) => K = backend;

    private Tensor State(Param param)
    {
        if (!accumulators.ContainsKey(param.Name))
            accumulators[param.Name] = K.Constant(0, param.Data.X.Length);
        return accumulators[param.Name];
    }

    // Correct (as SiaNet writes it): must stay silent.
    public void Correct(Param param)
    {
        State(param);
        accumulators[param.Name] = Rho * accumulators[param.Name] + (1 - Rho) * K.Square(param.Grad);
        param.Data = param.Data - (LearningRate * param.Grad / (K.Sqrt(accumulators[param.Name]) + Epsilon));
    }

    // RMSP001 expected: the accumulator takes the raw gradient.
    public void RawGradient(Param param)
    {
        State(param);
        accumulators[param.Name] = Rho * accumulators[param.Name] + (1 - Rho) * {|RMSP001:param.Grad|};
        param.Data = param.Data - (LearningRate * param.Grad / (K.Sqrt(accumulators[param.Name]) + Epsilon));
    }

    // RMSP002 expected: no epsilon after the root.
    public void NoEpsilon(Param param)
    {
        State(param);
        accumulators[param.Name] = Rho * accumulators[param.Name] + (1 - Rho) * K.Square(param.Grad);
        param.Data = param.Data - (LearningRate * param.Grad / {|RMSP002:K.Sqrt(accumulators[param.Name])|});
    }

    // RMSP003 expected: Rho and 1 - Rho swapped.
    public void Swapped(Param param)
    {
        State(param);
        accumulators[param.Name] = {|RMSP003:(1 - Rho) * accumulators[param.Name] + Rho * K.Square(param.Grad)|};
        param.Data = param.Data - (LearningRate * param.Grad / (K.Sqrt(accumulators[param.Name]) + Epsilon));
    }
}
