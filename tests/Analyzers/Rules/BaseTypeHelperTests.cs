using System.Threading.Tasks;
using RmsProp.Analyzers.Tests.Harness;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>
/// A root taken by a helper that a derived optimizer inherits from a base class of the same compilation (field item
/// 06, gdo's <c>Optimizer.Rms</c>): the helper is read as if the derived type declared it, so the mistakes of the
/// derived type's update are reported, once; a helper the call may not run (virtual in an unsealed type, or
/// overridden) is not followed, and a base class whose helper takes no root changes nothing. The base class and the
/// optimizers are in separate files, as in the real code.
/// </summary>
public sealed class BaseTypeHelperTests
{
    /// <summary>gdo's base class: a root nudged away from 0, so no epsilon is missing.</summary>
    private const string NudgedRootBase = """
        using System;
        public abstract class Optimizer
        {
            protected readonly double _lr;
            public double Value;
            protected Optimizer(double learningRate) => _lr = learningRate;
            protected double Rms(double val)
            {
                double sqrt = Math.Sqrt(val);
                if (sqrt == 0)
                {
                    sqrt += double.Epsilon;
                }
                return sqrt;
            }
            public abstract void Update(double dx);
        }
        """;

    /// <summary>A virtual root helper with no epsilon: reading it for a call that runs an override would cry wolf.</summary>
    private const string VirtualBareRootBase = """
        using System;
        public abstract class Optimizer
        {
            protected virtual double Denominator(double meanSquare) => Math.Sqrt(meanSquare);
        }
        """;

    // ---- flagged --------------------------------------------------------------------------------------------------

    [Fact]
    public Task Raw_gradient_averaged_for_a_base_class_root() =>
        new AnalyzerTest()
            .WithSource(NudgedRootBase, "Optimizer.cs")
            .WithSource(
            """
            public class RmsProp : Optimizer
            {
                private readonly double _rho = 0.9;
                private double _cache;
                public RmsProp(double learningRate) : base(learningRate) { }
                public override void Update(double dx)
                {
                    _cache = _rho * _cache + (1 - _rho) * {|RMSP001:dx|};
                    Value -= _lr * (dx / Rms(_cache));
                }
            }
            """,
            "RmsProp.cs")
            .ValidateAsync();

    [Fact]
    public Task Swapped_weights_and_a_stale_sum_under_a_base_class_root() =>
        new AnalyzerTest()
            .WithSource(NudgedRootBase, "Optimizer.cs")
            .WithSource(
            """
            using System;
            public class Adam : Optimizer
            {
                private readonly double _beta1 = 0.9, _beta2 = 0.999;
                private double _m, _v;
                public Adam(double learningRate) : base(learningRate) { }
                public override void Update(double dx)
                {
                    _m = _beta1 * _m + (1 - _beta1) * dx;
                    _v = {|RMSP003:(1 - _beta2) * _v + _beta2 * Math.Pow(dx, 2)|};
                    Value -= _lr * (_m / Rms(_v));
                }
            }
            public class AdaGrad : Optimizer
            {
                private double _cache;
                public AdaGrad(double learningRate) : base(learningRate) { }
                public override void Update(double dx)
                {
                    Value -= _lr * (dx / Rms({|RMSP005:_cache|}));
                    _cache += Math.Pow(dx, 2);
                }
            }
            """,
            "Optimizers.cs")
            .ValidateAsync();

    [Fact]
    public Task This_steps_square_passed_to_a_base_class_root() =>
        new AnalyzerTest()
            .WithSource(NudgedRootBase, "Optimizer.cs")
            .WithSource(
            """
            using System;
            public class AdaGrad : Optimizer
            {
                private double _cache;
                public AdaGrad(double learningRate) : base(learningRate) { }
                public override void Update(double dx)
                {
                    _cache += Math.Pow(dx, 2);
                    Value -= _lr * (dx / Rms({|RMSP007:Math.Pow(dx, 2)|}));
                }
            }
            """,
            "AdaGrad.cs")
            .ValidateAsync();

