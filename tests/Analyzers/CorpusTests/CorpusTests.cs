using System;
using System.Linq;
using System.Threading.Tasks;

namespace RmsProp.Analyzers.Tests.CorpusTests;

/// <summary>
/// Runs every analyzer of the assembly over the corpus: correct and unrelated code must stay silent, and each
/// faulty file must produce exactly the diagnostics its markup names, at exactly the marked spans.
/// </summary>
public sealed class CorpusTests
{
    /// <summary>Silent corpus files, one test row each.</summary>
    public static TheoryData<string> SilentFiles => CorpusFiles.Theory(CorpusFiles.Silent);

    [Theory]
    [MemberData(nameof(SilentFiles))]
    public async Task Silent_file_produces_no_diagnostic(string file)
    {
        var corpusFile = CorpusFiles.Read(CorpusFiles.Silent, file);
        Assert.True(corpusFile.Expected.Count == 0, $"{file} is in Silent/ but carries diagnostic markup");

        var compilation = await AnalyzerHarness.CompileAsync(corpusFile.Source, file);
        var result = await AnalyzerHarness.AnalyzeAsync(compilation, AnalyzerHarness.AllAnalyzers());

        var problems = CorpusComparison.Problems(corpusFile, result, AnalyzerHarness.RuleIds());
        Assert.True(problems.Count == 0, $"{file}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    /// <summary>Flagged corpus files, one test row each.</summary>
    public static TheoryData<string> FlaggedFiles => CorpusFiles.Theory(CorpusFiles.Flagged);

    [Theory]
    [MemberData(nameof(FlaggedFiles))]
    public async Task Flagged_file_produces_exactly_the_marked_diagnostics(string file)
    {
        var corpusFile = CorpusFiles.Read(CorpusFiles.Flagged, file);
        Assert.True(corpusFile.Expected.Count > 0, $"{file} is in Flagged/ but marks no diagnostic");

        var compilation = await AnalyzerHarness.CompileAsync(corpusFile.Source, file);
        var result = await AnalyzerHarness.AnalyzeAsync(compilation, AnalyzerHarness.AllAnalyzers());

        var problems = CorpusComparison.Problems(corpusFile, result, AnalyzerHarness.RuleIds());
        Assert.True(problems.Count == 0, $"{file}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }
}
