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
using Microsoft.CodeAnalysis.Testing;

namespace RmsProp.Analyzers.Tests.CorpusTests;

/// <summary>The outcome of running analyzers over one compilation.</summary>
/// <param name="CompilerErrors">Errors the compiler itself reports; a corpus file must have none.</param>
/// <param name="AnalyzerDiagnostics">What the analyzers reported, including AD0001 if one of them threw.</param>
/// <param name="AnalyzerExceptions">Exceptions an analyzer threw, as the driver handed them to the exception hook.</param>
public sealed record AnalysisResult(
    ImmutableArray<Diagnostic> CompilerErrors,
    ImmutableArray<Diagnostic> AnalyzerDiagnostics,
    ImmutableArray<(DiagnosticAnalyzer Analyzer, Exception Exception)> AnalyzerExceptions);

/// <summary>
/// Runs every analyzer of the analyzer assembly over a source the way a compiler host does, but with an exception
/// hook, so tests see both what the analyzers report and whether one of them crashed.
/// </summary>
public static class AnalyzerHarness
{
    /// <summary>The diagnostic the driver reports when an analyzer throws.</summary>
    public const string AnalyzerExceptionId = "AD0001";

    /// <summary>
    /// The corpus targets .NET 8 and the C# version the analyzer's Roslyn (4.5) understands, so what compiles here
    /// is what a user on the oldest supported SDK writes.
    /// </summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp11);

    private static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        allowUnsafe: true,
        nullableContextOptions: NullableContextOptions.Enable);

    /// <summary>
    /// .NET 8 reference assemblies. The package source here does not serve Microsoft.NETCore.App.Ref 8.0.0, the
    /// version <c>ReferenceAssemblies.Net.Net80</c> asks for, so the harness names a servicing release it does serve
    /// (the one the SDK restores for the net8.0 target of RmsProp.Functional); the public surface of a ref pack does
    /// not change between servicing releases.
    /// </summary>
    public static readonly ReferenceAssemblies Net80 = new(
        "net8.0",
        new PackageIdentity("Microsoft.NETCore.App.Ref", "8.0.31"),
        Path.Combine("ref", "net8.0"));

    private static readonly Lazy<Task<ImmutableArray<MetadataReference>>> Net80References = new(
        () => Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// One instance of every analyzer the assembly ships, found by reflection so a rule added later is covered by
    /// the corpus and robustness tests without touching them.
    /// </summary>
    public static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers() =>
        typeof(Rules).Assembly.GetTypes()
            .Where(type => !type.IsAbstract
                && typeof(DiagnosticAnalyzer).IsAssignableFrom(type)
                && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is { } attribute
                && attribute.Languages.Contains(LanguageNames.CSharp))
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();

    /// <summary>The IDs of every descriptor in <see cref="Rules"/>.</summary>
    public static ImmutableHashSet<string> RuleIds() =>
        typeof(Rules).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
            .Select(field => ((DiagnosticDescriptor)field.GetValue(null)!).Id)
            .ToImmutableHashSet();

    /// <summary>The .NET 8 reference assemblies, resolved once per test run.</summary>
    public static Task<ImmutableArray<MetadataReference>> ReferencesAsync() => Net80References.Value;

    /// <summary>Compiles <paramref name="source"/> as a one-file library against .NET 8.</summary>
    public static async Task<CSharpCompilation> CompileAsync(string source, string path)
    {
        var references = await ReferencesAsync().ConfigureAwait(false);
        var tree = CSharpSyntaxTree.ParseText(source, ParseOptions, path);
        return CSharpCompilation.Create("Corpus", new[] { tree }, references, CompilationOptions);
    }

    /// <summary>Runs <paramref name="analyzers"/> over <paramref name="compilation"/>, catching what they throw.</summary>
    public static async Task<AnalysisResult> AnalyzeAsync(
        Compilation compilation,
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        CancellationToken cancellationToken = default)
    {
        var exceptions = new ConcurrentQueue<(DiagnosticAnalyzer, Exception)>();
        var compilerErrors = compilation.GetDiagnostics(cancellationToken)
            .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
            .ToImmutableArray();
        if (analyzers.IsEmpty)
        {
            return new AnalysisResult(compilerErrors, ImmutableArray<Diagnostic>.Empty, ImmutableArray<(DiagnosticAnalyzer, Exception)>.Empty);
        }

        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, _) => exceptions.Enqueue((analyzer, exception)),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
        var analyzerDiagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        return new AnalysisResult(compilerErrors, analyzerDiagnostics, exceptions.ToImmutableArray());
    }

    /// <summary>A diagnostic as a person reads it: id, line:column, and the text it points at.</summary>
    public static string Describe(Diagnostic diagnostic)
    {
        var position = diagnostic.Location.GetLineSpan().StartLinePosition;
        var text = diagnostic.Location.IsInSource
            ? diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan)
            : string.Empty;
        return $"{diagnostic.Id} at {position.Line + 1}:{position.Character + 1} '{text}': {diagnostic.GetMessage()}";
    }

    /// <summary>A readable list of analyzer exceptions, with the stack so the rule author can find the line.</summary>
    public static string Describe(IEnumerable<(DiagnosticAnalyzer Analyzer, Exception Exception)> exceptions) =>
        string.Join(Environment.NewLine, exceptions.Select(pair => $"{pair.Analyzer.GetType().Name}: {pair.Exception}"));
}
