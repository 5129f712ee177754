using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Build.Locator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace RmsProp.Analyzers.Runner;

/// <summary>
/// Loads a project or a solution the way <c>dotnet build</c> sees it (MSBuildWorkspace over the installed .NET SDK,
/// found by Microsoft.Build.Locator): its references, its target frameworks, its .editorconfig severities.
/// </summary>
public static class MsBuildProjects
{
    private static readonly object RegistrationLock = new();

    /// <summary>Whether <paramref name="path"/> names a project or a solution this class loads.</summary>
    public static bool IsProjectOrSolution(string path) =>
        path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || IsSolution(path);

    /// <summary>
    /// The C# projects of <paramref name="path"/> (one per target framework), each compiled, and one line for each
    /// failure MSBuild reported while loading them (a package that did not restore, a project that did not evaluate).
    /// A solution whose one project fails still yields the others: the failures go with them, so the caller reports
    /// both. Throws <see cref="LoadException"/> with one line that says why when nothing loads.
    /// </summary>
    public static async Task<LoadedProjects> LoadAsync(
        string path, Action<string> warn, CancellationToken cancellationToken)
    {
        RegisterSdk();
        using var workspace = MSBuildWorkspace.Create();
        var failures = new List<string>();
        using var failureHandler = workspace.RegisterWorkspaceFailedHandler(args =>
        {
            var message = args.Diagnostic.Message.ReplaceLineEndings(" ");
            if (args.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure)
            {
                failures.Add(message);
            }
            else
            {
                warn(message);
            }
        });

        IEnumerable<Project> projects;
        try
        {
            projects = IsSolution(path)
                ? (await workspace.OpenSolutionAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false)).Projects
                : new[] { await workspace.OpenProjectAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false) };
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new LoadException($"{path}: could not be loaded: {exception.Message.ReplaceLineEndings(" ")}");
        }

        var compiled = new List<(Project, Compilation)>();
        foreach (var project in projects.Where(project => project.Language == LanguageNames.CSharp).OrderBy(project => project.Name, StringComparer.Ordinal))
        {
            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new LoadException($"{project.FilePath}: could not be compiled");
            compiled.Add((project, compilation));
        }

        if (compiled.Count == 0)
        {
            throw new LoadException(failures.Count > 0 ? $"{path}: could not be loaded: {failures[0]}" : $"{path}: has no C# project");
        }

        return new LoadedProjects(compiled, failures.Distinct(StringComparer.Ordinal).Select(failure => $"{path}: not fully loaded: {failure}").ToList());
    }

    private static bool IsSolution(string path) =>
        path.EndsWith(".sln", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase);

    /// <summary>Points MSBuild at the newest installed .NET SDK, once per process.</summary>
    private static void RegisterSdk()
    {
        lock (RegistrationLock)
        {
            if (MSBuildLocator.IsRegistered)
            {
                return;
            }

            var instance = MSBuildLocator.QueryVisualStudioInstances()
                .OrderByDescending(candidate => candidate.Version)
                .FirstOrDefault()
                ?? throw new LoadException("no .NET SDK found to load projects with (install the .NET SDK, or pass a folder or files instead)");
            MSBuildLocator.RegisterInstance(instance);
        }
    }
}

/// <summary>The projects of one project or solution that compiled, and what MSBuild failed to load on the way.</summary>
/// <param name="Compiled">Each C# project (one per target framework) with its compilation.</param>
/// <param name="Failures">One line per load failure, naming the project or solution.</param>
public sealed record LoadedProjects(IReadOnlyList<(Project Project, Compilation Compilation)> Compiled, IReadOnlyList<string> Failures);

/// <summary>An input that could not be read or loaded; the message is one line that says which and why.</summary>
public sealed class LoadException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public LoadException(string message)
        : base(message)
    {
    }
}
