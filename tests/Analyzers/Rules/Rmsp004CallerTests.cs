using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using RmsProp.Analyzers.CodeFixes;
using RmsProp.Analyzers.Tests.Harness;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>
/// RMSP004 at the caller: an RMSProp optimizer of the same compilation reset (by a method that clears its
/// accumulator) or created again inside the innermost loop that steps it, so each batch starts from an empty average;
/// and the look-alikes that must stay silent. The optimizer and its caller are in separate files, as in real projects.
/// </summary>
public sealed class Rmsp004CallerTests
{
    /// <summary>
    /// An RMSProp optimizer with a <c>Reset()</c> that clears its average, and a step counter with a <c>Restart()</c>
    /// that only zeroes the counter.
    /// </summary>
    private const string Optimizer = """
        using System;
        public sealed class RmsProp
        {
            private readonly double[] _meanSquare;
            private readonly double _lr, _rho, _eps;
            private int _steps;
            public RmsProp(int n, double lr = 0.01, double rho = 0.9, double eps = 1e-8)
            {
                _meanSquare = new double[n];
                _lr = lr;
                _rho = rho;
                _eps = eps;
            }
            public double[] MeanSquare => _meanSquare;
            public int Steps => _steps;
            public void Reset() => Array.Clear(_meanSquare);
            public void Restart() => _steps = 0;
            public void Step(double[] w, double[] g)
            {
                _steps++;
                for (int i = 0; i < w.Length; i++)
                {
                    _meanSquare[i] = _rho * _meanSquare[i] + (1 - _rho) * g[i] * g[i];
                    w[i] -= _lr * g[i] / (Math.Sqrt(_meanSquare[i]) + _eps);
                }
            }
        }
        """;

    private static AnalyzerTest CreateTest(string caller) =>
        new AnalyzerTest()
            .ShouldReportRule(Rmsp004AccumulatorReset.Descriptor)
            .WithCodeFix<Rmsp004AccumulatorResetFix>()
            .WithSource(caller, "Trainer.cs");

    // ---- flagged: a reset on every batch ----------------------------------------------------------------------

    [Fact]
    public Task Reset_in_the_batch_loop_that_steps_the_optimizer() =>
        CreateTest(
            """
            public static class Trainer
            {
                public static void Train(double[] w, double[][] batches)
                {
                    var optimizer = new RmsProp(w.Length);
                    foreach (double[] gradient in batches)
                    {
                        [|optimizer.Reset()|];
                        optimizer.Step(w, gradient);
                    }
                }
            }
            """)
            .WithSource(Optimizer, "RmsProp.cs")
            .ValidateAsync();

    [Fact]
    public Task Reset_after_the_step_through_a_field_of_the_trainer() =>
        CreateTest(
            """
            public sealed class Trainer
            {
                private readonly RmsProp _optimizer = new RmsProp(3);
                public void Epoch(double[] w, double[][] batches)
                {
                    for (int b = 0; b < batches.Length; b++)
                    {
                        _optimizer.Step(w, batches[b]);
                        [|this._optimizer.Reset()|];
                    }
                }
            }
            """)
            .WithSource(Optimizer, "RmsProp.cs")
            .ValidateAsync();

    [Fact]
    public Task A_method_not_named_reset_that_recreates_the_accumulator_through_a_helper() =>
        CreateTest(
            """
            using System.Collections.Generic;
            public static class Trainer
            {
                public static void Train(Adaptive optimizer, double[] w, IEnumerable<double[]> batches)
                {
                    foreach (double[] gradient in batches)
                    {
                        [|optimizer.BeginBatch()|];
                        optimizer.Apply(w, gradient);
                    }
                }
            }
            """)
            .WithSource(
            """
            using System;
            public sealed class Adaptive
            {
                private float[] _cache = new float[4];
                public void BeginBatch() => Allocate();
                private void Allocate() { _cache = new float[_cache.Length]; }
                public void Apply(double[] w, double[] g) => Update(w, g);
                private void Update(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _cache[i] = 0.99f * _cache[i] + 0.01f * (float)(g[i] * g[i]);
                        w[i] -= 0.01 * g[i] / (MathF.Sqrt(_cache[i]) + 1e-8f);
                    }
                }
            }
            """,
            "Adaptive.cs")
            .ValidateAsync();

