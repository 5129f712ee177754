using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using RmsProp.Analyzers.Tests.Harness;

namespace RmsProp.Analyzers.Tests.Robustness;

/// <summary>
/// A project that references another as a project (a compilation reference, as an IDE or MSBuild workspace loads a
/// solution): the other project's types are in source, but its syntax trees are not this compilation's, so the rules
/// may not bind them. brightwire's solution made the analyzer throw once ("SyntaxTree is not part of the
/// compilation") when a derived type's base class, with a root helper, was in a referenced project.
/// </summary>
public sealed class ReferencedProjectTests
{
    private const string Library = """
        using System;
        public abstract class Optimizer
        {
            protected static double Rms(double meanSquare) => Math.Sqrt(meanSquare);
            public static void AdaGrad(double[] sums, double[] w, double[] g)
            {
                for (int i = 0; i < w.Length; i++)
                {
                    sums[i] += g[i] * g[i];
                    w[i] -= 0.1 * g[i] / Math.Sqrt(sums[i]);
                }
            }
        }
        """;

    private const string Application = """
        public sealed class RmsProp : Optimizer
        {
            private double _s;
            private readonly double[] _sums = new double[4];
            public double Step(double w, double g)
            {
                _s = 0.9 * _s + 0.1 * g;
                return w - 0.01 * g / Rms(_s);
            }
            public void Step(double[] w, double[] g) => AdaGrad(_sums, w, g);
        }
        """;

    [Fact]
    public async Task A_base_class_and_an_update_in_a_referenced_project_are_not_bound_here()
    {
        CSharpCompilation library = TestCompilation.Empty
            .WithAssemblyName("Library")
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText(Library, TestCompilation.ParseOptions, "Library.cs"));
        CSharpCompilation application = TestCompilation.Empty
            .WithAssemblyName("Application")
            .AddReferences(library.ToMetadataReference())
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText(Application, TestCompilation.ParseOptions, "Application.cs"));
        Assert.Empty(application.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var analyzed = application.WithAnalyzers(
            TestCompilation.AllAnalyzers,
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        ImmutableArray<Diagnostic> diagnostics = await analyzed.GetAnalyzerDiagnosticsAsync();

        // Nothing thrown (AD0001), and nothing reported from the other project's code, which is that project's to judge.
        Assert.True(diagnostics.IsEmpty, string.Join("\n", diagnostics.Select(TestCompilation.Describe)));
    }
}
