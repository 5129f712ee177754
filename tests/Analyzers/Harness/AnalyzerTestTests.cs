using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace RmsProp.Analyzers.Tests.Harness;

/// <summary>
/// Every rule, fix and corpus test is only as good as the harness's comparison: these tests drive it with stand-in
/// analyzers and fixes whose behaviour is known, so a harness that silently accepts a missing diagnostic, a fix that
/// breaks the code, or fixed code that throws or computes NaN is caught.
/// </summary>
public sealed class AnalyzerTestTests
{
    private const string Source = """
        using System;
        class C
        {
            double M(double s, double g) => g / {|RMSP002:Math.Sqrt(s)|};
            double N(double s) => Math.Sqrt(s + 1e-8);
        }
        """;

    private const string Step = """
        using System;
        class Optimizer
        {
            private double _s;
            public double Step(double g)
            {
                _s = 0.9 * _s + 0.1 * g * g;
                return g / {|RMSP002:Math.Sqrt(_s)|};
            }
        }
        """;

    [Fact]
    public async Task Matching_diagnostics_produce_no_problem() =>
        Assert.Empty(await Test(Source, new SqrtWithoutAdditionAnalyzer()).ProblemsAsync());

    [Fact]
    public async Task A_missing_diagnostic_is_a_problem()
    {
        var problems = await Test(Source, new SilentAnalyzer()).ProblemsAsync();
        Assert.Contains(problems, problem => problem.StartsWith("expected RMSP002 at 4:41 'Math.Sqrt(s)'"));
    }

    [Fact]
    public async Task An_unexpected_diagnostic_is_a_problem()
    {
        var problems = await Test(Source.Replace("{|RMSP002:", string.Empty).Replace("|}", string.Empty), new SqrtWithoutAdditionAnalyzer()).ProblemsAsync();
        Assert.Contains(problems, problem => problem.StartsWith("unexpected RMSP002 at 4:41"));
    }

