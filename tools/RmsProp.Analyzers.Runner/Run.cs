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
    /// Each of <paramref name="mutations"/> is then put, one at a time, into its file inside that file's compilation.
    /// </summary>
    public static async Task<RunResult> AnalyzeAsync(
        IReadOnlyList<string> paths, DiagnosticSeverity minimumSeverity, TextWriter progress, CancellationToken cancellationToken,
        IReadOnlyList<Mutation>? mutations = null)
    {
        var pendingMutations = mutations?.ToList() ?? new List<Mutation>();
        var mutationOutcomes = new List<MutationOutcome>();
        var stopwatch = Stopwatch.StartNew();
        var units = new List<Unit>();
        var looseFiles = new List<string>();
        foreach (var path in paths.Select(Path.GetFullPath))
        {
            if (Directory.Exists(path))
            {
                units.AddRange(SourceProjects.Find(path).Select(project => new Unit(project.Name, project.Files, project.ImplicitUsings, null, project.AssemblyName, project.References)));
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

        // With mutations, only the files they name are analysed (each alone, bound with its compilation), as the
        // baseline their mutants are compared with: a whole repository per recipe file would cost a full run.
        async Task<IReadOnlyList<Finding>> AnalyzeAsync(Compilation compilation, Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions options)
        {
            if (mutations is null)
            {
                return await Analysis.AnalyzeAsync(compilation, options, cancellationToken).ConfigureAwait(false);
            }

            var (outcomes, originals) = await Mutations.ApplyAsync(compilation, options, pendingMutations, cancellationToken).ConfigureAwait(false);
            mutationOutcomes.AddRange(outcomes);
            return originals;
        }

        var projectCompilations = new ProjectCompilations(units);
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
                    var loaded = await MsBuildProjects.LoadAsync(projectPath, message => progress.WriteLine("note: " + message), cancellationToken).ConfigureAwait(false);
                    loadErrors.AddRange(loaded.Failures);
                    foreach (var (project, compilation) in loaded.Compiled)
                    {
                        findings.AddRange(await AnalyzeAsync(compilation, project.AnalyzerOptions).ConfigureAwait(false));
                        files.UnionWith(project.Documents.Select(document => document.FilePath).OfType<string>());
                        compilations++;
                    }
                }
                else
                {
                    if (mutations is not null && !Mutations.NamesAny(pendingMutations, unit.Files))
                    {
                        projectCompilations.Done(unit);
                        continue;
                    }

                    var compilation = projectCompilations.Get(unit, cancellationToken);
                    findings.AddRange(await AnalyzeAsync(compilation, LooseFiles.Options).ConfigureAwait(false));
                    files.UnionWith(unit.Files);
                    compilations++;
                    projectCompilations.Done(unit);
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
        mutationOutcomes.AddRange(Mutations.Unmatched(pendingMutations));
        return new RunResult(kept, compilations, files.Count, loadErrors, stopwatch.Elapsed, mutationOutcomes);
    }

    private sealed record Unit(string Name, IReadOnlyList<string> Files, bool ImplicitUsings, string? ProjectPath, string AssemblyName, IReadOnlyList<string> References)
    {
        public static Unit Loose(string name, IReadOnlyList<string> files, bool implicitUsings) => new(name, files, implicitUsings, null, name, Array.Empty<string>());

        public static Unit MsBuild(string path) => new(path, Array.Empty<string>(), false, path, path, Array.Empty<string>());
    }

    /// <summary>
    /// The loose compilation of each unit, built on first use and kept only while a unit that references it is still
    /// to be analysed: a repository's projects reference each other, and holding every compilation of a large one at
    /// once would hold all its syntax trees and symbols.
    /// </summary>
    private sealed class ProjectCompilations
    {
        private readonly Dictionary<string, Unit> _units;
        private readonly Dictionary<string, int> _pendingDependents = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Compilation> _kept = new(StringComparer.Ordinal);

        public ProjectCompilations(IEnumerable<Unit> units)
        {
            _units = new Dictionary<string, Unit>(StringComparer.Ordinal);
            foreach (var unit in units.Where(unit => unit.ProjectPath is null))
            {
                _units.TryAdd(unit.Name, unit);
            }

            foreach (var reference in _units.Values.SelectMany(unit => unit.References).Where(_units.ContainsKey))
            {
                _pendingDependents[reference] = _pendingDependents.GetValueOrDefault(reference) + 1;
            }
        }

        /// <summary>The compilation of <paramref name="unit"/>, referencing the compilations of the projects it references.</summary>
        public Compilation Get(Unit unit, CancellationToken cancellationToken) => Get(unit, new HashSet<string>(StringComparer.Ordinal), cancellationToken);

        /// <summary>Lets go of the compilations that no unit still to be analysed references.</summary>
        public void Done(Unit unit)
        {
            foreach (var reference in unit.References.Where(_pendingDependents.ContainsKey))
            {
                if (--_pendingDependents[reference] == 0)
                {
                    _kept.Remove(reference);
                }
            }
        }

        private Compilation Get(Unit unit, HashSet<string> building, CancellationToken cancellationToken)
        {
            if (_kept.TryGetValue(unit.Name, out var kept))
            {
                return kept;
            }

            // A reference cycle (which a real build refuses) is cut where it closes.
            building.Add(unit.Name);
            var references = unit.References
                .Where(name => _units.ContainsKey(name) && !building.Contains(name))
                .Select(name => (MetadataReference)Get(_units[name], building, cancellationToken).ToMetadataReference())
                .ToList();
            building.Remove(unit.Name);
            var compilation = LooseFiles.Compile(unit.AssemblyName, unit.Files, unit.ImplicitUsings, references, cancellationToken);
            if (_pendingDependents.GetValueOrDefault(unit.Name) > 0)
            {
                _kept[unit.Name] = compilation;
            }

            return compilation;
        }
    }
}
