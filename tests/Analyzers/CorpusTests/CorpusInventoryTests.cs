using System.Linq;
using RmsProp.Analyzers.Tests.Harness;

namespace RmsProp.Analyzers.Tests.CorpusTests;

/// <summary>
/// Guards the corpus itself: a corpus that shrinks, or loses the cases of one rule, would let the corpus theories
/// pass while testing less.
/// </summary>
public sealed class CorpusInventoryTests
{
    private const int MinimumSilentFiles = 40;
    private const int MinimumFlaggedFilesPerRule = 6;

    [Fact]
    public void Silent_corpus_has_enough_files()
    {
        var count = CorpusFiles.Names(CorpusFiles.Silent).Count;
        Assert.True(count >= MinimumSilentFiles, $"only {count} silent corpus files; at least {MinimumSilentFiles} are expected");
    }

    [Fact]
    public void Every_rule_is_marked_in_enough_flagged_files()
    {
        var flagged = CorpusFiles.Names(CorpusFiles.Flagged).Select(name => CorpusFiles.Read(CorpusFiles.Flagged, name)).ToList();
        var thin = TestCompilation.RuleIds
            .OrderBy(id => id)
            .Select(id => (Id: id, Files: flagged.Count(file => file.Expected.ContainsKey(id))))
            .Where(rule => rule.Files < MinimumFlaggedFilesPerRule)
            .Select(rule => $"{rule.Id}: {rule.Files} files")
            .ToList();
        Assert.True(thin.Count == 0, "rules with too few flagged corpus files: " + string.Join(", ", thin));
    }

    [Fact]
    public void Every_flagged_file_marks_at_least_one_diagnostic()
    {
        var unmarked = CorpusFiles.Names(CorpusFiles.Flagged)
            .Where(name => CorpusFiles.Read(CorpusFiles.Flagged, name).Expected.Count == 0)
            .ToList();
        Assert.True(unmarked.Count == 0, "flagged files without markup: " + string.Join(", ", unmarked));
    }

    [Fact]
    public void The_notebook_mistakes_are_ported()
    {
        var notebookFiles = CorpusFiles.Names(CorpusFiles.Flagged).Where(name => name.StartsWith("Notebook")).ToList();
        Assert.True(notebookFiles.Count >= 4, "expected the notebook's four mistakes as Flagged/Notebook*.cs, found: " + string.Join(", ", notebookFiles));
    }

    [Fact]
    public void Every_rule_has_an_analyzer_that_the_corpus_tests_run()
    {
        // The corpus and robustness tests find analyzers by reflection; finding none would make them pass vacuously.
        var reported = TestCompilation.AllAnalyzers.SelectMany(analyzer => analyzer.SupportedDiagnostics).Select(descriptor => descriptor.Id).ToHashSet();
        var missing = TestCompilation.RuleIds.Where(id => !reported.Contains(id)).OrderBy(id => id).ToList();
        Assert.True(missing.Count == 0, "rules no analyzer reports: " + string.Join(", ", missing));
    }
}
