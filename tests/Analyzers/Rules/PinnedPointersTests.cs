using System.Threading.Tasks;
using RmsProp.Analyzers.CodeFixes;
using RmsProp.Analyzers.Tests.Harness;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>
/// State reached through pointers pinned on it: <c>fixed (float* ps = _s)</c>, <c>fixed (float* ps = &amp;_s[0])</c>,
/// <c>fixed (float* ps = _layers[layer])</c> over a jagged array, each read and written as <c>ps[i]</c> or as
/// <c>*(ps + i)</c>. The pointer stands for the buffer it is pinned on, so each spelling gets the verdict of the same
/// code indexing the array; unsafe code that keeps no running average stays silent.
/// </summary>
public sealed class PinnedPointersTests
{
    /// <summary>How the buffers are pinned (the three forms) and how an element is reached (the two spellings).</summary>
    public static TheoryData<string, string> Pinnings => new()
    {
        { "float* ps = _s, pw = w, pg = g", "index" },
        { "float* ps = _s, pw = w, pg = g", "offset" },
        { "float* ps = &_s[0], pw = &w[0], pg = &g[0]", "index" },
        { "float* ps = &_s[0], pw = &w[0], pg = &g[0]", "offset" },
        { "float* ps = _layers[layer], pw = w, pg = g", "index" },
        { "float* ps = _layers[layer], pw = w, pg = g", "offset" },
    };

    private static string At(string pointer, string spelling) => spelling == "index" ? pointer + "[i]" : $"*({pointer} + i)";

    /// <summary>
    /// A pinned RMSProp step; <paramref name="body"/> names the elements $S, $W and $G, which become the chosen spelling
    /// of the pointers ps, pw and pg.
    /// </summary>
    private static string PinnedStep(string pinning, string spelling, string body) =>
        $$"""
        using System;
        unsafe class PinnedRmsProp
        {
            private readonly float[] _s = new float[16];
            private readonly float[][] _layers = { new float[16], new float[16] };
            private const float Rho = 0.9f, Lr = 0.01f, Eps = 1e-8f;

            public void Step(float[] w, float[] g, int layer)
            {
                fixed ({{pinning}})
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        {{body.Replace("$S", At("ps", spelling)).Replace("$W", At("pw", spelling)).Replace("$G", At("pg", spelling))}}
                    }
                }
            }
        }
        """;

    [Theory]
    [MemberData(nameof(Pinnings))]
    public Task A_correct_step_through_pinned_pointers_is_silent(string pinning, string spelling) =>
        new AnalyzerTest().WithSource(PinnedStep(pinning, spelling, """
            float gi = $G;
            $S = Rho * $S + (1 - Rho) * gi * gi;
            $W -= Lr * gi / (MathF.Sqrt($S) + Eps);
            """)).ValidateAsync();

    [Theory]
    [MemberData(nameof(Pinnings))]
    public Task A_root_of_the_pinned_average_with_no_epsilon_is_reported(string pinning, string spelling) =>
        new AnalyzerTest().WithSource(PinnedStep(pinning, spelling, """
            float gi = $G;
            $S = Rho * $S + (1 - Rho) * gi * gi;
            $W -= Lr * gi / {|RMSP002:MathF.Sqrt($S)|};
            """)).ValidateAsync();

    [Theory]
    [MemberData(nameof(Pinnings))]
    public Task A_pinned_average_of_the_raw_gradient_is_reported(string pinning, string spelling) =>
        new AnalyzerTest().WithSource(PinnedStep(pinning, spelling, """
            float gi = $G;
            $S = Rho * $S + (1 - Rho) * {|RMSP001:gi|};
            $W -= Lr * gi / (MathF.Sqrt($S) + Eps);
            """)).ValidateAsync();

    [Theory]
    [MemberData(nameof(Pinnings))]
    public Task A_pinned_average_with_swapped_weights_is_reported(string pinning, string spelling) =>
        new AnalyzerTest().WithSource(PinnedStep(pinning, spelling, """
            float gi = $G;
            $S = {|RMSP003:(1 - Rho) * $S + Rho * gi * gi|};
            $W -= Lr * gi / (MathF.Sqrt($S) + Eps);
            """)).ValidateAsync();

