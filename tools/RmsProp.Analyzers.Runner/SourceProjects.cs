using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace RmsProp.Analyzers.Runner;

/// <summary>The C# files that become one compilation, and how that compilation should be set up.</summary>
/// <param name="Name">The project file, or the folder when no project file owns the files.</param>
/// <param name="Files">Absolute paths of the project's <c>.cs</c> files.</param>
/// <param name="ImplicitUsings">Whether the files get the SDK's implicit global usings: when their project turns them on, and always for files under no project.</param>
public sealed record SourceProject(string Name, IReadOnlyList<string> Files, bool ImplicitUsings);

/// <summary>
/// Splits a folder's C# files into compilations, one per project: the files of the nearest enclosing
/// <c>.csproj</c> compile together, and files under no project compile together per folder argument.
/// </summary>
/// <remarks>
/// One compilation per file would leave every field, base class and helper declared in another file unbound, and
/// the rules follow an average from its declaration to its update and its use. One compilation per folder would
/// put a repository's many projects, and its per-target-framework copies of the same types, into one assembly full
/// of duplicate-definition errors. A project is the unit the compiler itself sees, so binding is as close to a real
/// build as is possible without restoring packages.
/// </remarks>
public static class SourceProjects
{
    private static readonly string[] SkippedFolders = { "bin", "obj", ".git", ".vs", "node_modules" };

    private static readonly Regex ImplicitUsingsEnabled = new(
        @"<ImplicitUsings>\s*(enable|true)\s*</ImplicitUsings>", RegexOptions.IgnoreCase | RegexOptions.Compiled);

    /// <summary>The projects under <paramref name="root"/>, each with the <c>.cs</c> files it owns.</summary>
    public static IReadOnlyList<SourceProject> Find(string root)
    {
        root = Path.GetFullPath(root);
        var projectOf = new Dictionary<string, string?>(StringComparer.Ordinal);
        var groups = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);

        foreach (var file in EnumerateSources(root))
        {
            var owner = NearestProject(Path.GetDirectoryName(file)!, root, projectOf) ?? root;
            if (!groups.TryGetValue(owner, out var files))
            {
                files = new List<string>();
                groups.Add(owner, files);
            }

            files.Add(file);
        }

        return groups
            .Select(group => new SourceProject(
                group.Key,
                group.Value,
                // Files under no project compile as a new project would: with the SDK's implicit usings.
                !group.Key.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || UsesImplicitUsings(group.Key, root)))
            .ToList();
    }

    private static IEnumerable<string> EnumerateSources(string folder)
    {
        IEnumerable<string> files;
        IEnumerable<string> subfolders;
        try
        {
            files = Directory.EnumerateFiles(folder, "*.cs").OrderBy(file => file, StringComparer.Ordinal).ToList();
            subfolders = Directory.EnumerateDirectories(folder).OrderBy(sub => sub, StringComparer.Ordinal).ToList();
        }
        catch (UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var file in files)
        {
            yield return file;
        }

        foreach (var subfolder in subfolders)
        {
            if (SkippedFolders.Contains(Path.GetFileName(subfolder), StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var file in EnumerateSources(subfolder))
            {
                yield return file;
            }
        }
    }

    private static string? NearestProject(string folder, string root, Dictionary<string, string?> cache)
    {
        if (cache.TryGetValue(folder, out var known))
        {
            return known;
        }

        // A folder with several project files (one per target, say) is owned by the first in name order.
        var here = Directory.EnumerateFiles(folder, "*.csproj").OrderBy(file => file, StringComparer.Ordinal).FirstOrDefault();
        var parent = Path.GetDirectoryName(folder);
        var owner = here
            ?? (folder.Length > root.Length && parent is not null ? NearestProject(parent, root, cache) : null);
        cache[folder] = owner;
        return owner;
    }

    /// <summary>The project file or a Directory.Build.props above it, up to the folder argument, turns them on.</summary>
    private static bool UsesImplicitUsings(string projectFile, string root)
    {
        var candidates = new List<string> { projectFile };
        for (var folder = Path.GetDirectoryName(projectFile); folder is not null && folder.Length >= root.Length; folder = Path.GetDirectoryName(folder))
        {
            candidates.Add(Path.Combine(folder, "Directory.Build.props"));
        }

        return candidates.Any(file =>
        {
            try
            {
                return File.Exists(file) && ImplicitUsingsEnabled.IsMatch(File.ReadAllText(file));
            }
            catch (IOException)
            {
                return false;
            }
        });
    }
}
