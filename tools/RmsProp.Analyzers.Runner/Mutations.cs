using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace RmsProp.Analyzers.Runner;

/// <summary>
/// One mistake put by hand into one real source file: replace <paramref name="Find"/>, which must start on
/// <paramref name="Line"/>, by <paramref name="Replace"/>, and expect <paramref name="Rule"/> to report it.
/// </summary>
/// <param name="Number">The recipe's line number in its file, to name it by.</param>
/// <param name="Repository">Where the file comes from (owner/name), for the record.</param>
/// <param name="Commit">The commit of that repository the recipe was written against.</param>
/// <param name="Path">The file's path inside the repository; matched against the end of each analysed file's path.</param>
/// <param name="Line">One-based line on which <paramref name="Find"/> starts.</param>
/// <param name="Kind">The mistake's name (raw-gradient, no-epsilon, swapped-weights, ...).</param>
/// <param name="Rule">The rule that should report it.</param>
/// <param name="Find">The exact text to replace (may span lines).</param>
/// <param name="Replace">What replaces it.</param>
/// <param name="Description">What the edit does, in words.</param>
public sealed record Mutation(
    int Number, string Repository, string Commit, string Path, int Line, string Kind, string Rule, string Find, string Replace, string Description)
{
    /// <summary>
    /// Reads a recipe file: one mutation per line, tab-separated (repository, commit, path, line, kind, rule, find,
    /// replace, description), with <c>\n</c>, <c>\t</c> and <c>\\</c> escaped in find and replace; blank lines and
    /// lines starting with <c>#</c> are skipped. Throws <see cref="InvalidDataException"/> naming the line that is malformed.
    /// </summary>
    public static IReadOnlyList<Mutation> Read(string recipeFile)
    {
        var mutations = new List<Mutation>();
        var lines = File.ReadAllLines(recipeFile);
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index];
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != 9 || !int.TryParse(fields[3], out var sourceLine) || sourceLine < 1 || fields[6].Length == 0)
            {
                throw new InvalidDataException(
                    $"{recipeFile}:{index + 1}: a recipe has 9 tab-separated fields (repository, commit, path, line, kind, rule, find, replace, description), a line number from 1 and a non-empty find text");
            }

            mutations.Add(new Mutation(
                index + 1, fields[0], fields[1], fields[2].Replace('\\', '/'), sourceLine, fields[4], fields[5], Unescape(fields[6]), Unescape(fields[7]), fields[8]));
        }

        return mutations;
    }

    private static string Unescape(string field) => field.Replace("\\\\", "\u0001").Replace("\\n", "\n").Replace("\\t", "\t").Replace("\u0001", "\\");
}

/// <summary>What the rules made of one mutation.</summary>
/// <param name="Mutation">The recipe.</param>
/// <param name="Verdict">detected, missed (the expected rule said nothing new), or not applied (why, in <paramref name="Note"/>).</param>
/// <param name="NewFindings">Findings of the mutated file that the original file does not have (any rule).</param>
/// <param name="Note">Why the mutation could not be applied, or that the mutated file does not bind.</param>
public sealed record MutationOutcome(Mutation Mutation, MutationVerdict Verdict, IReadOnlyList<Finding> NewFindings, string? Note);

/// <summary>Whether the expected rule reported a mutation.</summary>
public enum MutationVerdict
{
    /// <summary>The expected rule reports something in the mutated file that it does not report in the original.</summary>
    Detected,

    /// <summary>The mutation was applied and the expected rule reported nothing new.</summary>
    Missed,

    /// <summary>The file was not among the analysed ones, or the find text is not on the recipe's line.</summary>
    NotApplied,
}

/// <summary>
/// Puts each mutation into its file inside the compilation the file belongs to (so the mutated file binds exactly as
/// the original does, with its project's other files and references), and compares the rules' findings before and
/// after. This measures recall on real code: silence on a correct file says nothing until a mistake put into it is seen.
/// </summary>
public static class Mutations
{
    private const string NoSuchFile = "no analysed file has this path";

    /// <summary>
    /// Applies every mutation of <paramref name="pending"/> whose file is in <paramref name="compilation"/>, one at a
    /// time, and removes it from <paramref name="pending"/> (a project built for several targets is mutated once).
    /// </summary>
    /// <returns>What each mutation gave, and the findings of each mutated file as it is (the baseline it was compared with).</returns>
    public static async Task<(IReadOnlyList<MutationOutcome> Outcomes, IReadOnlyList<Finding> Originals)> ApplyAsync(
        Compilation compilation, AnalyzerOptions options, List<Mutation> pending, CancellationToken cancellationToken)
    {
        var outcomes = new List<MutationOutcome>();
        var baselines = new Dictionary<SyntaxTree, IReadOnlyList<Finding>>();
        foreach (var mutation in pending.ToList())
        {
            var tree = compilation.SyntaxTrees.FirstOrDefault(candidate => EndsWithPath(candidate.FilePath, mutation.Path));
            if (tree is null)
            {
                continue;
            }

            pending.Remove(mutation);
            var text = await tree.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var at = Locate(text, mutation);
            if (at < 0)
            {
                outcomes.Add(new MutationOutcome(mutation, MutationVerdict.NotApplied, Array.Empty<Finding>(), $"the find text does not start on line {mutation.Line}"));
                continue;
            }

            if (!baselines.TryGetValue(tree, out var before))
            {
                before = await FindingsInAsync(compilation, tree, options, mutation, cancellationToken).ConfigureAwait(false);
                baselines.Add(tree, before);
            }

            var mutatedText = text.WithChanges(new TextChange(new TextSpan(at, mutation.Find.Length), mutation.Replace));
            var mutatedTree = tree.WithChangedText(mutatedText);
            var mutated = compilation.ReplaceSyntaxTree(tree, mutatedTree);
            var after = await FindingsInAsync(mutated, mutatedTree, options, mutation, cancellationToken).ConfigureAwait(false);

            // A finding below the edit moves by the lines the edit added or removed; it is the same finding.
            var editLine = text.Lines.GetLineFromPosition(at).LineNumber + 1;
            var shift = mutatedText.Lines.Count - text.Lines.Count;
            var old = before.Select(finding => (finding.Path, finding.Id, finding.Message, finding.Line)).ToHashSet();
            var newFindings = after
                .Where(finding => finding.Id != Finding.NotBoundId)
                .Where(finding => !old.Contains((finding.Path, finding.Id, finding.Message, finding.Path == tree.FilePath && finding.Line > editLine ? finding.Line - shift : finding.Line)))
                .ToList();
            var notBound = after.FirstOrDefault(finding => finding.Id == Finding.NotBoundId && finding.Path == tree.FilePath);
            var verdict = newFindings.Any(finding => finding.Id == mutation.Rule) ? MutationVerdict.Detected : MutationVerdict.Missed;
            outcomes.Add(new MutationOutcome(mutation, verdict, newFindings, notBound is null ? null : "the file does not bind: " + notBound.Message));
        }

        return (outcomes, baselines.SelectMany(pair => pair.Value.Where(finding => finding.Path == pair.Key.FilePath)).Distinct().ToList());
    }

