using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace RmsProp.Analyzers.Tests.CorpusTests;

/// <summary>
/// Compares what the analyzers reported on a corpus file with what its markup expects, and words every difference
/// so the rule author can act on the failure message alone.
/// </summary>
public static class CorpusComparison
{
    /// <summary>Every way <paramref name="result"/> departs from <paramref name="file"/>'s markup; empty when it matches.</summary>
    public static IReadOnlyList<string> Problems(CorpusFile file, AnalysisResult result, ImmutableHashSet<string> knownIds)
    {
        var problems = new List<string>();
        var text = SourceText.From(file.Source);

        foreach (var id in file.Expected.Keys.Where(id => !knownIds.Contains(id)))
        {
            problems.Add(id.Length == 0
                ? "markup without a rule id ([|...|]); write {|RMSP00x:...|}"
                : $"markup names '{id}', which no rule declares");
        }

        problems.AddRange(result.CompilerErrors.Select(error => $"the file does not compile: {AnalyzerHarness.Describe(error)}"));
        problems.AddRange(result.AnalyzerExceptions.Select(pair => $"{pair.Analyzer.GetType().Name} threw {pair.Exception.GetType().Name}: {pair.Exception.Message}"));

        var expected = file.ExpectedDiagnostics.Where(pair => knownIds.Contains(pair.Id)).ToList();
        var actual = result.AnalyzerDiagnostics.ToList();
        foreach (var diagnostic in result.AnalyzerDiagnostics)
        {
            var match = expected.FindIndex(pair => pair.Id == diagnostic.Id && pair.Span == diagnostic.Location.SourceSpan);
            if (match >= 0)
            {
                expected.RemoveAt(match);
                actual.Remove(diagnostic);
            }
        }

        problems.AddRange(expected.Select(pair => $"expected {pair.Id} at {Position(text, pair.Span)} '{text.ToString(pair.Span)}', not reported"));
        problems.AddRange(actual.Select(diagnostic => $"unexpected {AnalyzerHarness.Describe(diagnostic)}"));
        return problems;
    }

    private static string Position(SourceText text, TextSpan span)
    {
        var position = text.Lines.GetLinePosition(span.Start);
        return $"{position.Line + 1}:{position.Character + 1}";
    }
}