    [Theory]
    [MemberData(nameof(Pinnings))]
    public Task A_pinned_average_read_by_the_root_before_it_is_updated_is_reported(string pinning, string spelling) =>
        new AnalyzerTest().WithSource(PinnedStep(pinning, spelling, """
            float gi = $G;
            $W -= Lr * gi / (MathF.Sqrt({|RMSP005:$S|}) + Eps);
            $S = Rho * $S + (1 - Rho) * gi * gi;
            """)).ValidateAsync();

    [Fact]
    public Task A_pointer_declared_as_an_offset_of_the_pinned_one_stands_for_the_same_buffer() =>
        new AnalyzerTest().WithSource(
            """
            using System;
            static unsafe class RowUpdater
            {
                public static void Step(float[] weights, float[] gradients, float[] squares, int row, int width)
                {
                    fixed (float* w0 = weights, g0 = gradients, s0 = squares)
                    {
                        float* pw = w0 + row * width, pg = g0 + row * width, ps = s0 + row * width;
                        for (int i = 0; i < width; i++)
                        {
                            float g = pg[i];
                            ps[i] += g * g;
                            pw[i] -= 0.01f * g / {|RMSP002:MathF.Sqrt(ps[i])|};
                        }
                    }
                }
            }
            """).ValidateAsync();

    [Fact]
    public Task A_pointer_helper_called_from_a_fixed_block_updates_the_pinned_buffer() =>
        new AnalyzerTest().WithSource(
            """
            using System;
            unsafe class PointerKernel
            {
                private readonly float[] _s = new float[16];
                public void Step(float[] w, float[] g)
                {
                    fixed (float* pw = w, pg = g, ps = _s)
                        Update(pw, pg, ps, w.Length);
                }
                private static void Update(float* w, float* g, float* s, int n)
                {
                    for (int i = 0; i < n; i++)
                    {
                        s[i] = 0.9f * s[i] + 0.1f * {|RMSP001:g[i]|};
                        w[i] -= 0.01f * g[i] / (MathF.Sqrt(s[i]) + 1e-8f);
                    }
                }
            }
            """).ValidateAsync();

    // An average, not AdaGrad's sum: a sum held in a parameter starts where its owner starts it, which the type
    // cannot see, so RMSP002 leaves it alone (FieldStateParameterStartedAtOne).
    [Fact]
    public Task The_epsilon_fix_applies_to_a_root_of_pinned_state() =>
        new AnalyzerTest()
            .ShouldReportRule(Rmsp002MissingEpsilon.Descriptor)
            .WithCodeFix<Rmsp002MissingEpsilonFix>()
            .WithSource(
                """
                using System;
                public static unsafe class PinnedRmsProp
                {
                    public static void Step(float[] w, float[] g, float[] s)
                    {
                        fixed (float* pw = w, pg = g, ps = s)
                        {
                            for (int i = 0; i < w.Length; i++)
                            {
                                *(ps + i) = 0.9f * *(ps + i) + 0.1f * *(pg + i) * *(pg + i);
                                *(pw + i) -= 0.01f * *(pg + i) / [|MathF.Sqrt(*(ps + i))|];
                            }
                        }
                    }
                }
                """)
            .ShouldFixCodeWith(
                """
                using System;
                public static unsafe class PinnedRmsProp
                {
                    private const float Epsilon = 1e-8f;

                    public static void Step(float[] w, float[] g, float[] s)
                    {
                        fixed (float* pw = w, pg = g, ps = s)
                        {
                            for (int i = 0; i < w.Length; i++)
                            {
                                *(ps + i) = 0.9f * *(ps + i) + 0.1f * *(pg + i) * *(pg + i);
                                *(pw + i) -= 0.01f * *(pg + i) / (MathF.Sqrt(*(ps + i)) + Epsilon);
                            }
                        }
                    }
                }
                """)
            .ValidateAsync();

    /// <summary>A pointer RMSProp whose <c>Reset()</c> zeroes the average through a pinned pointer, spelled <paramref name="zero"/>.</summary>
    private static string PinnedOptimizer(string zero) =>
        $$"""
        using System;
        public sealed unsafe class PinnedRmsProp
        {
            private readonly float[] _s;
            public PinnedRmsProp(int n) => _s = new float[n];
            public void Reset()
            {
                fixed (float* ps = _s)
                    for (int i = 0; i < _s.Length; i++) {{zero}} = 0;
            }
            public void Step(float[] w, float[] g)
            {
                fixed (float* pw = w, pg = g, ps = _s)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        ps[i] = 0.9f * ps[i] + 0.1f * pg[i] * pg[i];
                        pw[i] -= 0.01f * pg[i] / (MathF.Sqrt(ps[i]) + 1e-8f);
                    }
                }
            }
        }
        """;