    [Fact]
    public Task A_base_class_root_with_no_epsilon_is_reported_once_for_all_its_callers() =>
        new AnalyzerTest()
            .WithSource(
            """
            using System;
            public abstract class Optimizer
            {
                protected static double Denominator(double meanSquare) => {|RMSP002:Math.Sqrt(meanSquare)|};
            }
            """,
            "Optimizer.cs")
            .WithSource(
            """
            public sealed class RmsProp : Optimizer
            {
                private double _s;
                public double Step(double w, double g)
                {
                    _s = 0.9 * _s + 0.1 * g * g;
                    return w - 0.01 * g / Denominator(_s);
                }
            }
            public sealed class Adam : Optimizer
            {
                private double _m, _v;
                public double Step(double w, double g)
                {
                    _m = 0.9 * _m + 0.1 * g;
                    _v = 0.999 * _v + 0.001 * g * g;
                    return w - 0.001 * _m / Denominator(_v);
                }
            }
            """,
            "Optimizers.cs")
            .ValidateAsync();

    [Fact]
    public Task A_virtual_helper_of_a_sealed_type_that_nothing_overrides() =>
        new AnalyzerTest()
            .WithSource(
            """
            using System;
            public abstract class Optimizer
            {
                protected virtual double Denominator(double meanSquare) => Math.Sqrt(meanSquare) + 1e-8;
            }
            """,
            "Optimizer.cs")
            .WithSource(
            """
            public sealed class RmsProp : Optimizer
            {
                private double _s;
                public double Step(double w, double g)
                {
                    _s = 0.9 * _s + 0.1 * {|RMSP001:g|};
                    return w - 0.01 * g / Denominator(_s);
                }
            }
            """,
            "RmsProp.cs")
            .ValidateAsync();

    // ---- silent ---------------------------------------------------------------------------------------------------

    [Fact]
    public Task A_base_class_helper_that_is_a_plain_moving_average() =>
        new AnalyzerTest()
            .WithSource(
            """
            using System;
            public abstract class Indicator
            {
                protected static double Smooth(double previous, double value) => 0.9 * previous + 0.1 * value;
                protected static double Volatility(double variance) => Math.Sqrt(variance);
            }
            """,
            "Indicator.cs")
            .WithSource(
            """
            public sealed class PriceRatio : Indicator
            {
                private double _level;
                public double Signal;
                public void Add(double price)
                {
                    _level = Smooth(_level, price);
                    Signal = price / _level;
                }
            }
            """,
            "PriceRatio.cs")
            .ValidateAsync();

    [Fact]
    public Task A_virtual_helper_that_the_type_overrides_is_not_the_one_that_runs() =>
        new AnalyzerTest()
            .WithSource(VirtualBareRootBase, "Optimizer.cs")
            .WithSource(
            """
            using System;
            public sealed class RmsProp : Optimizer
            {
                private double _s;
                protected override double Denominator(double meanSquare) => Math.Max(Math.Sqrt(meanSquare), 1e-8);
                public double Step(double w, double g)
                {
                    _s = 0.9 * _s + 0.1 * g * g;
                    return w - 0.01 * g / Denominator(_s);
                }
            }
            """,
            "RmsProp.cs")
            .ValidateAsync();

    [Fact]
    public Task A_virtual_helper_of_an_unsealed_type_may_run_an_override_elsewhere() =>
        new AnalyzerTest()
            .WithSource(VirtualBareRootBase, "Optimizer.cs")
            .WithSource(
            """
            using System;
            public class RmsProp : Optimizer
            {
                private double _s;
                public double Step(double w, double g)
                {
                    _s = 0.9 * _s + 0.1 * g * g;
                    return w - 0.01 * g / Denominator(_s);
                }
            }
            public sealed class GuardedRmsProp : RmsProp
            {
                protected override double Denominator(double meanSquare) => Math.Sqrt(meanSquare) + 1e-8;
            }
            """,
            "RmsProp.cs")
            .ValidateAsync();

    [Fact]
    public Task A_virtual_helper_overridden_between_the_base_and_the_type_runs_the_override() =>
        new AnalyzerTest()
            .WithSource(
            """
            using System;
            public abstract class Optimizer
            {
                protected virtual double Denominator(double meanSquare) => Math.Sqrt(meanSquare);
            }
            public abstract class GuardedOptimizer : Optimizer
            {
                protected override double Denominator(double meanSquare) => Math.Sqrt(meanSquare) + 1e-8;
            }
            """,
            "Optimizer.cs")
            .WithSource(
            """
            public sealed class RmsProp : GuardedOptimizer
            {
                private double _s;
                public double Step(double w, double g)
                {
                    _s = 0.9 * _s + 0.1 * g * g;
                    return w - 0.01 * g / Denominator(_s);
                }
            }
            """,
            "RmsProp.cs")
            .ValidateAsync();
}
