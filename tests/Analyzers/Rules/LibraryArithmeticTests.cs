using System.Threading.Tasks;
using RmsProp.Analyzers.Tests.Harness;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>
/// Arithmetic and roots written as library calls, as real optimizers write them: TorchSharp's in-place methods with
/// PyTorch's meanings (<c>add_(y, alpha: a)</c>, <c>addcmul_</c>, <c>lerp_</c>, <c>addcdiv_</c>), and an object that does
/// another type's arithmetic (AiDotNet's <c>NumOps.Add/Multiply/Sqrt</c>, a Keras-style backend's <c>K.Square/K.Sqrt</c>).
/// Each spelling gets the verdict of the same update written with operators; code that keeps no running average under
/// a root that divides a parameter update stays silent.
/// </summary>
public sealed class LibraryArithmeticTests
{
    /// <summary>A stand-in tensor with TorchSharp's method names and PyTorch's meanings.</summary>
    private const string Tensor = """
        public sealed class Tensor
        {
            private readonly double[] _x;
            public Tensor(int n) => _x = new double[n];
            private Tensor(double[] x) => _x = x;
            public Tensor mul_(double a) { for (int i = 0; i < _x.Length; i++) _x[i] *= a; return this; }
            public Tensor mul(Tensor y) { var r = new double[_x.Length]; for (int i = 0; i < r.Length; i++) r[i] = _x[i] * y._x[i]; return new Tensor(r); }
            public Tensor add_(Tensor y, double alpha = 1) { for (int i = 0; i < _x.Length; i++) _x[i] += alpha * y._x[i]; return this; }
            public Tensor add_(double e) { for (int i = 0; i < _x.Length; i++) _x[i] += e; return this; }
            public Tensor add(double e) { var r = new double[_x.Length]; for (int i = 0; i < r.Length; i++) r[i] = _x[i] + e; return new Tensor(r); }
            public Tensor addcmul_(Tensor a, Tensor b, double value = 1) { for (int i = 0; i < _x.Length; i++) _x[i] += value * a._x[i] * b._x[i]; return this; }
            public Tensor addcdiv_(Tensor a, Tensor b, double value = 1) { for (int i = 0; i < _x.Length; i++) _x[i] += value * a._x[i] / b._x[i]; return this; }
            public Tensor lerp_(Tensor end, double weight) { for (int i = 0; i < _x.Length; i++) _x[i] += weight * (end._x[i] - _x[i]); return this; }
            public Tensor sqrt() { var r = new double[_x.Length]; for (int i = 0; i < r.Length; i++) r[i] = System.Math.Sqrt(_x[i]); return new Tensor(r); }
            public Tensor sqrt_() { for (int i = 0; i < _x.Length; i++) _x[i] = System.Math.Sqrt(_x[i]); return this; }
        }
        """;

    private static AnalyzerTest TorchStep(string update, string denominator) =>
        new AnalyzerTest().WithSource(
            $$"""
            public sealed class TorchRmsProp
            {
                private readonly Tensor _s = new Tensor(4);
                private readonly double _rho = 0.99, _eps = 1e-8, _lr = 0.01;
                public void Step(Tensor w, Tensor g)
                {
                    {{update}}
                    var d = {{denominator}};
                    w.addcdiv_(g, d, value: -_lr);
                }
            }
            """).WithSource(Tensor, "Tensor.cs");

    [Theory]
    [InlineData("_s.mul_(_rho).addcmul_(g, g, value: 1 - _rho);", "_s.sqrt().add_(_eps)")]
    [InlineData("_s.lerp_(g.mul(g), 1 - _rho);", "_s.add(_eps).sqrt_()")]
    [InlineData("_s.mul_(_rho).add_(g.mul(g), alpha: 1 - _rho);", "_s.sqrt().add_(_eps)")]
    public Task A_correct_in_place_chain_is_silent(string update, string denominator) =>
        TorchStep(update, denominator).ValidateAsync();

    [Theory]
    [InlineData("_s.mul_(_rho).add_({|RMSP001:g|}, alpha: 1 - _rho);")]
    [InlineData("_s.lerp_({|RMSP001:g|}, 1 - _rho);")]
    public Task An_in_place_chain_averaging_the_raw_gradient_is_reported(string update) =>
        TorchStep(update, "_s.sqrt().add_(_eps)").ValidateAsync();

    [Theory]
    [InlineData("_s.mul_(_rho).addcmul_(g, g, value: 1 - _rho);")]
    [InlineData("_s.lerp_(g.mul(g), 1 - _rho);")]
    public Task A_root_consumed_by_addcdiv_with_no_epsilon_is_reported(string update) =>
        TorchStep(update, "{|RMSP002:_s.sqrt()|}").ValidateAsync();

