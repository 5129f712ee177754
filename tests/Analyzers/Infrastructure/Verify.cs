using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace RmsProp.Analyzers.Tests.Infrastructure;

/// <summary>
/// Analyzer and code-fix verification on Microsoft.CodeAnalysis.Testing. Sources use its markup: <c>[|...|]</c>
/// marks the exact span that must be flagged, and a source without markup must produce no diagnostic at all.
/// </summary>
public static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>Asserts that the analyzer reports exactly the marked spans of <paramref name="source"/>.</summary>
    public static Task Diagnostics(string source)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
        };
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
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
        };
        return test.RunAsync(CancellationToken.None);
    }
}