    [Fact]
    public Task A_method_that_writes_zeros_into_every_element_of_the_average() =>
        CreateTest(
            """
            public static class Trainer
            {
                public static void Train(LoopRmsProp optimizer, double[] w, double[][] batches)
                {
                    for (int b = 0; b < batches.Length; b++)
                    {
                        [|optimizer.ClearMoments()|];
                        optimizer.Step(w, batches[b]);
                    }
                }
            }
            """)
            .WithSource(
            """
            using System;
            public sealed class LoopRmsProp
            {
                private readonly double[] _v = new double[8];
                public void ClearMoments()
                {
                    for (int i = 0; i < _v.Length; i++)
                    {
                        _v[i] = 0;
                    }
                }
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _v[i] = 0.9 * _v[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / Math.Sqrt(_v[i] + 1e-8);
                    }
                }
            }
            """,
            "LoopRmsProp.cs")
            .ValidateAsync();

    [Fact]
    public Task Optimizer_created_in_the_batch_loop_that_steps_it() =>
        CreateTest(
            """
            public static class Trainer
            {
                public static void Train(double[] w, double[][] batches)
                {
                    for (int b = 0; b < batches.Length; b++)
                    {
                        var optimizer = [|new RmsProp(w.Length, lr: 0.001)|];
                        optimizer.Step(w, batches[b]);
                    }
                }
            }
            """)
            .WithSource(Optimizer, "RmsProp.cs")
            .ValidateAsync();

    [Fact]
    public Task Optimizer_created_target_typed_into_a_field_in_a_while_loop() =>
        CreateTest(
            """
            using System.Collections.Generic;
            public sealed class Trainer
            {
                private RmsProp _optimizer = new(1);
                public void Train(double[] w, Queue<double[]> batches)
                {
                    while (batches.Count > 0)
                    {
                        _optimizer = [|new(w.Length)|];
                        _optimizer.Step(w, batches.Dequeue());
                    }
                }
            }
            """)
            .WithSource(Optimizer, "RmsProp.cs")
            .ValidateAsync();

    [Fact]
    public Task Optimizer_from_a_factory_of_the_same_compilation_in_the_batch_loop() =>
        CreateTest(
            """
            public static class Trainer
            {
                public static void Train(double[] w, double[][] batches)
                {
                    foreach (var gradient in batches)
                    {
                        RmsProp optimizer = [|Optimizers.Default(w.Length)|];
                        optimizer.Step(w, gradient);
                    }
                }
            }
            public static class Optimizers
            {
                public static RmsProp Default(int n) => new RmsProp(n, lr: 0.001, rho: 0.99);
            }
            """)
            .WithSource(Optimizer, "RmsProp.cs")
            .ValidateAsync();

    private const string InterfaceOptimizer = """
        using System;
        public interface IOptimizer
        {
            void Step(double[] w, double[] g);
            void Reset();
        }
        public abstract class OptimizerBase : IOptimizer
        {
            public abstract void Step(double[] w, double[] g);
            public virtual void Reset() { }
        }
        public sealed class RmsPropImpl : OptimizerBase
        {
            private readonly double[] _s = new double[4];
            public override void Step(double[] w, double[] g)
            {
                for (int i = 0; i < w.Length; i++)
                {
                    _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                    w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                }
            }
            public override void Reset() => Array.Fill(_s, 0.0);
        }
        """;

    [Fact]
    public Task Through_an_interface_or_a_base_class_when_the_caller_created_the_instance() =>
        CreateTest(
            """
            public sealed class Trainer
            {
                private readonly OptimizerBase _shared = new RmsPropImpl();
                public void Train(double[] w, double[][] batches)
                {
                    IOptimizer optimizer = new RmsPropImpl();
                    foreach (double[] gradient in batches)
                    {
                        [|optimizer.Reset()|];
                        optimizer.Step(w, gradient);
                        IOptimizer fresh = [|new RmsPropImpl()|];
                        fresh.Step(w, gradient);
                        [|_shared.Reset()|];
                        _shared.Step(w, gradient);
                    }
                }
            }
            """)
            .WithSource(InterfaceOptimizer, "Optimizers.cs")
            .ValidateAsync();

    [Fact]
    public Task Through_an_interface_whose_instance_the_caller_did_not_create_is_silent() =>
        CreateTest(
            """
            public static class Trainer
            {
                public static void Train(IOptimizer optimizer, double[] w, double[][] batches)
                {
                    foreach (double[] gradient in batches)
                    {
                        optimizer.Reset();
                        optimizer.Step(w, gradient);
                    }
                }
            }
            """)
            .WithSource(InterfaceOptimizer, "Optimizers.cs")
            .ValidateAsync();

