using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace RmsProp.Analyzers.Tests.Harness;

/// <summary>
/// The one harness of the analyzer tests, a fluent builder in the style of Meziantou.Analyzer's ProjectBuilder:
/// <code>
/// new AnalyzerTest()
///     .ShouldReportRule(Rmsp004AccumulatorReset.Descriptor)
///     .WithCodeFix&lt;Rmsp004AccumulatorResetFix&gt;()
///     .WithSource("... [|new float[w.Length]|] ...")
///     .ShouldFixCodeWith("...")
///     .ValidateAsync();
/// </code>
/// Sources use Microsoft.CodeAnalysis.Testing's markup: <c>[|...|]</c> marks a span the rule under test must report,
/// <c>{|RMSP00x:...|}</c> a span a named rule must report; a source without markup must draw no diagnostic. A source
/// must compile. A fixed source is checked four ways: its text, its own diagnostics (its markup, usually none), that it
/// compiles, and that it runs: the methods the fixed diagnostics were in are called for a few steps on sample inputs
/// (<see cref="FixedCodeRunner"/>), and must not throw or leave a number that is not finite.
/// </summary>
/// <remarks>
/// Written on Roslyn's own workspace and driver rather than on Microsoft.CodeAnalysis.Testing's verifiers (whose
/// markup parser it uses): those verifiers cannot compile and run the fixed code, and they re-run every source under
/// several variations (generated-code header, suppression pragmas, fix-all in three scopes) that made up most of the
/// test project's run time; the generated-code check runs once over the flagged corpus instead, and a test that
/// fixes several diagnostics of one rule asks for the fix-all check with <see cref="ShouldFixAllAndCompile"/>.
/// </remarks>
public sealed class AnalyzerTest
{
    private readonly List<(string Path, string Markup)> _sources = new();
    private string? _rule;
    private ImmutableArray<DiagnosticAnalyzer>? _analyzers;
    private CodeFixProvider? _fix;
    private string? _fixedMarkup;
    private bool _expectNoFix;
    private string? _notRunReason;
    private string? _driver;
    private bool _allowCompilerErrors;
    private IReadOnlyList<int>? _prefixes;
    private bool _fixAll;

    /// <summary>Adds a source file (markup included). Several files make one compilation.</summary>
    public AnalyzerTest WithSource(string markup, string? path = null)
    {
        _sources.Add((path ?? (_sources.Count == 0 ? "Test.cs" : $"Test{_sources.Count}.cs"), markup));
        return this;
    }

    /// <summary>
    /// The rule under test: the analyzer that reports it runs (with every other rule it owns), only this rule's
    /// diagnostics are compared, and an unnamed <c>[|...|]</c> span stands for it. Without a rule every diagnostic is
    /// compared, and markup must name its rule.
    /// </summary>
    public AnalyzerTest ShouldReportRule(DiagnosticDescriptor rule) => ShouldReportRule(rule.Id);

    /// <inheritdoc cref="ShouldReportRule(DiagnosticDescriptor)"/>
    public AnalyzerTest ShouldReportRule(string ruleId)
    {
        _rule = ruleId;
        return this;
    }

    /// <summary>Runs these analyzers instead of the shipped ones (stand-ins whose behaviour a harness test knows).</summary>
    public AnalyzerTest WithAnalyzers(params DiagnosticAnalyzer[] analyzers)
    {
        _analyzers = analyzers.ToImmutableArray();
        return this;
    }

    /// <summary>The code fix whose result <see cref="ShouldFixCodeWith"/> or <see cref="ShouldOfferNoFix"/> states.</summary>
    public AnalyzerTest WithCodeFix<TFix>()
        where TFix : CodeFixProvider, new() => WithCodeFix(new TFix());

    /// <inheritdoc cref="WithCodeFix{TFix}"/>
    public AnalyzerTest WithCodeFix(CodeFixProvider fix)
    {
        _fix = fix;
        return this;
    }

    /// <summary>
    /// The text the fix must produce, after applying it to the first fixable diagnostic until none is left. Markup in
    /// it states the diagnostics the fixed code still draws. The fixed code must also compile and run.
    /// </summary>
    public AnalyzerTest ShouldFixCodeWith(string fixedMarkup)
    {
        _fixedMarkup = fixedMarkup;
        return this;
    }

    /// <summary>The fix must offer no code action for any of the marked diagnostics.</summary>
    public AnalyzerTest ShouldOfferNoFix()
    {
        _expectNoFix = true;
        return this;
    }

