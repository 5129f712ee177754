using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace RmsProp.Analyzers.Runner;

/// <summary>
/// Runs the RmsProp analyzers over folders of C# source without building them:
/// <c>dotnet run --project tools/RmsProp.Analyzers.Runner -- &lt;folder&gt; [more folders]</c>. Prints one line per
/// diagnostic (<c>file:line:col id message</c>), then a summary. Exits 0 after a complete run, whatever it found;
/// 2 when a folder argument is missing or does not exist; 1 if the run itself crashed.
/// </summary>
public static class Program
{
    /// <summary>The command line entry point.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args.Any(arg => arg is "-h" or "--help"))
        {
            Console.Error.WriteLine("usage: RmsProp.Analyzers.Runner <folder> [more folders]");
            return 2;
        }

        var missing = args.Where(folder => !Directory.Exists(folder)).ToList();
        if (missing.Count > 0)
        {
            Console.Error.WriteLine("not a folder: " + string.Join(", ", missing));
            return 2;
        }

        try
        {
            var stopwatch = Stopwatch.StartNew();
            var run = new AnalyzerRun();
            var results = new List<FolderResult>();
            foreach (var folder in args)
            {
                var result = await run.AnalyzeFolderAsync(folder, CancellationToken.None);
                foreach (var finding in result.Findings)
                {
                    Console.WriteLine($"{Path.Combine(folder, finding.Path)}:{finding.Line}:{finding.Column} {finding.Id} {finding.Message}");
                }

                foreach (var exception in result.AnalyzerExceptions)
                {
                    Console.WriteLine($"{folder}: analyzer exception: {exception}");
                }

                results.Add(result);
            }

            Summary.Write(Console.Out, run, results, stopwatch.Elapsed);
            return 0;
        }
        catch (Exception exception)
        {
            Console.Error.WriteLine("the run crashed: " + exception);
            return 1;
        }
    }
}

/// <summary>The closing summary: what was read, what was found per rule, and whether an analyzer threw.</summary>
public static class Summary
{
    /// <summary>Writes the summary of <paramref name="results"/> to <paramref name="output"/>.</summary>
    public static void Write(TextWriter output, AnalyzerRun run, IReadOnlyList<FolderResult> results, TimeSpan elapsed)
    {
        var findings = results.SelectMany(result => result.Findings).ToList();
        var exceptionDiagnostics = findings.Count(finding => finding.Id == AnalyzerRun.AnalyzerExceptionId);
        var thrown = results.Sum(result => result.AnalyzerExceptions.Count);

        output.WriteLine();
        output.WriteLine("== summary ==");
        output.WriteLine($"analyzers: {run.Analyzers.Length} ({string.Join(", ", run.Analyzers.Select(analyzer => analyzer.GetType().Name))})");
        foreach (var result in results)
        {
            output.WriteLine($"folder: {result.Folder}: {result.Projects} compilations, {result.Files} files, {result.Lines} lines, {result.Findings.Count} diagnostics");
        }

        output.WriteLine($"files: {results.Sum(result => result.Files)}");
        output.WriteLine($"lines: {results.Sum(result => result.Lines)}");
        output.WriteLine("diagnostics per rule:");
        foreach (var id in run.RuleIds)
        {
            output.WriteLine($"  {id}: {findings.Count(finding => finding.Id == id)}");
        }

        output.WriteLine($"analyzer exceptions (AD0001): {Math.Max(exceptionDiagnostics, thrown)}");
        output.WriteLine($"elapsed: {elapsed.TotalSeconds:F1} s");
    }
}
