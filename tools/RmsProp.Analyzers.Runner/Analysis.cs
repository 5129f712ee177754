using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RmsProp.Analyzers.Runner;

/// <summary>Runs the analyzers of the RmsProp analyzer assembly over one compilation.</summary>
public static class Analysis
{
    /// <summary>The id the compiler host gives a diagnostic that stands for an analyzer exception.</summary>
    public const string AnalyzerExceptionId = "AD0001";

    /// <summary>
    /// Compiler errors that mean a name did not resolve: an unknown name, type, namespace or member, or a type from an
    /// assembly that is not referenced. In a file that takes a square root they leave the rules blind.
    /// </summary>
    private static readonly ImmutableHashSet<string> UnresolvedNameErrors =
        ImmutableHashSet.Create("CS0012", "CS0103", "CS0117", "CS0234", "CS0246", "CS1061");

    /// <summary>Every C# analyzer of the analyzer assembly, in name order.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = LoadAnalyzers();

    /// <summary>Every rule the analyzers can report, in id order.</summary>
    public static ImmutableArray<DiagnosticDescriptor> Descriptors { get; } = Analyzers
        .SelectMany(analyzer => analyzer.SupportedDiagnostics)
        .GroupBy(descriptor => descriptor.Id, StringComparer.Ordinal)
        .Select(group => group.First())
        .OrderBy(descriptor => descriptor.Id, StringComparer.Ordinal)
        .ToImmutableArray();

    /// <summary>
    /// The rules' findings in <paramref name="compilation"/>, and a <see cref="Finding.NotBoundId"/> report for each
    /// file that takes a square root but has names that do not resolve.
    /// </summary>
    public static async Task<IReadOnlyList<Finding>> AnalyzeAsync(
        Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var exceptions = new ConcurrentQueue<Finding>();
        var diagnostics = await WithRules(compilation, options, exceptions).GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        return ToFindings(diagnostics, exceptions)
            .Concat(compilation.SyntaxTrees.SelectMany(tree => NotBound(compilation, tree, cancellationToken)))
            .ToList();
    }

    /// <summary>
    /// The rules' findings in one file of <paramref name="compilation"/>, bound with the rest of the compilation: the
    /// rules run on the types the file declares, as an editor runs them on an open file (a finding that needs the whole
    /// compilation, such as a reset by a caller in another file, is not among them).
    /// </summary>
    public static async Task<IReadOnlyList<Finding>> AnalyzeTreeAsync(
        Compilation compilation, SyntaxTree tree, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var exceptions = new ConcurrentQueue<Finding>();
        var withAnalyzers = WithRules(compilation, options, exceptions);
        var semantic = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), null, cancellationToken).ConfigureAwait(false);
        var syntactic = await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(tree, cancellationToken).ConfigureAwait(false);
        return ToFindings(semantic.AddRange(syntactic), exceptions)
            .Concat(NotBound(compilation, tree, cancellationToken))
            .Distinct()
            .ToList();
    }

    private static CompilationWithAnalyzers WithRules(Compilation compilation, AnalyzerOptions options, ConcurrentQueue<Finding> exceptions) =>
        compilation.WithAnalyzers(
            Analyzers,
            new CompilationWithAnalyzersOptions(
                options,
                onAnalyzerException: (exception, analyzer, diagnostic) => exceptions.Enqueue(
                    At(diagnostic.Location, AnalyzerExceptionId, DiagnosticSeverity.Warning, $"{analyzer.GetType().Name} threw {exception.GetType().Name}: {exception.Message}", null)),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: false));

    private static IEnumerable<Finding> ToFindings(ImmutableArray<Diagnostic> diagnostics, ConcurrentQueue<Finding> exceptions) =>
        diagnostics
            .Where(diagnostic => diagnostic.Severity != DiagnosticSeverity.Hidden || diagnostic.Id.StartsWith("RMSP", StringComparison.Ordinal))
            .Select(diagnostic => At(diagnostic.Location, diagnostic.Id, diagnostic.Severity, diagnostic.GetMessage(), diagnostic.Descriptor.HelpLinkUri))
            .Concat(exceptions);

    /// <summary>A report when <paramref name="tree"/> takes a square root (the shape every rule looks for) and has unresolved names.</summary>
    private static IEnumerable<Finding> NotBound(Compilation compilation, SyntaxTree tree, CancellationToken cancellationToken)
    {
        var root = tree.GetRoot(cancellationToken);
        var takesRoot = root.DescendantNodes().OfType<SimpleNameSyntax>()
            .Any(name => name.Identifier.ValueText.IndexOf("Sqrt", StringComparison.Ordinal) >= 0
                || name.Identifier.ValueText == "SquareRoot");
        if (!takesRoot)
        {
            yield break;
        }

        // An attribute or a using directive that does not resolve (annotations from a package, say) leaves every
        // statement the rules read bound; a name in code does not.
        var unresolved = compilation.GetSemanticModel(tree).GetDiagnostics(cancellationToken: cancellationToken)
            .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error && UnresolvedNameErrors.Contains(diagnostic.Id))
            .Where(diagnostic => !root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                .AncestorsAndSelf().Any(node => node is AttributeSyntax or UsingDirectiveSyntax))
            .OrderBy(diagnostic => diagnostic.Location.SourceSpan.Start)
            .ToList();
        if (unresolved.Count > 0)
        {
            yield return At(
                unresolved[0].Location,
                Finding.NotBoundId,
                DiagnosticSeverity.Error,
                $"the file takes a square root but {unresolved.Count} name(s) do not resolve ({unresolved[0].Id}: {unresolved[0].GetMessage()}); the rules could not check it",
                null);
        }
    }

    private static Finding At(Location location, string id, DiagnosticSeverity severity, string message, string? helpLink)
    {
        var span = location.GetMappedLineSpan();
        return new Finding(
            string.IsNullOrEmpty(span.Path) ? "(no file)" : span.Path,
            span.StartLinePosition.Line + 1,
            span.StartLinePosition.Character + 1,
            id,
            severity,
            message,
            string.IsNullOrEmpty(helpLink) ? null : helpLink);
    }

    private static ImmutableArray<DiagnosticAnalyzer> LoadAnalyzers()
    {
        Type[] types;
        try
        {
            types = typeof(RmsProp.Analyzers.RmsPropAnalyzer).Assembly.GetTypes();
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
}