    // ---- silent look-alikes ---------------------------------------------------------------------------------------

    [Fact]
    public Task Reset_once_before_the_loop_is_silent() =>
        CreateTest(
            """
            public static class Trainer
            {
                public static void Train(RmsProp optimizer, double[] w, double[][] batches)
                {
                    optimizer.Reset();
                    var fresh = new RmsProp(w.Length);
                    foreach (double[] gradient in batches)
                    {
                        optimizer.Step(w, gradient);
                        fresh.Step(w, gradient);
                    }
                }
            }
            """)
            .WithSource(Optimizer, "RmsProp.cs")
            .ValidateAsync();

    [Fact]
    public Task Reset_or_creation_per_epoch_with_the_step_in_the_batch_loop_is_silent() =>
        CreateTest(
            """
            public static class Trainer
            {
                public static void Train(RmsProp optimizer, double[] w, double[][] batches, int epochs)
                {
                    for (int epoch = 0; epoch < epochs; epoch++)
                    {
                        optimizer.Reset();
                        var perEpoch = new RmsProp(w.Length);
                        foreach (double[] gradient in batches)
                        {
                            optimizer.Step(w, gradient);
                            perEpoch.Step(w, gradient);
                        }
                    }
                }
            }
            """)
            .WithSource(Optimizer, "RmsProp.cs")
            .ValidateAsync();

    [Fact]
    public Task A_reset_of_the_step_counter_only_is_silent() =>
        CreateTest(
            """
            public static class Trainer
            {
                public static void Train(RmsProp optimizer, Schedule schedule, double[] w, double[][] batches)
                {
                    foreach (double[] gradient in batches)
                    {
                        optimizer.Restart();
                        schedule.Reset();
                        optimizer.Step(w, gradient);
                    }
                }
            }
            public sealed class Schedule
            {
                private int _t;
                public double Rate => 0.01 / System.Math.Sqrt(1 + _t++);
                public void Reset() => _t = 0;
            }
            """)
            .WithSource(Optimizer, "RmsProp.cs")
            .ValidateAsync();

    [Fact]
    public Task Optimizers_built_in_a_loop_for_different_models_and_stepped_in_another_are_silent() =>
        CreateTest(
            """
            using System.Collections.Generic;
            public static class Trainer
            {
                public static void Train(double[][] layers, double[][] gradients, int steps)
                {
                    var optimizers = new List<RmsProp>();
                    foreach (double[] layer in layers)
                    {
                        var optimizer = new RmsProp(layer.Length);
                        optimizers.Add(optimizer);
                    }
                    for (int step = 0; step < steps; step++)
                    {
                        for (int l = 0; l < layers.Length; l++)
                        {
                            optimizers[l].Step(layers[l], gradients[l]);
                        }
                    }
                }
            }
            """)
            .WithSource(Optimizer, "RmsProp.cs")
            .ValidateAsync();

    [Fact]
    public Task A_periodic_or_lazy_reset_in_the_batch_loop_is_silent() =>
        CreateTest(
            """
            public static class Trainer
            {
                public static void Train(double[] w, double[][] batches)
                {
                    RmsProp optimizer = null;
                    for (int b = 0; b < batches.Length; b++)
                    {
                        optimizer ??= new RmsProp(w.Length);
                        if (b % 100 == 99)
                        {
                            optimizer.Reset();
                        }
                        optimizer.Step(w, batches[b]);
                    }
                }
            }
            """)
            .WithSource(Optimizer, "RmsProp.cs")
            .ValidateAsync();

    [Fact]
    public Task A_moving_average_that_is_no_optimizer_step_reset_per_block_is_silent() =>
        CreateTest(
            """
            public static class Meter
            {
                public static double[] Levels(float[][] blocks)
                {
                    var levels = new double[blocks.Length];
                    var rms = new RmsMeter();
                    for (int b = 0; b < blocks.Length; b++)
                    {
                        rms.Reset();
                        foreach (float sample in blocks[b])
                        {
                            rms.Add(sample);
                        }
                        rms.Add(0f);
                        levels[b] = rms.Level;
                    }
                    return levels;
                }
            }
            """)
            .WithSource(
            """
            using System;
            public sealed class RmsMeter
            {
                private double _meanSquare;
                public double Level => Math.Sqrt(_meanSquare);
                public void Add(float sample) => _meanSquare = 0.99 * _meanSquare + 0.01 * sample * sample;
                public void Reset() => _meanSquare = 0;
            }
            """,
            "RmsMeter.cs")
            .ValidateAsync();

