using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using RmsProp.Analyzers.Tests.Infrastructure;

namespace RmsProp.Analyzers.Tests.Fixes;

/// <summary>The no-fix counterpart of <see cref="Verify{TAnalyzer}.Fix{TFix}"/>.</summary>
internal static class FixVerify<TAnalyzer, TFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TFix : CodeFixProvider, new()
{
    /// <summary>Asserts the marked diagnostics and that <typeparamref name="TFix"/> offers no code action for them.</summary>
    public static Task NoFix(string source)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = source,
            ReferenceAssemblies = RuntimeReferences.None,
        };
        test.TestState.AdditionalReferences.AddRange(RuntimeReferences.All);
        test.FixedState.AdditionalReferences.AddRange(RuntimeReferences.All);
        return test.RunAsync(CancellationToken.None);
    }
}
