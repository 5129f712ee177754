using System.Threading.Tasks;
using RmsProp.Analyzers.Tests.Harness;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>
/// The cheap gates that skip a type before any operation tree of it is read: a search of each file's text for the
/// names of roots (and of the types that may hold a step, for callers). What the search could miss and the token walk
/// it replaced did not: a name spelled with unicode escapes, a name across the edge of the chunks the text is read in,
/// a partial caller whose mention of the optimizer is in another file than its loop. Each must still be found.
/// </summary>
public sealed class RootGateTests
{
    /// <summary>The length of the chunks the text search reads (IdentifierTextSearch.ChunkLength).</summary>
    private const int ChunkLength = 16384;

    private const string MissingEpsilon = """
        using System;
        class Optimizer
        {
            private readonly double[] _s = new double[8];
            public void Step(double[] w, double[] g)
            {
                for (int i = 0; i < w.Length; i++)
                {
                    _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                    w[i] -= 0.01 * g[i] / [|Math.ROOT(_s[i])|];
                }
            }
        }
        """;

    private static AnalyzerTest MissingEpsilonTest() =>
        new AnalyzerTest().ShouldReportRule(Rmsp002MissingEpsilon.Descriptor);

    [Theory]
    [InlineData(@"\u0053qrt")]
    [InlineData(@"S\u0071rt")]
    [InlineData(@"\U00000053\U00000071\U00000072\U00000074")]
    [InlineData(@"@Sqrt")]
    public Task A_root_spelled_with_escapes_or_verbatim_is_still_seen(string spelling) =>
        MissingEpsilonTest()
            .WithSource(MissingEpsilon.Replace("ROOT", spelling))
            .ValidateAsync();

    /// <summary>
    /// The file is padded with a comment so that the one <c>Sqrt</c> starts a few characters before, at, or after the
    /// edge of the text search's first chunk.
    /// </summary>
    [Theory]
    [InlineData(-4)]
    [InlineData(-3)]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2 * ChunkLength - 2)]
    public Task A_root_across_the_edge_of_a_chunk_of_text_is_still_seen(int offsetFromEdge)
    {
        string source = MissingEpsilon.Replace("ROOT", "Sqrt");
        int rootAt = source.Replace("[|", string.Empty).IndexOf("Sqrt", System.StringComparison.Ordinal);
        int edge = offsetFromEdge > ChunkLength ? offsetFromEdge : ChunkLength + offsetFromEdge;
        string padding = "// " + new string('x', edge - rootAt - 4) + "\n";
        return MissingEpsilonTest()
            .WithSource(padding + source)
            .ValidateAsync();
    }

    [Theory]
    [InlineData("// Math.Sqrt is what a real optimizer would call here")]
    [InlineData("private const string Name = \"Sqrt\";")]
    [InlineData("private static double Power(double x) => x * x; private static readonly int[] Sqrt2 = { 1 };")]
    public Task A_root_name_in_a_comment_a_string_or_a_longer_identifier_reports_nothing(string member) =>
        MissingEpsilonTest()
            .WithSource($$"""
                using System;
                class Optimizer
                {
                    {{member}}
                    private readonly double[] _s = new double[8];
                    public void Step(double[] w, double[] g)
                    {
                        for (int i = 0; i < w.Length; i++)
                        {
                            _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                            w[i] -= 0.01 * g[i] / Math.Abs(_s[i]);
                        }
                    }
                }
                """)
            .ValidateAsync();

    /// <summary>
    /// A partial trainer: the file with the batch loop never names the optimizer's type, the other part declares the
    /// field. The caller gate must read the type's files together, as the token walk of all its parts did.
    /// </summary>
    [Fact]
    public Task A_partial_caller_whose_loop_and_mention_are_in_different_files_is_still_walked() =>
        new AnalyzerTest()
            .ShouldReportRule(Rmsp004AccumulatorReset.Descriptor)
            .WithSource(
            """
            public sealed partial class Trainer
            {
                public void Epoch(double[] w, double[][] batches)
                {
                    foreach (double[] gradient in batches)
                    {
                        [|_optimizer.Reset()|];
                        _optimizer.Step(w, gradient);
                    }
                }
            }
            """,
            "Trainer.Loop.cs")
            .WithSource(
            """
            public sealed partial class Trainer
            {
                private readonly Adaptive _optimizer = new Adaptive(4);
            }
            """,
            "Trainer.Fields.cs")
            .WithSource(
            """
            using System;
            public sealed class Adaptive
            {
                private readonly double[] _meanSquare;
                public Adaptive(int n) => _meanSquare = new double[n];
                public void Reset() => Array.Clear(_meanSquare);
                public void Step(double[] w, double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        _meanSquare[i] = 0.9 * _meanSquare[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / (Math.Sqrt(_meanSquare[i]) + 1e-8);
                    }
                }
            }
            """,
            "Adaptive.cs")
            .ValidateAsync();
}