    [Fact]
    public async Task A_diagnostic_on_the_wrong_span_is_a_problem_twice()
    {
        var problems = await Test(Source.Replace("{|RMSP002:Math.Sqrt(s)|}", "{|RMSP002:Math.Sqrt|}(s)"), new SqrtWithoutAdditionAnalyzer()).ProblemsAsync();
        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public async Task An_unnamed_span_stands_for_the_rule_under_test()
    {
        var marked = Source.Replace("{|RMSP002:", "[|").Replace("|}", "|]");
        Assert.Empty(await Test(marked, new SqrtWithoutAdditionAnalyzer()).ShouldReportRule(Rmsp002MissingEpsilon.Descriptor).ProblemsAsync());
        Assert.Contains(await Test(marked, new SqrtWithoutAdditionAnalyzer()).ProblemsAsync(), problem => problem.Contains("markup without a rule id"));
    }

    [Fact]
    public async Task An_analyzer_exception_is_a_problem()
    {
        var problems = await Test(Source, new ThrowingAnalyzer()).ProblemsAsync();
        Assert.Contains(problems, problem => problem.Contains("threw InvalidOperationException"));
    }

    [Fact]
    public async Task A_compile_error_is_a_problem()
    {
        var problems = await Test("class C { void M() { undefined(); } }", new SilentAnalyzer()).ProblemsAsync();
        Assert.Contains(problems, problem => problem.StartsWith("the source does not compile"));
    }

    [Fact]
    public async Task Markup_without_a_known_rule_id_is_a_problem()
    {
        var problems = await Test("class C { int [|M|]() => 0; int {|RMSP999:N|}() => 0; }", new SilentAnalyzer()).ProblemsAsync();
        Assert.Contains(problems, problem => problem.Contains("markup without a rule id"));
        Assert.Contains(problems, problem => problem.Contains("markup names 'RMSP999'"));
    }

    [Fact]
    public async Task A_fix_that_compiles_and_runs_clean_produces_no_problem() =>
        Assert.Empty(await FixTest("Math.Sqrt(_s + 1e-8)").ShouldFixCodeWith(Fixed("Math.Sqrt(_s + 1e-8)")).ProblemsAsync());

    [Fact]
    public async Task A_fixed_text_other_than_expected_is_a_problem()
    {
        var problems = await FixTest("Math.Sqrt(_s + 1e-8)").ShouldFixCodeWith(Fixed("Math.Sqrt(_s + 1e-6)")).ProblemsAsync();
        Assert.Contains(problems, problem => problem.StartsWith("the fixed code differs from the expected text at line 8"));
    }

    [Fact]
    public async Task Fixed_code_that_does_not_compile_is_a_problem()
    {
        var problems = await FixTest("Math.Sqrt(_t + 1e-8)").ShouldFixCodeWith(Fixed("Math.Sqrt(_t + 1e-8)")).ProblemsAsync();
        Assert.Contains(problems, problem => problem.StartsWith("the fixed code does not compile") && problem.Contains("_t"));
    }

    [Fact]
    public async Task Fixed_code_that_throws_is_a_problem()
    {
        var problems = await FixTest("Math.Sqrt(_s + (new double[0])[0])").ShouldFixCodeWith(Fixed("Math.Sqrt(_s + (new double[0])[0])")).ProblemsAsync();
        Assert.Contains(problems, problem => problem.StartsWith("the fixed code threw at step 1 of Optimizer.Step: IndexOutOfRangeException"));
    }

    [Fact]
    public async Task Fixed_code_that_computes_nan_is_a_problem()
    {
        var problems = await FixTest("Math.Sqrt(_s - 1.0)").ShouldFixCodeWith(Fixed("Math.Sqrt(_s - 1.0)")).ProblemsAsync();
        Assert.Contains(problems, problem => problem.Contains("step 1 of Optimizer.Step, the result is NaN"));
    }

    [Fact]
    public async Task Nan_left_in_a_field_is_a_problem()
    {
        var source = Step.Replace("return g / {|RMSP002:Math.Sqrt(_s)|};", "_w = g / {|RMSP002:Math.Sqrt(_s)|}; return 0;").Replace("private double _s;", "private double _s, _w;");
        var test = new AnalyzerTest().WithAnalyzers(new SqrtWithoutAdditionAnalyzer()).WithCodeFix(new ReplaceRootFix("Math.Sqrt(_s - 1.0)")).WithSource(source)
            .ShouldFixCodeWith(source.Replace("{|RMSP002:Math.Sqrt(_s)|}", "Math.Sqrt(_s - 1.0)"));
        Assert.Contains(await test.ProblemsAsync(), problem => problem.Contains("the Optimizer instance._w is NaN"));
    }

    [Fact]
    public async Task A_fix_that_leaves_its_diagnostic_is_a_problem()
    {
        var problems = await FixTest("Math.Sqrt(_s)").ShouldFixCodeWith(Fixed("Math.Sqrt(_s)")).ProblemsAsync();
        Assert.Contains(problems, problem => problem.Contains("still offers a fix"));
    }

    [Fact]
    public async Task A_fix_offered_where_none_is_expected_is_a_problem()
    {
        var problems = await FixTest("Math.Sqrt(_s + 1e-8)").ShouldOfferNoFix().ProblemsAsync();
        Assert.Contains(problems, problem => problem.Contains("offers 'Replace the root'"));
    }

    [Fact]
    public async Task A_driver_runs_the_fixed_code_instead_of_samples()
    {
        var problems = await FixTest("Math.Sqrt(_s + 1e-8)").ShouldFixCodeWith(Fixed("Math.Sqrt(_s + 1e-8)"))
            .AndRunWith("var optimizer = new Optimizer(); return new[] { optimizer.Step(0.0), optimizer.Step(double.NaN) };")
            .ProblemsAsync();
        Assert.Contains(problems, problem => problem.StartsWith("the driver's result[1] is NaN"));
    }

    [Fact]
    public async Task A_crash_on_half_typed_code_only_is_caught()
    {
        // The stand-in throws only on a call with no arguments yet, a state that exists only mid-typing.
        const string source = "class C { double M(double s) => System.Math.Sqrt(s); }";
        var cuts = new List<int>();
        for (var cut = 0; cut <= source.Length; cut++)
        {
            cuts.Add(cut);
        }

        var failures = await new AnalyzerTest().WithAnalyzers(new ThrowsOnEmptyArgumentList()).WithSource(source).ShouldNotThrowOnPrefixes(cuts).ProblemsAsync();
        Assert.NotEmpty(failures);
        Assert.All(failures, failure => Assert.Contains("ThrowsOnEmptyArgumentList threw", failure));
        Assert.Empty(await new AnalyzerTest().WithAnalyzers(new ThrowsOnEmptyArgumentList()).WithSource(source).ShouldNotThrowOnPrefixes(new[] { source.Length }).ProblemsAsync());
    }

    private static AnalyzerTest Test(string source, DiagnosticAnalyzer analyzer) =>
        new AnalyzerTest().WithAnalyzers(analyzer).WithSource(source);

    private static AnalyzerTest FixTest(string replacement) =>
        Test(Step, new SqrtWithoutAdditionAnalyzer()).WithCodeFix(new ReplaceRootFix(replacement));

    private static string Fixed(string replacement) => Step.Replace("{|RMSP002:Math.Sqrt(_s)|}", replacement);

    /// <summary>Reports RMSP002 on every Math.Sqrt whose argument is not a sum: a crude but predictable stand-in.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class SqrtWithoutAdditionAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rmsp002MissingEpsilon.Descriptor);

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
                        nodeContext.ReportDiagnostic(Diagnostic.Create(Rmsp002MissingEpsilon.Descriptor, call.GetLocation(), call.ToString()));
                    }
                },
                SyntaxKind.InvocationExpression);
        }
    }

    /// <summary>Replaces the flagged root with a fixed text, whatever that text does.</summary>
    private sealed class ReplaceRootFix : CodeFixProvider
    {
        private readonly string _replacement;

        public ReplaceRootFix(string replacement) => _replacement = replacement;

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(Rmsp002MissingEpsilon.Descriptor.Id);

        public override FixAllProvider? GetFixAllProvider() => null;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Replace the root",
                    async cancellation => context.Document.WithText((await context.Document.GetTextAsync(cancellation)).Replace(context.Span, _replacement)),
                    equivalenceKey: nameof(ReplaceRootFix)),
                context.Diagnostics);
            return Task.CompletedTask;
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class SilentAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rmsp002MissingEpsilon.Descriptor);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rmsp002MissingEpsilon.Descriptor);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(_ => throw new System.InvalidOperationException("stand-in failure"), SyntaxKind.InvocationExpression);
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ThrowsOnEmptyArgumentList : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rmsp002MissingEpsilon.Descriptor);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(
                nodeContext =>
                {
                    if (((InvocationExpressionSyntax)nodeContext.Node).ArgumentList.Arguments.Count == 0)
                    {
                        throw new System.InvalidOperationException("no argument to take the root of");
                    }
                },
                SyntaxKind.InvocationExpression);
        }
    }
}
