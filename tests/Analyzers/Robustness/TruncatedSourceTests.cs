using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using RmsProp.Analyzers.Tests.CorpusTests;
using RmsProp.Analyzers.Tests.Harness;
using Xunit.Abstractions;

namespace RmsProp.Analyzers.Tests.Robustness;

/// <summary>
/// An analyzer runs on every keystroke, so it mostly sees half-typed code. Each corpus file is cut at token
/// boundaries and every prefix is analysed; an analyzer that throws (AD0001) disables itself in the IDE.
/// </summary>
public sealed class TruncatedSourceTests
{
    /// <summary>
    /// Files analysed at every token boundary: together they hold every rule's shape (loops, scalars, records with
    /// <c>with</c>, tuples, LINQ, Vector&lt;T&gt;, nested markup with three rules in one statement), so every
    /// half-typed state of those shapes is seen.
    /// </summary>
    public static readonly ImmutableHashSet<string> EveryBoundary = ImmutableHashSet.Create(
        "RmsPropEpsOutsideRoot.cs",
        "CenteredRmsProp.cs",
        "RmsPropVectorT.cs",
        "MixedBeginnerOptimizer.cs",
        "Rmsp005TupleAssignment.cs",
        "Rmsp003RecordWith.cs",
        "Rmsp001LinqZip.cs");

    /// <summary>
    /// The rest of the corpus (over a hundred files, some 19,000 token boundaries in all) would take minutes at every
    /// boundary on two cores, so each of those files is cut at this many evenly strided boundaries instead (about
    /// 1,300 prefixes, beside the 1,250 of the files above); the stride starts at a different offset in each file so
    /// the files together still reach most positions of a statement.
    /// </summary>
    public const int PrefixesPerStridedFile = 12;

    private readonly ITestOutputHelper _output;

    public TruncatedSourceTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string, string> CorpusFilesToTruncate()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in new[] { CorpusFiles.Silent, CorpusFiles.Flagged })
        {
            foreach (var name in CorpusFiles.Names(kind))
            {
                data.Add(kind, name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusFilesToTruncate))]
    public async Task No_analyzer_throws_on_any_prefix_of_a_corpus_file(string kind, string file)
    {
        var source = CorpusFiles.Read(kind, file).Source;
        var boundaries = PrefixSampler.TokenBoundaries(source);
        var cuts = EveryBoundary.Contains(file)
            ? boundaries
            : PrefixSampler.Strided(boundaries, PrefixesPerStridedFile, offsetSeed: StableHash(file));

        var stopwatch = Stopwatch.StartNew();
        var failures = await new AnalyzerTest().WithSource(source, file).ShouldNotThrowOnPrefixes(cuts).ProblemsAsync();
        _output.WriteLine($"{file}: {cuts.Count} of {boundaries.Count} token boundaries analysed in {stopwatch.ElapsedMilliseconds} ms");

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, failures.Take(5)));
    }

    [Fact]
    public void Strided_sampling_is_deterministic_and_spreads_over_the_file()
    {
        var boundaries = Enumerable.Range(1, 1000).ToList();
        var first = PrefixSampler.Strided(boundaries, 40, offsetSeed: 7);
        var second = PrefixSampler.Strided(boundaries, 40, offsetSeed: 7);

        Assert.Equal(first, second);
        Assert.Equal(40, first.Count);
        Assert.True(first[0] <= 25 && first[^1] >= 975, $"samples span {first[0]}..{first[^1]}, not the whole file");
        Assert.Equal(boundaries.Take(10), PrefixSampler.Strided(boundaries.Take(10).ToList(), 40, offsetSeed: 7));
    }

    [Fact]
    public void Token_boundaries_end_every_token_including_the_last()
    {
        const string source = "class C { int x = 1; }";
        var boundaries = PrefixSampler.TokenBoundaries(source);

        Assert.Equal(new[] { 0, 5, 7, 9, 13, 15, 17, 19, 20, 22 }, boundaries);
    }

    private static int StableHash(string text) => text.Aggregate(17, (hash, c) => unchecked(hash * 31 + c)) & int.MaxValue;
}

/// <summary>Cuts a source into prefixes and analyses them.</summary>
public static class PrefixSampler
{
    /// <summary>The empty prefix and the end of every token, in order.</summary>
    public static IReadOnlyList<int> TokenBoundaries(string source)
    {
        var root = CSharpSyntaxTree.ParseText(source, TestCompilation.ParseOptions).GetRoot();
        return new[] { 0 }
            .Concat(root.DescendantTokens(descendIntoTrivia: false)
                .Where(token => !token.IsKind(SyntaxKind.EndOfFileToken))
                .Select(token => token.Span.End))
            .Distinct()
            .ToList();
    }

    /// <summary>At most <paramref name="count"/> boundaries at an even stride, always including the last one.</summary>
    public static IReadOnlyList<int> Strided(IReadOnlyList<int> boundaries, int count, int offsetSeed)
    {
        if (boundaries.Count <= count)
        {
            return boundaries;
        }

        var stride = (double)boundaries.Count / count;
        var offset = offsetSeed % Math.Max(1, (int)stride);
        var indices = Enumerable.Range(0, count)
            .Select(i => Math.Min(boundaries.Count - 1, (int)(i * stride) + offset))
            .Distinct()
            .ToList();
        indices[^1] = boundaries.Count - 1;
        return indices.Select(index => boundaries[index]).ToList();
    }
}
