using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace RmsProp.Analyzers.Runner;

/// <summary>
/// <c>rmsprop-analyze</c>: the RmsProp rules over a project, a solution, a folder or single files. Exit codes: 0 clean,
/// 1 findings, 2 a usage error or an input that could not be read, loaded or bound.
/// </summary>
public static class Program
{
    /// <summary>Nothing found, everything checked.</summary>
    public const int Clean = 0;

    /// <summary>At least one rule reported something.</summary>
    public const int Findings = 1;

    /// <summary>A usage error, or an input that could not be read, loaded or bound.</summary>
    public const int Error = 2;

    /// <summary>The command line entry point.</summary>
    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error, CancellationToken.None);

    /// <summary>Runs one command line, writing results to <paramref name="output"/> and errors and progress to <paramref name="error"/>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "A .csproj, a .sln or .slnx, a folder, or .cs files. Projects and solutions load through MSBuild " +
                          "(restore them first); folders and files compile as a new project would (implicit usings, the framework's references).",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "text: compiler-style lines and a summary; sarif: a SARIF 2.1.0 log.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "sarif");
        var outputFile = new Option<string?>("--output", "-o")
        {
            Description = "Write the report to this file instead of standard output.",
        };
        var severity = new Option<string>("--severity", "-s")
        {
            Description = "Report findings of at least this severity (after .editorconfig): error, warning, info or hidden.",
            DefaultValueFactory = _ => "info",
        };
        severity.AcceptOnlyFromAmong("error", "warning", "info", "hidden");
        var mutations = new Option<string?>("--mutations", "-m")
        {
            Description = "A recipe file of mistakes to put, one at a time, into the analysed files (tab-separated: repository, commit, " +
                          "path, line, kind, rule, find, replace, description); reports whether each is detected, and detected/applied per rule.",
        };

        var command = new RootCommand(
            "Finds the mistakes hand-written RMSProp code contains (rules RMSP001-RMSP006). Exit codes: 0 clean, 1 findings, " +
            "2 a usage error or an input that could not be read, loaded or bound (a file that takes a square root but whose names do not resolve).")
        {
            paths, format, outputFile, severity, mutations,
        };
        command.SetAction((parsed, token) => AnalyzeAsync(
            parsed.GetValue(paths) ?? Array.Empty<string>(),
            parsed.GetValue(format) ?? "text",
            parsed.GetValue(outputFile),
            Enum.Parse<DiagnosticSeverity>(parsed.GetValue(severity) ?? "info", ignoreCase: true),
            parsed.GetValue(mutations),
            output,
            error,
            token));

        var parseResult = command.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                error.WriteLine($"rmsprop-analyze: error: {parseError.Message}");
            }

            error.WriteLine("usage: rmsprop-analyze <paths>... [--format text|sarif] [--output FILE] [--severity error|warning|info|hidden] (--help for more)");
            return Error;
        }

        return await parseResult.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> AnalyzeAsync(
        IReadOnlyList<string> paths, string format, string? outputFile, DiagnosticSeverity minimumSeverity, string? recipeFile,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var missing = paths.Where(path => !File.Exists(path) && !Directory.Exists(path)).ToList();
        if (missing.Count > 0)
        {
            error.WriteLine($"rmsprop-analyze: error: no such file or folder: {string.Join(", ", missing)}");
            return Error;
        }

        var notSource = paths.Where(path => File.Exists(path) && !MsBuildProjects.IsProjectOrSolution(path) && !path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)).ToList();
        if (notSource.Count > 0)
        {
            error.WriteLine($"rmsprop-analyze: error: not a .cs file, a .csproj or a solution: {string.Join(", ", notSource)}");
            return Error;
        }

        RunResult result;
        try
        {
            var recipes = recipeFile is null ? null : Mutation.Read(recipeFile);
            result = await Run.AnalyzeAsync(paths, minimumSeverity, error, cancellationToken, recipes).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is LoadException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            error.WriteLine($"rmsprop-analyze: error: {exception.Message.ReplaceLineEndings(" ")}");
            return Error;
        }

        foreach (var loadError in result.LoadErrors)
        {
            error.WriteLine($"rmsprop-analyze: error: {loadError}");
        }

        var baseFolder = Directory.GetCurrentDirectory();
        try
        {
            if (format == "sarif")
            {
                // Standard output carries nothing but the SARIF log when it is the log's destination.
                await WriteSarifAsync(output, result, baseFolder, outputFile).ConfigureAwait(false);
                Reports.WriteSummary(outputFile is null ? error : output, result);
            }
            else if (outputFile is null)
            {
                Reports.WriteLines(output, result, baseFolder);
                Reports.WriteSummary(output, result);
            }
            else
            {
                using (var file = new StreamWriter(outputFile))
                {
                    Reports.WriteLines(file, result, baseFolder);
                }

                Reports.WriteSummary(output, result);
            }

            if (recipeFile is not null)
            {
                Mutations.WriteReport(format == "sarif" && outputFile is null ? error : output, result.Mutations);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"rmsprop-analyze: error: cannot write {outputFile}: {exception.Message}");
            return Error;
        }

        if (result.LoadErrors.Count > 0 || result.Findings.Any(finding => finding.Id == Finding.NotBoundId))
        {
            return Error;
        }

        return result.Findings.Count > 0 ? Findings : Clean;
    }

    private static async Task WriteSarifAsync(TextWriter output, RunResult result, string baseFolder, string? outputFile)
    {
        if (outputFile is not null)
        {
            await using var file = File.Create(outputFile);
            Reports.WriteSarif(file, result, baseFolder);
            return;
        }

        // The SARIF goes through the caller's writer, so a test (or a redirected console) sees exactly what was written.
        using var buffer = new MemoryStream();
        Reports.WriteSarif(buffer, result, baseFolder);
        await output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray())).ConfigureAwait(false);
    }
}
