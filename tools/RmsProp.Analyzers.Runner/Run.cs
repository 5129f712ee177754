using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace RmsProp.Analyzers.Runner;

/// <summary>Analyses every input of one command line: projects and solutions through MSBuild, folders and files as loose C#.</summary>
public static class Run
{
    /// <summary>From how many source files on, progress goes to standard error.</summary>
    public const int ProgressThreshold = 50;

    /// <summary>
    /// Analyses <paramref name="paths"/> (every one must exist), keeping findings at or above
    /// <paramref name="minimumSeverity"/>. Inputs that cannot be read or loaded become <see cref="RunResult.LoadErrors"/>.
    /// </summary>
    public static async Task<RunResult> AnalyzeAsync(
        IReadOnlyList<string> paths, DiagnosticSeverity minimumSeverity, TextWriter progress, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var units = new List<Unit>();
        var looseFiles = new List<string>();
        foreach (var path in paths.Select(Path.GetFullPath))
        {
            if (Directory.Exists(path))
            {
                units.AddRange(SourceProjects.Find(path).Select(project => Unit.Loose(project.Name, project.Files, project.ImplicitUsings)));
            }
            else if (MsBuildProjects.IsProjectOrSolution(path))
            {
                units.Add(Unit.MsBuild(path));
            }
            else
            {
                looseFiles.Add(path);
            }
        }

        if (looseFiles.Count > 0)
        {
            units.Add(Unit.Loose("files", looseFiles, implicitUsings: true));
        }

        var findings = new List<Finding>();
        var loadErrors = new List<string>();
        var files = new HashSet<string>(StringComparer.Ordinal);
        var compilations = 0;
        var looseFileCount = units.Sum(unit => unit.Files.Count);
        var showProgress = looseFileCount >= ProgressThreshold || units.Count(unit => unit.ProjectPath is not null) > 1;
        for (var index = 0; index < units.Count; index++)
        {
            var unit = units[index];
            if (showProgress)
            {
                progress.WriteLine($"[{index + 1}/{units.Count}] {unit.Name}{(unit.Files.Count > 0 ? $" ({unit.Files.Count} files)" : string.Empty)}");
            }

            try
            {
                if (unit.ProjectPath is { } projectPath)
                {
                    foreach (var (project, compilation) in await MsBuildProjects.LoadAsync(projectPath, message => progress.WriteLine("note: " + message), cancellationToken).ConfigureAwait(false))
                    {
                        findings.AddRange(await Analysis.AnalyzeAsync(compilation, project.AnalyzerOptions, cancellationToken).ConfigureAwait(false));
                        files.UnionWith(project.Documents.Select(document => document.FilePath).OfType<string>());
                        compilations++;
                    }
                }
                else
                {
                    var compilation = LooseFiles.Compile(unit.Name, unit.Files, unit.ImplicitUsings, cancellationToken);
                    findings.AddRange(await Analysis.AnalyzeAsync(compilation, LooseFiles.Options, cancellationToken).ConfigureAwait(false));
                    files.UnionWith(unit.Files);
                    compilations++;
                }
            }
            catch (LoadException exception)
            {
                loadErrors.Add(exception.Message);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                loadErrors.Add($"{unit.Name}: could not be read: {exception.Message.ReplaceLineEndings(" ")}");
            }
        }

        // A project with several target frameworks is analysed once per target: the same finding is one finding.
        var kept = findings
            .Where(finding => finding.Severity >= minimumSeverity)
            .Distinct()
            .OrderBy(finding => finding, Finding.SourceOrder)
            .ToList();
        return new RunResult(kept, compilations, files.Count, loadErrors, stopwatch.Elapsed);
    }

    private sealed record Unit(string Name, IReadOnlyList<string> Files, bool ImplicitUsings, string? ProjectPath)
    {
        public static Unit Loose(string name, IReadOnlyList<string> files, bool implicitUsings) => new(name, files, implicitUsings, null);

        public static Unit MsBuild(string path) => new(path, Array.Empty<string>(), false, path);
    }
}
