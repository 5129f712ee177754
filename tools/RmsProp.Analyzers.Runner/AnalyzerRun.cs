using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace RmsProp.Analyzers.Runner;

/// <summary>One diagnostic, located in a file of one folder argument.</summary>
/// <param name="Path">The file, relative to the folder argument it was found under.</param>
/// <param name="Line">One-based line.</param>
/// <param name="Column">One-based column.</param>
/// <param name="Id">The rule id, or AD0001 for an analyzer that threw.</param>
/// <param name="Message">The diagnostic's message.</param>
public sealed record Finding(string Path, int Line, int Column, string Id, string Message);

/// <summary>What one folder argument produced.</summary>
/// <param name="Folder">The folder argument.</param>
/// <param name="Projects">How many compilations it was split into.</param>
/// <param name="Files">How many <c>.cs</c> files were analysed.</param>
/// <param name="Lines">How many lines those files have.</param>
/// <param name="Findings">Every diagnostic the analyzers reported, in file and position order.</param>
/// <param name="AnalyzerExceptions">Exceptions the analyzers threw, as "analyzer: exception" lines.</param>
public sealed record FolderResult(
    string Folder,
    int Projects,
    int Files,
    long Lines,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<string> AnalyzerExceptions);

/// <summary>Runs every analyzer of the RmsProp analyzer assembly over the C# files of a folder.</summary>
public sealed class AnalyzerRun
{
    /// <summary>The id the compiler host gives a diagnostic that stands for an analyzer exception.</summary>
    public const string AnalyzerExceptionId = "AD0001";

    /// <summary>The usings the .NET SDK adds to a project with ImplicitUsings enabled.</summary>
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

    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;
    private readonly ImmutableArray<MetadataReference> _references;

    /// <summary>Loads the analyzers and the running runtime's assemblies, which every compilation references.</summary>
    public AnalyzerRun()
    {
        _analyzers = LoadAnalyzers();
        _references = TrustedPlatformAssemblies();
    }

    /// <summary>The analyzers that run, for the report.</summary>
    public ImmutableArray<DiagnosticAnalyzer> Analyzers => _analyzers;

    /// <summary>The rule ids the analyzers can report, sorted.</summary>
    public IReadOnlyList<string> RuleIds =>
        _analyzers.SelectMany(analyzer => analyzer.SupportedDiagnostics).Select(descriptor => descriptor.Id)
            .Concat(typeof(Rules).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(member => member.FieldType == typeof(DiagnosticDescriptor))
                .Select(member => ((DiagnosticDescriptor)member.GetValue(null)!).Id))
            .Distinct()
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToList();

    /// <summary>Analyses every project under <paramref name="folder"/>, one compilation at a time.</summary>
    public async Task<FolderResult> AnalyzeFolderAsync(string folder, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(folder);
        var projects = SourceProjects.Find(root);
        var findings = new List<Finding>();
        var exceptions = new List<string>();
        var files = 0;
        long lines = 0;

        foreach (var project in projects)
        {
            var trees = new List<SyntaxTree>();
            foreach (var file in project.Files)
            {
                var text = SourceText.From(File.ReadAllText(file));
                trees.Add(CSharpSyntaxTree.ParseText(text, ParseOptions, file, cancellationToken));
                lines += text.Lines.Count;
            }

            files += trees.Count;
            if (project.ImplicitUsings)
            {
                trees.Add(CSharpSyntaxTree.ParseText(SdkImplicitUsings, ParseOptions, Path.Combine(Path.GetDirectoryName(project.Name)!, "obj", "ImplicitUsings.g.cs"), cancellationToken: cancellationToken));
            }

            var (projectFindings, projectExceptions) = await AnalyzeAsync(trees, root, cancellationToken);
            findings.AddRange(projectFindings);
            exceptions.AddRange(projectExceptions);
        }

        var ordered = findings
            .OrderBy(finding => finding.Path, StringComparer.Ordinal)
            .ThenBy(finding => finding.Line)
            .ThenBy(finding => finding.Column)
            .ThenBy(finding => finding.Id, StringComparer.Ordinal)
            .ToList();
        return new FolderResult(root, projects.Count, files, lines, ordered, exceptions);
    }

    private async Task<(IReadOnlyList<Finding> Findings, IReadOnlyList<string> Exceptions)> AnalyzeAsync(
        IReadOnlyList<SyntaxTree> trees, string root, CancellationToken cancellationToken)
    {
        if (_analyzers.IsEmpty || trees.Count == 0)
        {
            return (Array.Empty<Finding>(), Array.Empty<string>());
        }

        var compilation = CSharpCompilation.Create("Analyzed", trees, _references, CompilationOptions);
        var exceptions = new ConcurrentQueue<string>();
        var withAnalyzers = compilation.WithAnalyzers(
            _analyzers,
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, diagnostic) =>
                    exceptions.Enqueue($"{analyzer.GetType().Name} at {Describe(diagnostic.Location, root)}: {exception}"),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false));

        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken);
        var findings = diagnostics.Select(diagnostic =>
        {
            var span = diagnostic.Location.GetLineSpan();
            return new Finding(
                Relative(span.Path, root),
                span.StartLinePosition.Line + 1,
                span.StartLinePosition.Character + 1,
                diagnostic.Id,
                diagnostic.GetMessage());
        }).ToList();
        return (findings, exceptions.ToList());
    }

    private static string Describe(Location location, string root)
    {
        if (!location.IsInSource)
        {
            return "no source location";
        }

        var span = location.GetLineSpan();
        return $"{Relative(span.Path, root)}:{span.StartLinePosition.Line + 1}:{span.StartLinePosition.Character + 1}";
    }

    private static string Relative(string path, string root) =>
        string.IsNullOrEmpty(path) ? "(no file)" : Path.GetRelativePath(root, path);

    private static ImmutableArray<DiagnosticAnalyzer> LoadAnalyzers()
    {
        Type[] types;
        try
        {
            types = typeof(Rules).Assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            // A type that cannot load (a code fix whose dependency is missing) must not hide the analyzers beside it.
            types = partial.Types.OfType<Type>().ToArray();
        }

        return types
            .Where(type => !type.IsAbstract
                && typeof(DiagnosticAnalyzer).IsAssignableFrom(type)
                && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is { } attribute
                && attribute.Languages.Contains(LanguageNames.CSharp))
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();
    }

    /// <summary>
    /// The assemblies of the runtime this tool runs on. They are implementation rather than reference assemblies,
    /// but they declare the same public types, so Math, MathF, Span, Vector and LINQ bind as in a real build.
    /// </summary>
    private static ImmutableArray<MetadataReference> TrustedPlatformAssemblies()
    {
        var paths = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return paths
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
