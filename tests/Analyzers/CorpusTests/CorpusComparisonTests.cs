using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace RmsProp.Analyzers.Tests.CorpusTests;

/// <summary>
/// The corpus theories are only as good as their comparison: these tests drive it with a stand-in analyzer whose
/// behaviour is known, so a comparison that silently accepts everything is caught even before the real rules exist.
/// </summary>
public sealed class CorpusComparisonTests
{
    private const string Source = """
        using System;
        class C
        {
            double M(double s, double g) => g / {|RMSP002:Math.Sqrt(s)|};
            double N(double s) => Math.Sqrt(s + 1e-8);
        }
        """;

    [Fact]
    public async Task Matching_diagnostics_produce_no_problem()
    {
        var problems = await ProblemsAsync(Source, new SqrtWithoutAdditionAnalyzer());
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_missing_diagnostic_is_a_problem()
    {
        var problems = await ProblemsAsync(Source, new SilentAnalyzer());
        Assert.Contains(problems, problem => problem.StartsWith("expected RMSP002 at 4:41 'Math.Sqrt(s)'"));
    }

    [Fact]
    public async Task An_unexpected_diagnostic_is_a_problem()
    {
        var problems = await ProblemsAsync(Source.Replace("{|RMSP002:", string.Empty).Replace("|}", string.Empty), new SqrtWithoutAdditionAnalyzer());
        Assert.Contains(problems, problem => problem.StartsWith("unexpected RMSP002 at 4:41"));
    }

    [Fact]
    public async Task A_diagnostic_on_the_wrong_span_is_a_problem_twice()
    {
        var problems = await ProblemsAsync(Source.Replace("{|RMSP002:Math.Sqrt(s)|}", "{|RMSP002:Math.Sqrt|}(s)"), new SqrtWithoutAdditionAnalyzer());
        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public async Task An_analyzer_exception_is_a_problem()
    {
        var problems = await ProblemsAsync(Source, new ThrowingAnalyzer());
        Assert.Contains(problems, problem => problem.Contains("threw InvalidOperationException"));
    }

    [Fact]
    public async Task A_compile_error_is_a_problem()
    {
        var problems = await ProblemsAsync("class C { void M() { undefined(); } }", new SilentAnalyzer());
        Assert.Contains(problems, problem => problem.StartsWith("the file does not compile"));
    }

    [Fact]
    public async Task Markup_without_a_known_rule_id_is_a_problem()
    {
        var problems = await ProblemsAsync("class C { int [|M|]() => 0; int {|RMSP999:N|}() => 0; }", new SilentAnalyzer());
        Assert.Contains(problems, problem => problem.StartsWith("markup without a rule id"));
        Assert.Contains(problems, problem => problem.StartsWith("markup names 'RMSP999'"));
    }

    private static async Task<System.Collections.Generic.IReadOnlyList<string>> ProblemsAsync(string markup, DiagnosticAnalyzer analyzer)
    {
        TestFileMarkupParser.GetSpans(markup, out var source, out ImmutableDictionary<string, ImmutableArray<TextSpan>> spans);
        var file = new CorpusFile("Sample.cs", source, spans.ToDictionary(pair => pair.Key, pair => pair.Value));
        var compilation = await AnalyzerHarness.CompileAsync(source, file.Name);
        var result = await AnalyzerHarness.AnalyzeAsync(compilation, ImmutableArray.Create(analyzer));
        return CorpusComparison.Problems(file, result, AnalyzerHarness.RuleIds());
    }

    /// <summary>Reports RMSP002 on every Math.Sqrt whose argument is not a sum: a crude but predictable stand-in.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class SqrtWithoutAdditionAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rules.MissingEpsilon);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(
                nodeContext =>
                {
                    var call = (InvocationExpressionSyntax)nodeContext.Node;
                    if (call.Expression.ToString() == "Math.Sqrt"
                        && call.ArgumentList.Arguments is [{ Expression: not BinaryExpressionSyntax }])
                    {
                        nodeContext.ReportDiagnostic(Diagnostic.Create(Rules.MissingEpsilon, call.GetLocation(), call.ToString()));
                    }
                },
                SyntaxKind.InvocationExpression);
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class SilentAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rules.MissingEpsilon);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rules.MissingEpsilon);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(_ => throw new System.InvalidOperationException("stand-in failure"), SyntaxKind.InvocationExpression);
        }
    }
}
