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
    /// The C# projects of <paramref name="path"/> (one per target framework), each compiled. Throws
    /// <see cref="LoadException"/> with one line that says why when the project or solution does not load.
    /// </summary>
    public static async Task<IReadOnlyList<(Project Project, Compilation Compilation)>> LoadAsync(
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

        if (failures.Count > 0)
        {
            throw new LoadException($"{path}: could not be loaded: {failures[0]}");
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
            throw new LoadException($"{path}: has no C# project");
        }

        return compiled;
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

/// <summary>An input that could not be read or loaded; the message is one line that says which and why.</summary>
public sealed class LoadException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public LoadException(string message)
        : base(message)
    {
    }
}
