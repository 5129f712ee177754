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
/// <param name="AssemblyName">The assembly the project builds (its <c>AssemblyName</c>, else its file name), so that <c>InternalsVisibleTo</c> between its projects holds.</param>
/// <param name="References">The <see cref="Name"/>s of the other projects of the folder it references, directly or through them, in no particular order.</param>
public sealed record SourceProject(string Name, IReadOnlyList<string> Files, bool ImplicitUsings, string AssemblyName, IReadOnlyList<string> References);

/// <summary>
/// Splits a folder's C# files into compilations, one per project: the files of the nearest enclosing
/// <c>.csproj</c> compile together, and files under no project compile together per folder argument.
/// </summary>
/// <remarks>
/// One compilation per file would leave every field, base class and helper declared in another file unbound, and
/// the rules follow an average from its declaration to its update and its use. One compilation per folder would
/// put a repository's many projects, and its per-target-framework copies of the same types, into one assembly full
/// of duplicate-definition errors. A project is the unit the compiler itself sees, so binding is as close to a real
/// build as is possible without restoring packages. A project's <c>ProjectReference</c>s to other projects of the
/// folder are followed (transitively, as the SDK does), so an optimizer whose state types live in a sibling project
/// binds; package references are not.
/// </remarks>
public static class SourceProjects
{
    private static readonly string[] SkippedFolders = { "bin", "obj", ".git", ".vs", "node_modules" };

    private static readonly Regex ImplicitUsingsEnabled = new(
        @"<ImplicitUsings>\s*(enable|true)\s*</ImplicitUsings>", RegexOptions.IgnoreCase | RegexOptions.Compiled);

    private static readonly Regex ProjectReference = new(
        @"<ProjectReference\s+Include\s*=\s*""(?<path>[^""]+)""", RegexOptions.IgnoreCase | RegexOptions.Compiled);

    private static readonly Regex PlainAssemblyName = new(
        @"<AssemblyName>\s*(?<name>[^<$]+?)\s*</AssemblyName>", RegexOptions.IgnoreCase | RegexOptions.Compiled);

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

        var direct = groups.Keys.ToDictionary(name => name, name => DirectReferences(name, groups), StringComparer.Ordinal);
        return groups
            .Select(group => new SourceProject(
                group.Key,
                group.Value,
                // Files under no project compile as a new project would: with the SDK's implicit usings.
                !IsProjectFile(group.Key) || UsesImplicitUsings(group.Key, root),
                AssemblyNameOf(group.Key),
                TransitiveReferences(group.Key, direct)))
            .ToList();
    }

    private static bool IsProjectFile(string name) => name.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The projects of the folder that <paramref name="project"/> names in a <c>ProjectReference</c>. Repositories
    /// written on Windows spell these paths with backslashes and in any case, so both are forgiven; a reference to a
    /// project file that owns no files (a second project in the same folder) goes to the project that owns them.
    /// </summary>
    private static List<string> DirectReferences(string project, IDictionary<string, List<string>> groups)
    {
        var found = new List<string>();
        if (!IsProjectFile(project))
        {
            return found;
        }

        string text;
        try
        {
            text = File.ReadAllText(project);
        }
        catch (IOException)
        {
            return found;
        }

        var folder = Path.GetDirectoryName(project)!;
        foreach (Match match in ProjectReference.Matches(text))
        {
            var include = match.Groups["path"].Value.Replace('\\', Path.DirectorySeparatorChar);
            if (include.Contains("$(", StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.GetFullPath(Path.Combine(folder, include));
            var owner = groups.Keys.FirstOrDefault(name => string.Equals(name, target, StringComparison.OrdinalIgnoreCase))
                ?? groups.Keys.Where(IsProjectFile)
                    .FirstOrDefault(name => string.Equals(Path.GetDirectoryName(name), Path.GetDirectoryName(target), StringComparison.OrdinalIgnoreCase));
            if (owner is not null && owner != project && !found.Contains(owner))
            {
                found.Add(owner);
            }
        }

        return found;
    }

    private static IReadOnlyList<string> TransitiveReferences(string project, IReadOnlyDictionary<string, List<string>> direct)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { project };
        var pending = new Stack<string>(direct[project]);
        var all = new List<string>();
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (!seen.Add(next))
            {
                continue;   // a cycle, or a diamond already followed
            }

            all.Add(next);
            foreach (var further in direct[next])
            {
                pending.Push(further);
            }
        }

        return all;
    }

    private static string AssemblyNameOf(string name)
    {
        if (!IsProjectFile(name))
        {
            return Path.GetFileName(name);
        }

        try
        {
            var match = PlainAssemblyName.Match(File.ReadAllText(name));
            if (match.Success)
            {
                return match.Groups["name"].Value;
            }
        }
        catch (IOException)
        {
            // The file name stands in, as it does for a project that names no assembly.
        }

        return Path.GetFileNameWithoutExtension(name);
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

        // A folder with several project files (one per target or per package, say) is owned by the one named after the
        // folder, as `dotnet new` names it and as the others' ProjectReferences usually point, else by the first in name order.
        var here = Directory.EnumerateFiles(folder, "*.csproj")
            .OrderBy(file => string.Equals(Path.GetFileNameWithoutExtension(file), Path.GetFileName(folder), StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(file => file, StringComparer.Ordinal)
            .FirstOrDefault();
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
