using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RmsProp.Analyzers.Tests.Harness;

/// <summary>
/// What every test compilation shares, built once per test run: .NET 8 reference assemblies, the C# version the
/// analyzer's oldest supported Roslyn understands, and one instance of every analyzer and code fix the analyzer
/// assembly ships.
/// </summary>
public static class TestCompilation
{
    /// <summary>The diagnostic the driver reports when an analyzer throws.</summary>
    public const string AnalyzerExceptionId = "AD0001";

    /// <summary>
    /// C# 11, what Roslyn 4.5 (the analyzer's floor) parses, so what compiles here is what a user on the oldest
    /// supported SDK writes.
    /// </summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp11);

    /// <summary>
    /// A library with unsafe code allowed (the corpus has pointer kernels) and the compiler's default nullable context
    /// (off), so a source states <c>#nullable enable</c> when a fix must see it.
    /// </summary>
    public static readonly CSharpCompilationOptions CompilationOptions = new(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true);

    /// <summary>
    /// The .NET 8 reference assemblies, from Basic.Reference.Assemblies: they ship inside a package, so no test
    /// resolves or downloads a targeting pack at run time, and the running runtime's version does not leak in.
    /// </summary>
    public static readonly ImmutableArray<MetadataReference> References =
        Basic.Reference.Assemblies.Net80.References.All.Cast<MetadataReference>().ToImmutableArray();

    /// <summary>
    /// An empty compilation whose references are bound once; test compilations add their trees to it, which reuses
    /// that binding instead of redoing it for each of the thousands of compilations a test run makes.
    /// </summary>
    public static readonly CSharpCompilation Empty = CSharpCompilation.Create("Test", references: References, options: CompilationOptions);

    /// <summary>
    /// One instance of every analyzer the assembly ships, found by reflection so that a rule added later is covered
    /// by the corpus and robustness tests without touching them. Analyzers are stateless and thread-safe, so the
    /// instances are shared between tests as an IDE shares them between documents.
    /// </summary>
    public static readonly ImmutableArray<DiagnosticAnalyzer> AllAnalyzers =
        typeof(RmsPropAnalyzer).Assembly.GetTypes()
            .Where(type => !type.IsAbstract
                && typeof(DiagnosticAnalyzer).IsAssignableFrom(type)
                && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is { } attribute
                && attribute.Languages.Contains(LanguageNames.CSharp))
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();

    /// <summary>Every code fix the assembly ships.</summary>
    public static readonly ImmutableArray<CodeFixProvider> AllCodeFixes =
        typeof(RmsPropAnalyzer).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(type) && type.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null)
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (CodeFixProvider)Activator.CreateInstance(type)!)
            .ToImmutableArray();

    /// <summary>The IDs of every descriptor the shipped analyzers report.</summary>
    public static readonly ImmutableHashSet<string> RuleIds =
        AllAnalyzers.SelectMany(analyzer => analyzer.SupportedDiagnostics).Select(descriptor => descriptor.Id).ToImmutableHashSet();

    /// <summary>The shipped analyzers that can report <paramref name="ruleId"/>.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> AnalyzersFor(string ruleId) =>
        AllAnalyzers.Where(analyzer => analyzer.SupportedDiagnostics.Any(descriptor => descriptor.Id == ruleId)).ToImmutableArray();

    /// <summary>A one-file compilation of <paramref name="source"/>.</summary>
    public static CSharpCompilation Compile(string source, string path = "Test.cs") =>
        Empty.AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, ParseOptions, path));

    /// <summary>A diagnostic as a person reads it: id, line:column, and the text it points at.</summary>
    public static string Describe(Diagnostic diagnostic)
    {
        var position = diagnostic.Location.GetLineSpan().StartLinePosition;
        var text = diagnostic.Location.IsInSource
            ? diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan)
            : string.Empty;
        return $"{diagnostic.Id} at {position.Line + 1}:{position.Character + 1} '{text}': {diagnostic.GetMessage()}";
    }
}
