using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace RmsProp.Readme.Tests;

/// <summary>One fenced code block of README.md.</summary>
/// <param name="Language">The fence's language: csharp or fsharp.</param>
/// <param name="Line">The one-based line of the opening fence.</param>
/// <param name="Code">The block's text.</param>
public sealed record ReadmeBlock(string Language, int Line, string Code)
{
    /// <inheritdoc/>
    public override string ToString() => $"README.md:{Line} ({Language})";
}

/// <summary>Reads README.md's fenced C# and F# blocks.</summary>
public static class ReadmeBlocks
{
    private static readonly Regex Fence = new(@"^```(?<language>[A-Za-z#+-]*)\s*$");

    /// <summary>The repository's README.md: found by walking up from the test's folder.</summary>
    public static string ReadmePath()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "README.md");
            if (File.Exists(candidate) && File.Exists(Path.Combine(folder.FullName, "RmsProp.sln")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("no README.md beside RmsProp.sln above " + AppContext.BaseDirectory);
    }

    /// <summary>Every block fenced as <paramref name="language"/>, in order.</summary>
    public static IReadOnlyList<ReadmeBlock> Read(string language)
    {
        var lines = File.ReadAllLines(ReadmePath());
        var blocks = new List<ReadmeBlock>();
        for (var index = 0; index < lines.Length; index++)
        {
            var open = Fence.Match(lines[index]);
            if (!open.Success || open.Groups["language"].Value.Length == 0)
            {
                continue;
            }

            var end = index + 1;
            while (end < lines.Length && lines[end].TrimEnd() != "```")
            {
                end++;
            }

            if (open.Groups["language"].Value == language)
            {
                blocks.Add(new ReadmeBlock(language, index + 1, string.Join("\n", lines[(index + 1)..end])));
            }

            index = end;
        }

        return blocks;
    }
}