    /// <summary>
    /// Applies the fix to every fixable diagnostic of the first source at once, through the fix's own fix-all
    /// provider (what "Fix all occurrences in document" and <c>dotnet format</c> do): the result must compile. Fixes
    /// that each compile alone can clash together (two inserted constants of one name, overlapping edits).
    /// </summary>
    public AnalyzerTest ShouldFixAllAndCompile()
    {
        _fixAll = true;
        return this;
    }

    /// <summary>
    /// Runs the fixed code through C# statements instead of by calling the fixed methods with sample inputs: for
    /// signatures reflection cannot call (spans). The statements form the body of <c>static object? Run()</c> in a
    /// class beside the fixed code; what they return is checked for non-finite numbers like the sample inputs are.
    /// </summary>
    public AnalyzerTest AndRunWith(string driverStatements)
    {
        _driver = driverStatements;
        return this;
    }

    /// <summary>The fixed code is compiled but not run, for the stated reason (it is no optimizer step).</summary>
    public AnalyzerTest WithoutRunning(string reason)
    {
        _notRunReason = reason;
        return this;
    }

    /// <summary>The source may have compile errors (half-typed or degenerate code).</summary>
    public AnalyzerTest AllowingCompilerErrors()
    {
        _allowCompilerErrors = true;
        return this;
    }

    /// <summary>
    /// Instead of comparing diagnostics, analyses the source cut at each of <paramref name="cuts"/> (character
    /// offsets) and requires only that no analyzer throws on any of those prefixes; compile errors are expected.
    /// </summary>
    public AnalyzerTest ShouldNotThrowOnPrefixes(IReadOnlyList<int> cuts)
    {
        _prefixes = cuts;
        _allowCompilerErrors = true;
        return this;
    }

    /// <summary>Requires only that no analyzer throws on the whole source; compile errors are expected.</summary>
    public AnalyzerTest ShouldNotThrow() => ShouldNotThrowOnPrefixes(new[] { MarkedSource.Parse(_sources[0].Path, _sources[0].Markup, _rule).Source.Length });

    /// <summary>Runs the test; fails with every problem found, each worded so the rule author can act on it alone.</summary>
    public async Task ValidateAsync()
    {
        var problems = await ProblemsAsync().ConfigureAwait(false);
        if (problems.Count > 0)
        {
            Assert.Fail(string.Join(Environment.NewLine, problems));
        }
    }

