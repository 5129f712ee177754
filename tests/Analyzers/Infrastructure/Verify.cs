using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace RmsProp.Analyzers.Tests.Infrastructure;

/// <summary>
/// Analyzer and code-fix verification on Microsoft.CodeAnalysis.Testing. Sources use its markup: <c>[|...|]</c>
/// marks the exact span that must be flagged, and a source without markup must produce no diagnostic at all.
/// </summary>
/// <remarks>
/// The library's <c>ReferenceAssemblies.Net.Net80</c> downloads Microsoft.NETCore.App.Ref 8.0.0 at test time, a version
/// the package source here does not serve; the running runtime's own assemblies serve as references instead (the
/// rules read only System types, which both have).
/// </remarks>
public static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>Asserts that the analyzer reports exactly the marked spans of <paramref name="source"/>.</summary>
    public static Task Diagnostics(string source)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = RuntimeReferences.None,
        };
        test.TestState.AdditionalReferences.AddRange(RuntimeReferences.All);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>Asserts the marked diagnostics, then that <typeparamref name="TFix"/> turns the source into <paramref name="fixedSource"/> exactly.</summary>
    public static Task Fix<TFix>(string source, string fixedSource)
        where TFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = RuntimeReferences.None,
        };
        test.TestState.AdditionalReferences.AddRange(RuntimeReferences.All);
        test.FixedState.AdditionalReferences.AddRange(RuntimeReferences.All);
        return test.RunAsync(CancellationToken.None);
    }
}

/// <summary>
/// Verification with all six rules at once, for sources where several rules fire on one line: the markup names each
/// rule (<c>{|RMSP001:...|}</c>), and a rule that fires where none is marked fails the test.
/// </summary>
public static class VerifyAllRules
{
    /// <summary>Asserts that the six analyzers together report exactly the marked diagnostics.</summary>
    public static Task Diagnostics(string source)
    {
        var test = new AllRulesTest
        {
            TestCode = source,
            ReferenceAssemblies = RuntimeReferences.None,
        };
        test.TestState.AdditionalReferences.AddRange(RuntimeReferences.All);
        return test.RunAsync(CancellationToken.None);
    }

    private sealed class AllRulesTest : CSharpAnalyzerTest<Rmsp001RawGradientAnalyzer, DefaultVerifier>
    {
        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() =>
        [
            new Rmsp001RawGradientAnalyzer(),
            new Rmsp002MissingEpsilonAnalyzer(),
            new Rmsp003SwappedWeightsAnalyzer(),
            new Rmsp004AccumulatorResetAnalyzer(),
            new Rmsp005StaleAverageAnalyzer(),
            new Rmsp006DecayRateAnalyzer(),
        ];
    }
}

/// <summary>The harness's shared .NET 8 references, as the library's reference-set type wants them.</summary>
internal static class RuntimeReferences
{
    /// <summary>A reference set that resolves nothing by itself (no package download).</summary>
    public static ReferenceAssemblies None { get; } = new("net8.0");

    /// <summary>The .NET 8 reference assemblies every harness test compiles against.</summary>
    public static ImmutableArray<MetadataReference> All => RmsProp.Analyzers.Tests.Harness.TestCompilation.References;
}
