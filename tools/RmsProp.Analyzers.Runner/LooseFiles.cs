using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace RmsProp.Analyzers.Runner;

/// <summary>
/// Compiles C# files that are not loaded through MSBuild (a folder's files, or files named on the command line) the
/// way the .NET SDK would compile them in a new project: the framework's reference assemblies and, where no project
/// says otherwise, the SDK's implicit global usings.
/// </summary>
public static class LooseFiles
{
    /// <summary>The usings the .NET SDK adds to a project with ImplicitUsings enabled (the default of new projects).</summary>
    private const string SdkImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.None);

    private static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        allowUnsafe: true,
        nullableContextOptions: NullableContextOptions.Enable,
        concurrentBuild: true);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(FrameworkReferences);

    /// <summary>
    /// One compilation of <paramref name="files"/>, named <paramref name="assemblyName"/>, that also references
    /// <paramref name="projectReferences"/> (the compilations of the projects it references). Throws
    /// <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when a file cannot be read.
    /// </summary>
    public static Compilation Compile(
        string assemblyName, IReadOnlyList<string> files, bool implicitUsings, IEnumerable<MetadataReference> projectReferences, CancellationToken cancellationToken)
    {
        var trees = new List<SyntaxTree>(files.Count + 1);
        foreach (var file in files)
        {
            using var stream = File.OpenRead(file);
            var text = SourceText.From(stream, throwIfBinaryDetected: true);
            trees.Add(CSharpSyntaxTree.ParseText(text, ParseOptions, file, cancellationToken));
        }

        if (implicitUsings)
        {
            trees.Add(CSharpSyntaxTree.ParseText(SdkImplicitUsings, ParseOptions, "ImplicitUsings.g.cs", cancellationToken: cancellationToken));
        }

        return CSharpCompilation.Create(assemblyName, trees, References.Value.AddRange(projectReferences), CompilationOptions);
    }

    /// <summary>Analyzer options for loose files: no .editorconfig, no additional files.</summary>
    public static AnalyzerOptions Options { get; } = new(ImmutableArray<AdditionalText>.Empty);

    /// <summary>
    /// The reference assemblies of the framework this tool runs on (packs/Microsoft.NETCore.App.Ref beside the
    /// runtime), as a project targeting it would get them; the runtime's own assemblies when no pack is installed.
    /// </summary>
    private static ImmutableArray<MetadataReference> FrameworkReferences()
    {
        var runtimeFolder = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var version = Environment.Version;
        var dotnetRoot = runtimeFolder is null ? null : Path.GetFullPath(Path.Combine(runtimeFolder, "..", "..", ".."));
        var packs = dotnetRoot is null ? null : Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        if (packs is not null && Directory.Exists(packs))
        {
            var refFolder = Directory.EnumerateDirectories(packs, $"{version.Major}.{version.Minor}.*")
                .OrderByDescending(folder => folder, StringComparer.Ordinal)
                .Select(folder => Path.Combine(folder, "ref", $"net{version.Major}.{version.Minor}"))
                .FirstOrDefault(Directory.Exists);
            if (refFolder is not null)
            {
                return Directory.EnumerateFiles(refFolder, "*.dll")
                    .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
                    .ToImmutableArray();
            }
        }

        var trusted = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return trusted
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
                && Path.GetFileName(path).StartsWith("System", StringComparison.OrdinalIgnoreCase) || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
