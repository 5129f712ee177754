using System.Threading.Tasks;
using RmsProp.Analyzers.CodeFixes;
using RmsProp.Analyzers.Tests.Harness;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>
/// RMSP002 on an AdaGrad sum that a method keeps in a parameter its own type neither passes nor starts (field item 17,
/// KelpNet's static update): reported when a caller elsewhere in the compilation passes a fresh array, or one it
/// clears or fills with 0, whether as the array or through a pointer pinned on it; held back when no caller is seen,
/// or the callers start the sum above 0 (ML.NET's FFM trainer fills its sums with 1), or pass what they were given.
/// The update and its caller are in separate files, as in the real code.
/// </summary>
public sealed class Rmsp002CallerStartTests
{
    /// <summary>AdaGrad's update as a static method of its own class: the sums arrive as a parameter, with no epsilon.</summary>
    private const string ArrayUpdate = """
        using System;
        public static class AdaGradUpdate
        {
            public static void Update(double learningRate, double[] h, double[] data, double[] grad)
            {
                for (int i = 0; i < data.Length; i++)
                {
                    h[i] += grad[i] * grad[i];
                    data[i] -= learningRate * grad[i] / [|Math.Sqrt(h[i])|];
                }
            }
        }
        """;

    /// <summary>The same update over pinned buffers: the sums arrive as a pointer.</summary>
    private const string PointerUpdate = """
        using System;
        public static unsafe class AdaGradKernel
        {
            public static void Update(float* sums, float* weights, float* gradients, int count, float learningRate)
            {
                for (int i = 0; i < count; i++)
                {
                    sums[i] += gradients[i] * gradients[i];
                    weights[i] -= learningRate * gradients[i] / [|MathF.Sqrt(sums[i])|];
                }
            }
        }
        """;

    private static AnalyzerTest CreateTest() =>
        new AnalyzerTest().ShouldReportRule(Rmsp002MissingEpsilon.Descriptor).WithCodeFix<Rmsp002MissingEpsilonFix>();

    /// <summary>The update with its markup removed: the same code, which must then draw nothing.</summary>
    private static string Unmarked(string update) => update.Replace("[|", string.Empty).Replace("|]", string.Empty);

    // ---- flagged: a caller of the compilation starts the sum at 0 ---------------------------------------------------

    [Fact]
    public Task A_list_of_fresh_arrays_passed_element_by_element() =>
        CreateTest()
            .WithSource(ArrayUpdate, "AdaGradUpdate.cs")
            .WithSource(
            """
            using System.Collections.Generic;
            public sealed class AdaGrad
            {
                private readonly List<double[]> _h = new List<double[]>();
                public double LearningRate = 0.01;
                public void AddParameter(int length) => _h.Add(new double[length]);
                public void Step(int i, double[] data, double[] grad) => AdaGradUpdate.Update(LearningRate, _h[i], data, grad);
            }
            """,
            "AdaGrad.cs")
            .ValidateAsync();

    [Fact]
    public Task A_fresh_array_passed_straight_in_gets_the_epsilon_in_the_update() =>
        CreateTest()
            .WithSource(ArrayUpdate, "AdaGradUpdate.cs")
            .WithSource(
            """
            public static class Training
            {
                public static void Run(double[] w, double[] g) => AdaGradUpdate.Update(0.1, new double[w.Length], w, g);
            }
            """,
            "Training.cs")
            .ShouldFixCodeWith(
            """
            using System;
            public static class AdaGradUpdate
            {
                private const double Epsilon = 1e-8;

                public static void Update(double learningRate, double[] h, double[] data, double[] grad)
                {
                    for (int i = 0; i < data.Length; i++)
                    {
                        h[i] += grad[i] * grad[i];
                        data[i] -= learningRate * grad[i] / (Math.Sqrt(h[i]) + Epsilon);
                    }
                }
            }
            """)
            .ValidateAsync();

    [Fact]
    public Task A_field_the_caller_fills_with_one_and_clears_on_reset() =>
        CreateTest()
            .WithSource(ArrayUpdate, "AdaGradUpdate.cs")
            .WithSource(
            """
            using System;
            public sealed class AdaGrad
            {
                private readonly double[] _h;
                public AdaGrad(int n) { _h = new double[n]; Array.Fill(_h, 1.0); }
                public void Reset() => Array.Clear(_h);
                public void Step(double[] w, double[] g) => AdaGradUpdate.Update(0.01, _h, w, g);
            }
            """,
            "AdaGrad.cs")
            .ValidateAsync();

