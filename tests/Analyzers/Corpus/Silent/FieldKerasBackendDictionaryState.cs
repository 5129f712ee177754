using System;
using System.Collections.Generic;

namespace FieldKerasStyle
{
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

    /// <summary>
    /// RMSProp as Keras-style C# ports write it (field test, deepakkumar1984/SiaNet SiaNet/Optimizers/RMSProp.cs):
    /// operator-overloaded tensors, a backend object's Square and Sqrt, the state in a Dictionary keyed by the
    /// parameter's name and created when missing. Correct.
    /// </summary>
    public sealed class KerasStyleRmsProp
    {
        private readonly IBackend K;
        private readonly Dictionary<string, Tensor> accumulators = new Dictionary<string, Tensor>();
        public float LearningRate = 0.001f, Rho = 0.9f, Epsilon = 1e-7f;

        public KerasStyleRmsProp(IBackend backend) { K = backend; }

        public void Update(Param param)
        {
            if (!accumulators.ContainsKey(param.Name))
            {
                accumulators[param.Name] = K.Constant(0, param.Data.X.Length);
            }

            accumulators[param.Name] = Rho * accumulators[param.Name] + (1 - Rho) * K.Square(param.Grad);
            param.Data = param.Data - (LearningRate * param.Grad / (K.Sqrt(accumulators[param.Name]) + Epsilon));
        }
    }

}