    [Theory]
    [InlineData("ps[i]")]
    [InlineData("*(ps + i)")]
    public Task A_caller_resetting_pinned_state_on_every_batch_is_reported(string zero) =>
        new AnalyzerTest().ShouldReportRule(Rmsp004AccumulatorReset.Descriptor).WithSource(
            """
            public static class Trainer
            {
                public static void Train(float[] w, float[][] batches)
                {
                    var optimizer = new PinnedRmsProp(w.Length);
                    foreach (float[] gradient in batches)
                    {
                        [|optimizer.Reset()|];
                        optimizer.Step(w, gradient);
                    }
                }
            }
            """, "Trainer.cs").WithSource(PinnedOptimizer(zero), "PinnedRmsProp.cs").ValidateAsync();

    [Theory]
    [InlineData("ps[i]")]
    [InlineData("*(ps + i)")]
    public Task A_caller_resetting_pinned_state_once_per_epoch_is_silent(string zero) =>
        new AnalyzerTest().ShouldReportRule(Rmsp004AccumulatorReset.Descriptor).WithSource(
            """
            public static class Trainer
            {
                public static void Train(float[] w, float[][] batches, int epochs)
                {
                    var optimizer = new PinnedRmsProp(w.Length);
                    for (int epoch = 0; epoch < epochs; epoch++)
                    {
                        optimizer.Reset();
                        foreach (float[] gradient in batches)
                            optimizer.Step(w, gradient);
                    }
                }
            }
            """, "Trainer.cs").WithSource(PinnedOptimizer(zero), "PinnedRmsProp.cs").ValidateAsync();

    /// <summary>
    /// Unsafe code that is no optimizer (a sum of squares under a root, dividing), in its array spelling and its two
    /// pointer spellings: all stay silent.
    /// </summary>
    [Theory]
    [InlineData("x[i]", "float* px = x")]
    [InlineData("px[i]", "float* px = x")]
    [InlineData("*(px + i)", "float* px = &x[0]")]
    public Task Standardizing_a_pinned_vector_is_no_optimizer_step(string element, string pinning) =>
        new AnalyzerTest().WithSource(
            $$"""
            using System;
            static unsafe class Standardize
            {
                public static void InPlace(float[] x)
                {
                    fixed ({{pinning}})
                    {
                        float mean = 0, variance = 0;
                        for (int i = 0; i < x.Length; i++) mean += {{element}};
                        mean /= x.Length;
                        for (int i = 0; i < x.Length; i++) variance += ({{element}} - mean) * ({{element}} - mean);
                        float deviation = MathF.Sqrt(variance / x.Length);
                        for (int i = 0; i < x.Length; i++) {{element}} = ({{element}} - mean) / deviation;
                    }
                }
            }
            """).ValidateAsync();

    [Theory]
    [InlineData("x[i]", "y[i]")]
    [InlineData("pa[i]", "pb[i]")]
    [InlineData("*(pa + i)", "*(pb + i)")]
    public Task A_pinned_distance_and_normalisation_is_no_optimizer_step(string a, string b) =>
        new AnalyzerTest().WithSource(
            $$"""
            using System;
            static unsafe class Geometry
            {
                public static double Distance(double[] x, double[] y)
                {
                    double sum = 0;
                    fixed (double* pa = x, pb = y)
                    {
                        for (int i = 0; i < x.Length; i++)
                        {
                            double d = {{a}} - {{b}};
                            sum += d * d;
                        }
                    }
                    return Math.Sqrt(sum);
                }

                public static void Normalize(double[] x, double[] y)
                {
                    fixed (double* pa = x, pb = y)
                    {
                        double norm = 0;
                        for (int i = 0; i < x.Length; i++) norm += {{a}} * {{a}};
                        norm = Math.Sqrt(norm);
                        for (int i = 0; i < x.Length; i++) {{b}} = {{a}} / norm;
                    }
                }
            }
            """).ValidateAsync();
}