    [Fact]
    public Task A_fresh_buffer_passed_through_a_pinned_pointer() =>
        CreateTest()
            .WithSource(PointerUpdate, "AdaGradKernel.cs")
            .WithSource(
            """
            public sealed unsafe class AdaGrad
            {
                private readonly float[] _sums;
                public AdaGrad(int n) => _sums = new float[n];
                public void Step(float[] w, float[] g)
                {
                    fixed (float* ps = _sums)
                    fixed (float* pw = w)
                    fixed (float* pg = g)
                    {
                        AdaGradKernel.Update(ps, pw, pg, w.Length, 0.01f);
                    }
                }
            }
            """,
            "AdaGrad.cs")
            .ValidateAsync();

    [Fact]
    public Task A_generic_optimizer_passing_its_fresh_sums_from_a_lambda() =>
        CreateTest()
            .WithSource(ArrayUpdate, "AdaGradUpdate.cs")
            .WithSource(
            """
            using System;
            using System.Collections.Generic;
            public class AdaGrad<T> where T : unmanaged
            {
                private readonly List<T[]> h = new List<T[]>();
                public Action<int, double[], double[]> Step = (i, w, g) => { };
                public AdaGrad()
                {
                    switch (this)
                    {
                        case AdaGrad<double> adaGradD:
                            adaGradD.Step = (i, w, g) => AdaGradUpdate.Update(0.01, adaGradD.h[i], w, g);
                            break;
                    }
                }
                public void AddParameter(int length) => this.h.Add(new T[length]);
            }
            """,
            "AdaGrad.cs")
            .ValidateAsync();

    // ---- silent: no caller seen to start the sum at 0 ---------------------------------------------------------------

    [Fact]
    public Task A_caller_that_fills_the_sums_with_one() =>
        CreateTest()
            .WithSource(Unmarked(ArrayUpdate), "AdaGradUpdate.cs")
            .WithSource(
            """
            using System;
            public sealed class AdaGrad
            {
                private readonly double[] _h;
                public AdaGrad(int n) { _h = new double[n]; Array.Fill(_h, 1.0); }
                public void Step(double[] w, double[] g) => AdaGradUpdate.Update(0.01, _h, w, g);
            }
            """,
            "AdaGrad.cs")
            .ValidateAsync();

    [Fact]
    public Task A_caller_that_fills_the_pinned_sums_with_one() =>
        CreateTest()
            .WithSource(Unmarked(PointerUpdate), "AdaGradKernel.cs")
            .WithSource(
            """
            using System;
            public sealed unsafe class AdaGrad
            {
                private readonly float[] _sums;
                public AdaGrad(int n) { _sums = new float[n]; _sums.AsSpan().Fill(1f); }
                public void Step(float[] w, float[] g)
                {
                    fixed (float* ps = _sums)
                    fixed (float* pw = w)
                    fixed (float* pg = g)
                    {
                        AdaGradKernel.Update(ps, pw, pg, w.Length, 0.01f);
                    }
                }
            }
            """,
            "AdaGrad.cs")
            .ValidateAsync();

    [Fact]
    public Task A_fresh_array_given_to_another_parameter_says_nothing_of_the_sums() =>
        CreateTest()
            .WithSource(Unmarked(ArrayUpdate), "AdaGradUpdate.cs")
            .WithSource(
            """
            using System;
            public static class Training
            {
                public static double[] Run(double[] h, double[] g)
                {
                    var w = new double[g.Length];
                    AdaGradUpdate.Update(0.1, h, w, g);
                    return w;
                }
            }
            """,
            "Training.cs")
            .ValidateAsync();

    [Fact]
    public Task A_list_cleared_and_refilled_with_arrays_started_at_one() =>
        CreateTest()
            .WithSource(Unmarked(ArrayUpdate), "AdaGradUpdate.cs")
            .WithSource(
            """
            using System.Collections.Generic;
            public sealed class AdaGrad
            {
                private readonly List<double[]> _h = new List<double[]>();
                public void Restart(int layers, int length)
                {
                    _h.Clear();
                    for (int l = 0; l < layers; l++) _h.Add(new[] { 1.0, 1.0, 1.0, 1.0 });
                }
                public void Step(int i, double[] data, double[] grad) => AdaGradUpdate.Update(0.01, _h[i], data, grad);
            }
            """,
            "AdaGrad.cs")
            .ValidateAsync();
}
