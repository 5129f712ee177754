using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RmsProp.Analyzers.Tests.Harness;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>
/// Every fix, driven the way <c>dotnet format analyzers</c> drives it: one analyzer reports every rule, and the tool asks
/// each fix for its fix-all with the first diagnostic that analyzer reported, whatever its ID (its
/// SolutionCodeFixApplier). The fix must still fix its own rule's mistake, in its own file only.
/// </summary>
public sealed class FixAllAcrossRulesTests
{
    /// <summary>One mistake per rule that has a fix, one file each (as in the consumer test's Mistakes project), RMSP001's file first.</summary>
    private static readonly (string Path, string RuleId, string Source)[] Mistakes =
    {
        ("A1.cs", "RMSP001", """
            using System;
            public sealed class RawGradient
            {
                private readonly double[] _s = new double[4];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """),
        ("A2.cs", "RMSP002", """
            using System;
            public sealed class NoEpsilon
            {
                private readonly double[] _s = new double[4];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / Math.Sqrt(_s[i]);
                    }
                }
            }
            """),
        ("A3.cs", "RMSP003", """
            using System;
            public sealed class Swapped
            {
                private readonly double[] _s = new double[4];
                private readonly double _rho = 0.9;
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = (1 - _rho) * _s[i] + _rho * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                    }
                }
            }
            """),
        ("A4.cs", "RMSP004", """
            using System;
            public sealed class Reset
            {
                private float[] _s = Array.Empty<float>();
                public void Step(float[] w, float[] g)
                {
                    _s = new float[w.Length];
                    for (int k = 0; k < w.Length; k++)
                    {
                        _s[k] = 0.9f * _s[k] + 0.1f * g[k] * g[k];
                        w[k] -= 1e-3f * g[k] / (MathF.Sqrt(_s[k]) + 1e-7f);
                    }
                }
            }
            """),
        ("A5.cs", "RMSP005", """
            using System;
            public sealed class Stale
            {
                private readonly double[] _s = new double[4];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                    }
                }
            }
            """),
        ("A6.cs", "RMSP006", """
            using System;
            public static class IntegerDecay
            {
                public static double Minimize(double x)
                {
                    double s = 0;
                    double rho = 9 / 10;
                    for (int epoch = 0; epoch < 10; epoch++)
                    {
                        double g = 2 * x;
                        s = rho * s + (1 - rho) * g * g;
                        x -= 0.1 * g / (Math.Sqrt(s) + 1e-6);
                    }

                    return x;
                }
            }
            """),
        ("A8.cs", "RMSP008", """
            using System;
            public sealed class Centered
            {
                private readonly double[] _s = new double[4], _m = new double[4];
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                        _m[i] = 0.9 * _m[i] + 0.1 * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i] - _m[i] * _m[i]) + 1e-8);
                    }
                }
            }
            """),
    };

    public static IEnumerable<object[]> Fixes() => TestCompilation.AllCodeFixes.Select(fix => new object[] { fix.GetType().Name });

    [Theory]
    [MemberData(nameof(Fixes))]
    public async Task A_fix_asked_with_another_rules_diagnostic_still_fixes_its_own_rule(string fixName)
    {
        var fix = TestCompilation.AllCodeFixes.Single(candidate => candidate.GetType().Name == fixName);
        var ruleId = Assert.Single(fix.FixableDiagnosticIds);
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Default, "Mistakes", "Mistakes", LanguageNames.CSharp,
            compilationOptions: TestCompilation.CompilationOptions, parseOptions: TestCompilation.ParseOptions, metadataReferences: TestCompilation.References));
        foreach (var (path, _, source) in Mistakes)
        {
            project = project.AddDocument(path, SourceText.From(source), filePath: path).Project;
        }

        var compilation = (await project.GetCompilationAsync())!;
        var diagnostics = (await compilation.WithAnalyzers(TestCompilation.AllAnalyzers).GetAnalyzerDiagnosticsAsync())
            .OrderBy(diagnostic => diagnostic.Location.SourceTree!.FilePath, StringComparer.Ordinal)
            .ToImmutableArray();
        var ownFile = Mistakes.Single(mistake => mistake.RuleId == ruleId).Path;
        Assert.Contains(diagnostics, diagnostic => diagnostic.Id == ruleId && diagnostic.Location.SourceTree!.FilePath == ownFile);

        // What the tool does: the first diagnostic of the whole result (RMSP001's) names the equivalence key.
        var first = diagnostics[0];
        var document = project.Solution.GetDocument(first.Location.SourceTree)!;
        CodeAction? action = null;
        await fix.RegisterCodeFixesAsync(new CodeFixContext(document, first, (registered, _) => action ??= registered, CancellationToken.None));
        var context = new FixAllContext(
            document, fix, FixAllScope.Solution, action?.EquivalenceKey!, new[] { ruleId }, new AllDiagnostics(diagnostics), CancellationToken.None);
        var fixAll = await fix.GetFixAllProvider()!.GetFixAsync(context);
        Assert.True(fixAll is not null, $"{fixName} returned no fix-all when asked with {first.Id}'s diagnostic");

        var changed = (await fixAll!.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single().ChangedSolution;
        var changedFiles = new List<string>();
        foreach (var (path, _, source) in Mistakes)
        {
            var text = (await changed.GetProject(project.Id)!.Documents.Single(d => d.FilePath == path).GetTextAsync()).ToString();
            if (text != source)
            {
                changedFiles.Add(path);
            }
        }

        Assert.Equal(new[] { ownFile }, changedFiles);
        var fixedCompilation = (await changed.GetProject(project.Id)!.GetCompilationAsync())!;
        var left = await fixedCompilation.WithAnalyzers(TestCompilation.AllAnalyzers).GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(left, diagnostic => diagnostic.Id == ruleId);
        Assert.Empty(fixedCompilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error));
    }

    private sealed class AllDiagnostics : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public AllDiagnostics(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(_diagnostics.Where(diagnostic => diagnostic.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
    }
}