    [Fact]
    public Task An_in_place_chain_with_swapped_weights_is_reported() =>
        TorchStep("{|RMSP003:_s.mul_(1 - _rho).addcmul_(g, g, value: _rho)|};", "_s.sqrt().add_(_eps)").ValidateAsync();

    /// <summary>AiDotNet's numeric-operations interface, stood in.</summary>
    private const string NumericOperations = """
        public interface INumericOperations<T>
        {
            T Add(T a, T b);
            T Subtract(T a, T b);
            T Multiply(T a, T b);
            T Divide(T a, T b);
            T Sqrt(T a);
            T Square(T a);
            T FromDouble(double x);
        }
        """;

    private static AnalyzerTest GenericStep(string average, string denominator) =>
        new AnalyzerTest().WithSource(
            $$"""
            public sealed class GenericRmsProp<T>
            {
                private readonly INumericOperations<T> NumOps;
                private readonly T[] _s;
                public GenericRmsProp(INumericOperations<T> ops, int n) { NumOps = ops; _s = new T[n]; }
                public void Step(T[] w, T[] gradient, T lr)
                {
                    T rho = NumOps.FromDouble(0.9), keep = NumOps.FromDouble(0.1), eps = NumOps.FromDouble(1e-8);
                    for (int i = 0; i < w.Length; i++)
                    {
                        T g = gradient[i];
                        _s[i] = {{average}};
                        w[i] = NumOps.Subtract(w[i], NumOps.Divide(NumOps.Multiply(g, lr), {{denominator}}));
                    }
                }
            }
            """).WithSource(NumericOperations, "NumericOperations.cs");

    [Theory]
    [InlineData("NumOps.Add(NumOps.Multiply(_s[i], rho), NumOps.Multiply(NumOps.Multiply(g, g), keep))", "NumOps.Add(NumOps.Sqrt(_s[i]), eps)")]
    [InlineData("NumOps.Add(NumOps.Multiply(rho, _s[i]), NumOps.Multiply(keep, NumOps.Square(g)))", "NumOps.Sqrt(NumOps.Add(_s[i], eps))")]
    public Task A_correct_step_through_a_numeric_operations_object_is_silent(string average, string denominator) =>
        GenericStep(average, denominator).ValidateAsync();

    [Theory]
    [InlineData("NumOps.Add(NumOps.Multiply(_s[i], rho), NumOps.Multiply({|RMSP001:g|}, keep))")]
    [InlineData("NumOps.Add(NumOps.Multiply(rho, _s[i]), NumOps.Multiply(keep, {|RMSP001:g|}))")]
    public Task A_numeric_operations_average_of_the_raw_gradient_is_reported(string average) =>
        GenericStep(average, "NumOps.Add(NumOps.Sqrt(_s[i]), eps)").ValidateAsync();

    [Theory]
    [InlineData("NumOps.Add(NumOps.Multiply(_s[i], rho), NumOps.Multiply(NumOps.Multiply(g, g), keep))")]
    [InlineData("NumOps.Add(NumOps.Multiply(rho, _s[i]), NumOps.Multiply(keep, NumOps.Square(g)))")]
    public Task A_numeric_operations_root_with_no_epsilon_is_reported(string average) =>
        GenericStep(average, "{|RMSP002:NumOps.Sqrt(_s[i])|}").ValidateAsync();

    [Fact]
    public Task A_numeric_operations_rms_meter_and_normalisation_are_no_optimizer_step() =>
        new AnalyzerTest().WithSource(
            """
            public sealed class GenericMeter<T>
            {
                private readonly INumericOperations<T> NumOps;
                private T _meanSquare;
                public GenericMeter(INumericOperations<T> ops, T start) { NumOps = ops; _meanSquare = start; }
                public T Observe(T x)
                {
                    _meanSquare = NumOps.Add(NumOps.Multiply(NumOps.FromDouble(0.99), _meanSquare), NumOps.Multiply(NumOps.FromDouble(0.01), NumOps.Square(x)));
                    return NumOps.Sqrt(_meanSquare);
                }
                public void Normalize(T[] v)
                {
                    T sum = NumOps.FromDouble(0);
                    for (int i = 0; i < v.Length; i++) sum = NumOps.Add(sum, NumOps.Multiply(v[i], v[i]));
                    T norm = NumOps.Sqrt(sum);
                    for (int i = 0; i < v.Length; i++) v[i] = NumOps.Divide(v[i], norm);
                }
            }
            """).WithSource(NumericOperations, "NumericOperations.cs").ValidateAsync();
}