    private const string MetadataTrainer = """
        public static class Trainer
        {
            public static void Train(double[] w, double[][] batches)
            {
                var optimizer = new RmsProp(w.Length);
                foreach (double[] gradient in batches)
                {
                    optimizer.Reset();
                    optimizer.Step(w, gradient);
                    var again = new RmsProp(w.Length);
                    again.Step(w, gradient);
                }
            }
        }
        """;

    [Fact]
    public async Task A_callee_in_another_assembly_has_no_facts_and_is_silent()
    {
        // The same trainer draws two diagnostics when the optimizer is in its compilation (so the look-alike is the
        // bug), and none when the optimizer comes from a referenced assembly, whose operation trees no analysis sees.
        var together = TestCompilation.Compile(Optimizer, "RmsProp.cs").AddSyntaxTrees(CSharpSyntaxTree.ParseText(MetadataTrainer, TestCompilation.ParseOptions, "Trainer.cs"));
        var inSource = await AnalyzerTest.AnalyzeAsync(together, TestCompilation.AllAnalyzers, default);
        Assert.Empty(inSource.CompilerErrors);
        Assert.Equal(2, inSource.Diagnostics.Count(diagnostic => diagnostic.Id == "RMSP004"));

        using var image = new MemoryStream();
        var library = CSharpCompilation.Create("OptimizerLibrary", new[] { CSharpSyntaxTree.ParseText(Optimizer, TestCompilation.ParseOptions) }, TestCompilation.References, TestCompilation.CompilationOptions);
        Assert.True(library.Emit(image).Success);
        var caller = TestCompilation.Compile(MetadataTrainer, "Trainer.cs").AddReferences(MetadataReference.CreateFromImage(image.ToArray()));
        var fromMetadata = await AnalyzerTest.AnalyzeAsync(caller, TestCompilation.AllAnalyzers, default);
        Assert.Empty(fromMetadata.CompilerErrors);
        Assert.Empty(fromMetadata.Exceptions);
        Assert.DoesNotContain(fromMetadata.Diagnostics, diagnostic => diagnostic.Id == "RMSP004");
    }

    [Fact]
    public async Task The_caller_diagnostic_is_a_compilation_end_diagnostic_of_RMSP004_naming_the_reset_and_the_step()
    {
        var compilation = TestCompilation.Compile(Optimizer, "RmsProp.cs").AddSyntaxTrees(CSharpSyntaxTree.ParseText(MetadataTrainer, TestCompilation.ParseOptions, "Trainer.cs"));
        var analysis = await AnalyzerTest.AnalyzeAsync(compilation, TestCompilation.AllAnalyzers, default);
        var messages = analysis.Diagnostics.Where(diagnostic => diagnostic.Id == "RMSP004")
            .Select(diagnostic => (diagnostic.GetMessage(), diagnostic.Descriptor.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd), diagnostic.Properties[Rmsp004AccumulatorReset.CallerProperty] ?? string.Empty))
            .OrderBy(message => message.Item1, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(
            new[]
            {
                ("'new RmsProp(...)' starts the running average of 'again' over on every pass of the loop that calls 'Step', so no batch remembers the ones before it; create or reset the optimizer once, before the batch loop", true, "Creation"),
                ("'optimizer.Reset()' starts the running average of 'optimizer' over on every pass of the loop that calls 'Step', so no batch remembers the ones before it; create or reset the optimizer once, before the batch loop", true, "MovableReset"),
            },
            messages);
    }

    // ---- the fix ------------------------------------------------------------------------------------------------

    /// <summary>
    /// Trains on three batches of gradient 1 and checks the average the optimizer ends with: 1 - 0.9^3 when it
    /// persisted across the batches, 0.1 (one step from zero) when each batch started over.
    /// </summary>
    private const string PersistenceDriver = """
        double[] w = { 1.0 };
        var optimizer = new RmsProp(1);
        Trainer.Train(optimizer, w, new[] { new[] { 1.0 }, new[] { 1.0 }, new[] { 1.0 } });
        double expected = 1 - System.Math.Pow(0.9, 3);
        if (System.Math.Abs(optimizer.MeanSquare[0] - expected) > 1e-12)
        {
            throw new System.InvalidOperationException($"the average is {optimizer.MeanSquare[0]} after three batches, not {expected}: it did not persist across them");
        }
        return w;
        """;

