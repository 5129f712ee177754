using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace RmsProp.Analyzers.Tests.CorpusTests;

/// <summary>A corpus file with its diagnostic markup taken out.</summary>
/// <param name="Name">The file name, which is also the test's display argument.</param>
/// <param name="Source">The C# source the analyzers see.</param>
/// <param name="Expected">For each rule id, the spans of <see cref="Source"/> that must be flagged.</param>
public sealed record CorpusFile(string Name, string Source, IReadOnlyDictionary<string, ImmutableArray<TextSpan>> Expected)
{
    /// <summary>Every expected (id, span) pair, flattened.</summary>
    public IEnumerable<(string Id, TextSpan Span)> ExpectedDiagnostics =>
        Expected.SelectMany(pair => pair.Value.Select(span => (pair.Key, span)));
}

/// <summary>Finds and reads the corpus the test project copies next to the test assembly.</summary>
public static class CorpusFiles
{
    /// <summary>Correct optimizers and unrelated numeric code: no analyzer may report anything.</summary>
    public const string Silent = "Silent";

    /// <summary>Faulty optimizers whose markup names exactly what must be reported.</summary>
    public const string Flagged = "Flagged";

    /// <summary>The folder holding one corpus kind.</summary>
    public static string Folder(string kind) => Path.Combine(AppContext.BaseDirectory, "Corpus", kind);

    /// <summary>The file names of one corpus kind, sorted so test order and stride sampling are deterministic.</summary>
    public static IReadOnlyList<string> Names(string kind) =>
        Directory.GetFiles(Folder(kind), "*.cs")
            .Select(Path.GetFileName)
            .OfType<string>()
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToList();

    /// <summary>Theory data: one row per file name.</summary>
    public static TheoryData<string> Theory(string kind)
    {
        var data = new TheoryData<string>();
        foreach (var name in Names(kind))
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>
    /// Reads a corpus file and strips its <c>{|RMSP00x:...|}</c> markup. Markup is parsed in Silent files too, so a
    /// stray mark there shows up as an expectation the Silent test rejects instead of as a syntax error. An unnamed
    /// <c>[|...|]</c> span is kept under the empty id so the tests can reject it rather than silently ignore it.
    /// </summary>
    public static CorpusFile Read(string kind, string name)
    {
        var text = Markup(kind, name);
        TestFileMarkupParser.GetSpans(text, out var source, out ImmutableDictionary<string, ImmutableArray<TextSpan>> spans);
        return new CorpusFile(name, source, spans.Where(pair => !pair.Value.IsEmpty)
            .ToDictionary(pair => pair.Key, pair => pair.Value));
    }

    /// <summary>A corpus file as written, markup included: what the harness reads.</summary>
    public static string Markup(string kind, string name) => File.ReadAllText(Path.Combine(Folder(kind), name));

    /// <summary>Every corpus file of both kinds, markup stripped.</summary>
    public static IEnumerable<CorpusFile> All() =>
        Names(Silent).Select(name => Read(Silent, name)).Concat(Names(Flagged).Select(name => Read(Flagged, name)));
}