    /// <summary>Whether some recipe of <paramref name="mutations"/> names one of <paramref name="files"/>.</summary>
    public static bool NamesAny(IEnumerable<Mutation> mutations, IEnumerable<string> files) =>
        files.Any(file => mutations.Any(mutation => EndsWithPath(file, mutation.Path)));

    /// <summary>The recipes that matched no analysed file.</summary>
    public static IEnumerable<MutationOutcome> Unmatched(IEnumerable<Mutation> pending) =>
        pending.Select(mutation => new MutationOutcome(mutation, MutationVerdict.NotApplied, Array.Empty<Finding>(), NoSuchFile));

    /// <summary>One line per mutation, then detected/applied per rule.</summary>
    public static void WriteReport(TextWriter output, IReadOnlyList<MutationOutcome> outcomes)
    {
        foreach (var outcome in outcomes.Where(outcome => outcome.Note != NoSuchFile).OrderBy(outcome => outcome.Mutation.Number))
        {
            var mutation = outcome.Mutation;
            var verdict = outcome.Verdict switch
            {
                MutationVerdict.Detected => "detected",
                MutationVerdict.Missed => "MISSED",
                _ => "not applied",
            };
            output.WriteLine($"mutation {mutation.Number}: {mutation.Repository} {mutation.Path}:{mutation.Line} {mutation.Kind} expects {mutation.Rule}: {verdict}{(outcome.Note is null ? string.Empty : $" ({outcome.Note})")}");
            foreach (var finding in outcome.NewFindings)
            {
                output.WriteLine($"    new {finding.Id} at {finding.Line},{finding.Column}: {finding.Message}");
            }
        }

        var unmatched = outcomes.Count(outcome => outcome.Note == NoSuchFile);
        output.WriteLine($"rmsprop-analyze: mutations detected / applied per rule ({unmatched} recipe(s) name a file outside this run):");
        foreach (var rule in outcomes.Where(outcome => outcome.Note != NoSuchFile).GroupBy(outcome => outcome.Mutation.Rule, StringComparer.Ordinal).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            var applied = rule.Count(outcome => outcome.Verdict != MutationVerdict.NotApplied);
            var detected = rule.Count(outcome => outcome.Verdict == MutationVerdict.Detected);
            var notApplied = rule.Count() - applied;
            output.WriteLine($"  {rule.Key}  {detected,3} / {applied}{(notApplied > 0 ? $" ({notApplied} not applied)" : string.Empty)}");
        }
    }

    private static bool EndsWithPath(string filePath, string relativePath)
    {
        var normalised = filePath.Replace('\\', '/');
        return normalised.EndsWith("/" + relativePath.TrimStart('/'), StringComparison.Ordinal);
    }

    /// <summary>Where the find text starts, if it starts on the recipe's line; -1 otherwise.</summary>
    private static int Locate(SourceText text, Mutation mutation)
    {
        if (mutation.Line > text.Lines.Count)
        {
            return -1;
        }

        var line = text.Lines[mutation.Line - 1];
        var at = text.ToString().IndexOf(mutation.Find, line.Start, StringComparison.Ordinal);
        return at >= 0 && at <= line.End ? at : -1;
    }

    /// <summary>
    /// The findings of one file: the rules run on that file's types alone (as an editor runs them on an open file).
    /// A mistake whose finding is reported from another type's analysis — a reset by the caller (kind <c>...caller...</c>),
    /// joined at the compilation's end, or a constant declared in another type (kind <c>...-elsewhere</c>) — is judged
    /// on the whole compilation's findings instead.
    /// </summary>
    private static async Task<IReadOnlyList<Finding>> FindingsInAsync(
        Compilation compilation, SyntaxTree tree, AnalyzerOptions options, Mutation mutation, CancellationToken cancellationToken)
    {
        if (mutation.Kind.Contains("caller", StringComparison.Ordinal) || mutation.Kind.EndsWith("-elsewhere", StringComparison.Ordinal))
        {
            return await Analysis.AnalyzeAsync(compilation, options, cancellationToken).ConfigureAwait(false);
        }

        return await Analysis.AnalyzeTreeAsync(compilation, tree, options, cancellationToken).ConfigureAwait(false);
    }
}