    private const string ResetPerBatch = """
        using System;
        public static class Trainer
        {
            public static void Train(RmsProp optimizer, double[] w, double[][] batches)
            {
                foreach (double[] gradient in batches)
                {
                    // Start every batch clean.
                    [|optimizer.Reset()|];
                    optimizer.Step(w, gradient);
                }
            }
        }
        """;

    [Fact]
    public Task Fix_moves_a_whole_statement_reset_before_the_batch_loop_and_the_average_persists() =>
        CreateTest(ResetPerBatch)
            .WithSource(Optimizer, "RmsProp.cs")
            .ShouldFixCodeWith(
            """
            using System;
            public static class Trainer
            {
                public static void Train(RmsProp optimizer, double[] w, double[][] batches)
                {
                    optimizer.Reset();
                    foreach (double[] gradient in batches)
                    {
                        optimizer.Step(w, gradient);
                    }
                }
            }
            """)
            .AndRunWith(PersistenceDriver)
            .ValidateAsync();

    [Fact]
    public void The_persistence_driver_fails_on_the_unfixed_caller()
    {
        // What makes the fix test able to fail: the same driver on the code before the fix finds the average reset.
        TestFileMarkupParser.GetSpans(ResetPerBatch, out string unfixed, out ImmutableArray<Microsoft.CodeAnalysis.Text.TextSpan> _);
        var compilation = TestCompilation.Compile(unfixed, "Trainer.cs")
            .AddSyntaxTrees(
                CSharpSyntaxTree.ParseText(Optimizer, TestCompilation.ParseOptions, "RmsProp.cs"),
                CSharpSyntaxTree.ParseText(FixedCodeRunner.DriverSource(PersistenceDriver), TestCompilation.ParseOptions, "Driver.cs"));
        var problems = FixedCodeRunner.Run(compilation, Array.Empty<RunTarget>(), default);
        Assert.Contains(problems, problem => problem.Contains("did not persist", StringComparison.Ordinal));
    }

    [Fact]
    public Task Fix_in_an_epoch_loop_moves_the_reset_before_the_batch_loop_only() =>
        CreateTest(
            """
            public static class Trainer
            {
                public static void Train(RmsProp optimizer, double[] w, double[][] batches)
                {
                    for (int epoch = 0; epoch < 2; epoch++)
                    {
                        for (int b = 0; b < batches.Length; b++)
                        {
                            optimizer.Step(w, batches[b]);
                            [|optimizer.Reset()|];
                        }
                    }
                }
            }
            """)
            .WithSource(Optimizer, "RmsProp.cs")
            .ShouldFixCodeWith(
            """
            public static class Trainer
            {
                public static void Train(RmsProp optimizer, double[] w, double[][] batches)
                {
                    for (int epoch = 0; epoch < 2; epoch++)
                    {
                        optimizer.Reset();
                        for (int b = 0; b < batches.Length; b++)
                        {
                            optimizer.Step(w, batches[b]);
                        }
                    }
                }
            }
            """)
            .AndRunWith(
            """
            double[] w = { 1.0, -2.0 };
            var optimizer = new RmsProp(2);
            Trainer.Train(optimizer, w, new[] { new[] { 0.5, -1.0 }, new[] { 0.5, -1.0 } });
            double expected = (1 - System.Math.Pow(0.9, 2)) * 0.25;
            if (System.Math.Abs(optimizer.MeanSquare[0] - expected) > 1e-12)
            {
                throw new System.InvalidOperationException($"the average is {optimizer.MeanSquare[0]} after the last epoch's two batches, not {expected}");
            }
            return w;
            """)
            .ValidateAsync();

    [Fact]
    public Task No_fix_for_a_creation_in_the_loop_nor_for_a_reset_of_an_instance_taken_or_replaced_in_the_loop() =>
        CreateTest(
            """
            public static class Trainer
            {
                public static void Train(RmsProp[] optimizers, double[] w, double[][] batches)
                {
                    for (int b = 0; b < batches.Length; b++)
                    {
                        var created = [|new RmsProp(batches[b].Length)|];
                        created.Step(w, batches[b]);
                        var taken = optimizers[b % optimizers.Length];
                        [|taken.Reset()|];
                        taken.Step(w, batches[b]);
                    }
                    RmsProp current = optimizers[0];
                    foreach (double[] gradient in batches)
                    {
                        [|current.Reset()|];
                        current.Step(w, gradient);
                        current = optimizers[gradient.Length % optimizers.Length];
                    }
                }
            }
            """)
            .WithSource(Optimizer, "RmsProp.cs")
            .ShouldOfferNoFix()
            .ValidateAsync();
}