    /// <summary>Every way the analyzers and the fix depart from what the test states; empty when they match.</summary>
    public async Task<IReadOnlyList<string>> ProblemsAsync(CancellationToken cancellationToken = default)
    {
        if (_sources.Count == 0)
        {
            return new[] { "the test has no source (WithSource)" };
        }

        var analyzers = _analyzers ?? (_rule is null ? TestCompilation.AllAnalyzers : TestCompilation.AnalyzersFor(_rule));
        var problems = new List<string>();
        if (analyzers.IsEmpty)
        {
            problems.Add($"no analyzer reports {_rule}");
            return problems;
        }

        if (_prefixes is not null)
        {
            return await PrefixProblemsAsync(analyzers, cancellationToken).ConfigureAwait(false);
        }

        var files = _sources.Select(source => MarkedSource.Parse(source.Path, source.Markup, _rule)).ToList();
        problems.AddRange(files.SelectMany(file => file.MarkupProblems));

        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            "Test",
            "Test",
            LanguageNames.CSharp,
            compilationOptions: TestCompilation.CompilationOptions,
            parseOptions: TestCompilation.ParseOptions,
            metadataReferences: TestCompilation.References));
        foreach (var file in files)
        {
            project = project.AddDocument(file.Path, SourceText.From(file.Source), filePath: file.Path).Project;
        }

        var original = await AnalyzeAsync(project, analyzers, cancellationToken).ConfigureAwait(false);
        if (!_allowCompilerErrors)
        {
            problems.AddRange(original.CompilerErrors.Select(error => $"the source does not compile: {TestCompilation.Describe(error)}"));
        }

        problems.AddRange(Compare(files, original));

        if (_fix is not null && _expectNoFix)
        {
            problems.AddRange(await OfferedFixesAsync(project, original, cancellationToken).ConfigureAwait(false));
        }

        if (_fix is not null && _fixAll)
        {
            problems.AddRange(await FixAllProblemsAsync(project, files[0].Path, original, cancellationToken).ConfigureAwait(false));
        }

        if (_fix is not null && _fixedMarkup is not null)
        {
            problems.AddRange(await FixProblemsAsync(project, files, original, analyzers, cancellationToken).ConfigureAwait(false));
        }
        else if (_fixedMarkup is not null)
        {
            problems.Add("ShouldFixCodeWith needs WithCodeFix");
        }

        return problems;
    }

    private IEnumerable<string> Compare(IReadOnlyList<MarkedSource> files, Analysis analysis)
    {
        var expected = files
            .SelectMany(file => file.Expected.Select(pair => (file.Path, pair.Id, pair.Span, Text: file.Text)))
            .Where(pair => pair.Id.Length > 0 && IsCompared(pair.Id))
            .ToList();
        var unexpected = new List<Diagnostic>();
        foreach (var diagnostic in analysis.Diagnostics.Where(diagnostic => IsCompared(diagnostic.Id) || diagnostic.Id == TestCompilation.AnalyzerExceptionId))
        {
            var match = expected.FindIndex(pair => pair.Id == diagnostic.Id
                && pair.Span == diagnostic.Location.SourceSpan
                && pair.Path == diagnostic.Location.SourceTree?.FilePath);
            if (match >= 0)
            {
                expected.RemoveAt(match);
            }
            else
            {
                unexpected.Add(diagnostic);
            }
        }

        foreach (var (analyzer, exception) in analysis.Exceptions)
        {
            yield return $"{analyzer.GetType().Name} threw {exception.GetType().Name}: {exception.Message}{Environment.NewLine}{exception.StackTrace}";
        }

        foreach (var (path, id, span, text) in expected)
        {
            var position = text.Lines.GetLinePosition(span.Start);
            yield return $"expected {id} at {position.Line + 1}:{position.Character + 1} '{text.ToString(span)}', not reported";
        }

        foreach (var diagnostic in unexpected.Where(diagnostic => diagnostic.Id != TestCompilation.AnalyzerExceptionId || analysis.Exceptions.IsEmpty))
        {
            yield return $"unexpected {TestCompilation.Describe(diagnostic)}";
        }
    }

    private bool IsCompared(string id) => _rule is null || id == _rule;

    private async Task<IEnumerable<string>> OfferedFixesAsync(Project project, Analysis analysis, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var diagnostic in analysis.Diagnostics.Where(diagnostic => _fix!.FixableDiagnosticIds.Contains(diagnostic.Id)))
        {
            var actions = await ActionsForAsync(project, diagnostic, cancellationToken).ConfigureAwait(false);
            problems.AddRange(actions.Select(action => $"{_fix!.GetType().Name} offers '{action.Title}' for {TestCompilation.Describe(diagnostic)}, where no fix was expected"));
        }

        return problems;
    }

    private async Task<IReadOnlyList<string>> FixProblemsAsync(
        Project project, IReadOnlyList<MarkedSource> files, Analysis original, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var fixedFile = MarkedSource.Parse(files[0].Path, _fixedMarkup!, _rule);
        problems.AddRange(fixedFile.MarkupProblems);

        // One diagnostic at a time, re-analysing after each fix, as a person applying the light bulb would; a few
        // more rounds than there were diagnostics catch a fix that keeps offering itself.
        var current = project;
        var analysis = original;
        var applied = 0;
        var limit = original.Diagnostics.Count(diagnostic => _fix!.FixableDiagnosticIds.Contains(diagnostic.Id)) + 2;
        while (true)
        {
            var fixedProject = await FixFirstAsync(current, analysis, cancellationToken).ConfigureAwait(false);
            if (fixedProject is null)
            {
                break;
            }

            if (++applied > limit)
            {
                problems.Add($"{_fix!.GetType().Name} still offers a fix after {limit} rounds: it does not remove the diagnostic it fixes");
                return problems;
            }

            current = fixedProject;
            analysis = await AnalyzeAsync(current, analyzers, cancellationToken).ConfigureAwait(false);
        }

        if (applied == 0)
        {
            problems.Add($"{_fix!.GetType().Name} offered no fix");
            return problems;
        }

        var document = current.Documents.First(document => document.FilePath == files[0].Path);
        var actual = (await document.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString();
        if (actual != fixedFile.Source)
        {
            problems.Add(TextDifference.Describe(fixedFile.Source, actual));
        }

        problems.AddRange(analysis.CompilerErrors.Select(error => $"the fixed code does not compile: {TestCompilation.Describe(error)}"));
        problems.AddRange(Compare(new[] { fixedFile }.Concat(files.Skip(1)).ToList(), analysis).Select(problem => "in the fixed code, " + problem));

        if (analysis.CompilerErrors.IsEmpty && _notRunReason is null)
        {
            problems.AddRange(await RunFixedCodeAsync(project, original, current, cancellationToken).ConfigureAwait(false));
        }

        return problems;
    }

    private async Task<IReadOnlyList<string>> FixAllProblemsAsync(Project project, string path, Analysis analysis, CancellationToken cancellationToken)
    {
        var fixable = analysis.Diagnostics
            .Where(diagnostic => _fix!.FixableDiagnosticIds.Contains(diagnostic.Id) && diagnostic.Location.SourceTree?.FilePath == path)
            .ToImmutableArray();
        if (_fix!.GetFixAllProvider() is not { } provider)
        {
            return Array.Empty<string>();
        }

        CodeAction? first = null;
        foreach (var diagnostic in fixable)
        {
            if ((await ActionsForAsync(project, diagnostic, cancellationToken).ConfigureAwait(false)).FirstOrDefault() is { } action)
            {
                first = action;
                break;
            }
        }

        if (first is null)
        {
            return Array.Empty<string>();
        }

        var document = project.Documents.First(document => document.FilePath == path);
        var context = new FixAllContext(document, _fix, FixAllScope.Document, first.EquivalenceKey, _fix.FixableDiagnosticIds, new KnownDiagnostics(fixable), cancellationToken);
        if (await provider.GetFixAsync(context).ConfigureAwait(false) is not { } fixAll)
        {
            return new[] { $"{_fix.GetType().Name}'s fix-all offers nothing for {fixable.Length} fixable diagnostics" };
        }

        var operations = await fixAll.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
        var fixedProject = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetProject(project.Id)!;
        var compilation = (await fixedProject.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
        return compilation.GetDiagnostics(cancellationToken)
            .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
            .Select(error => $"{path}: after {_fix.GetType().Name} fixed all {fixable.Length} at once, the code does not compile: {TestCompilation.Describe(error)}")
            .ToList();
    }

    /// <summary>The diagnostics a fix-all works through: the ones the analysis found.</summary>
    private sealed class KnownDiagnostics : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public KnownDiagnostics(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(_diagnostics.Where(diagnostic => diagnostic.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
    }

    private async Task<Project?> FixFirstAsync(Project project, Analysis analysis, CancellationToken cancellationToken)
    {
        var fixable = analysis.Diagnostics
            .Where(diagnostic => _fix!.FixableDiagnosticIds.Contains(diagnostic.Id) && diagnostic.Location.IsInSource)
            .OrderBy(diagnostic => diagnostic.Location.SourceTree!.FilePath, StringComparer.Ordinal)
            .ThenBy(diagnostic => diagnostic.Location.SourceSpan.Start);
        foreach (var diagnostic in fixable)
        {
            var actions = await ActionsForAsync(project, diagnostic, cancellationToken).ConfigureAwait(false);
            if (actions.Count == 0)
            {
                continue;
            }

            var operations = await actions[0].GetOperationsAsync(cancellationToken).ConfigureAwait(false);
            return operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetProject(project.Id);
        }

        return null;
    }

    private async Task<IReadOnlyList<CodeAction>> ActionsForAsync(Project project, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var document = project.Documents.First(document => document.FilePath == diagnostic.Location.SourceTree!.FilePath);
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
        await _fix!.RegisterCodeFixesAsync(context).ConfigureAwait(false);
        return actions;
    }

    private async Task<IReadOnlyList<string>> RunFixedCodeAsync(Project originalProject, Analysis original, Project fixedProject, CancellationToken cancellationToken)
    {
        var compilation = (await fixedProject.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
        if (_driver is not null)
        {
            compilation = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(FixedCodeRunner.DriverSource(_driver), TestCompilation.ParseOptions, "Driver.cs", cancellationToken: cancellationToken));
            return FixedCodeRunner.Run(compilation, Array.Empty<RunTarget>(), cancellationToken);
        }

        var originalCompilation = (await originalProject.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
        var targets = original.Diagnostics
            .Where(diagnostic => _fix!.FixableDiagnosticIds.Contains(diagnostic.Id) && diagnostic.Location.IsInSource)
            .Select(diagnostic => RunTarget.Enclosing(originalCompilation, diagnostic.Location, cancellationToken))
            .OfType<RunTarget>()
            .Distinct()
            .ToList();
        return FixedCodeRunner.Run(compilation, targets, cancellationToken);
    }

    private async Task<IReadOnlyList<string>> PrefixProblemsAsync(ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken)
    {
        var (path, markup) = _sources[0];
        var source = MarkedSource.Parse(path, markup, _rule).Source;
        var failures = new ConcurrentBag<(int Cut, string Failure)>();
        await Parallel.ForEachAsync(
            _prefixes!,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (cut, token) =>
            {
                var prefix = source.Substring(0, cut);
                var analysis = await AnalyzeAsync(TestCompilation.Compile(prefix, path), analyzers, token).ConfigureAwait(false);
                foreach (var failure in analysis.Exceptions.Select(pair => $"{pair.Analyzer.GetType().Name} threw {pair.Exception}")
                    .Concat(analysis.Diagnostics.Where(diagnostic => diagnostic.Id == TestCompilation.AnalyzerExceptionId).Select(diagnostic => diagnostic.ToString())))
                {
                    failures.Add((cut, $"after {cut} characters, ending '{Tail(prefix)}': {failure}"));
                }
            }).ConfigureAwait(false);
        return failures.OrderBy(failure => failure.Cut).Select(failure => failure.Failure).ToList();
    }

    private static string Tail(string prefix)
    {
        var tail = prefix.Length <= 60 ? prefix : prefix.Substring(prefix.Length - 60);
        return tail.Replace("\r", string.Empty).Replace("\n", "\\n");
    }

    private static async Task<Analysis> AnalyzeAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken)
    {
        var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
        return await AnalyzeAsync(compilation, analyzers, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="analyzers"/> over <paramref name="compilation"/> as a compiler host does, catching what they throw.</summary>
    internal static async Task<Analysis> AnalyzeAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken)
    {
        var exceptions = new ConcurrentQueue<(DiagnosticAnalyzer, Exception)>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, _) => exceptions.Enqueue((analyzer, exception)),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        var errors = compilation.GetDiagnostics(cancellationToken).Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        return new Analysis(errors, diagnostics, exceptions.ToImmutableArray());
    }
}

/// <summary>The outcome of running analyzers over one compilation.</summary>
/// <param name="CompilerErrors">Errors the compiler itself reports.</param>
/// <param name="Diagnostics">What the analyzers reported, including AD0001 if one of them threw.</param>
/// <param name="Exceptions">Exceptions an analyzer threw, as the driver handed them to the exception hook.</param>
internal sealed record Analysis(
    ImmutableArray<Diagnostic> CompilerErrors,
    ImmutableArray<Diagnostic> Diagnostics,
    ImmutableArray<(DiagnosticAnalyzer Analyzer, Exception Exception)> Exceptions);

/// <summary>A source with its markup taken out, and the (rule, span) pairs the markup expects.</summary>
internal sealed record MarkedSource(string Path, string Source, SourceText Text, ImmutableArray<(string Id, TextSpan Span)> Expected, ImmutableArray<string> MarkupProblems)
{
    /// <summary>
    /// Parses Microsoft.CodeAnalysis.Testing markup; an unnamed <c>[|...|]</c> span stands for <paramref name="rule"/>,
    /// and is a problem when there is none (markup must then name its rule), as is a name no rule declares.
    /// </summary>
    public static MarkedSource Parse(string path, string markup, string? rule)
    {
        TestFileMarkupParser.GetSpans(markup, out var source, out ImmutableDictionary<string, ImmutableArray<TextSpan>> spans);
        var problems = ImmutableArray.CreateBuilder<string>();
        var expected = ImmutableArray.CreateBuilder<(string, TextSpan)>();
        foreach (var (name, list) in spans.Where(pair => !pair.Value.IsEmpty))
        {
            var id = name.Length == 0 ? rule ?? string.Empty : name;
            if (id.Length == 0)
            {
                problems.Add($"{path}: markup without a rule id ([|...|]); write {{|RMSP00x:...|}}");
            }
            else if (!TestCompilation.RuleIds.Contains(id))
            {
                problems.Add($"{path}: markup names '{id}', which no rule declares");
            }

            expected.AddRange(list.Select(span => (id, span)));
        }

        return new MarkedSource(path, source, SourceText.From(source), expected.ToImmutable(), problems.ToImmutable());
    }
}

/// <summary>Words the first difference between an expected and an actual text, with the lines around it.</summary>
internal static class TextDifference
{
    public static string Describe(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
        {
            line++;
        }

        static string Around(string[] lines, int at) =>
            string.Join(Environment.NewLine, lines.Skip(Math.Max(0, at - 2)).Take(5).Select(text => "    | " + text.TrimEnd('\r')));
        return $"the fixed code differs from the expected text at line {line + 1}:{Environment.NewLine}  expected:{Environment.NewLine}{Around(expectedLines, line)}{Environment.NewLine}  actual:{Environment.NewLine}{Around(actualLines, line)}"
            + $"{Environment.NewLine}  whole actual text:{Environment.NewLine}{actual}";
    }
}
