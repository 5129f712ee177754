using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RmsProp.Readme.Tests;

/// <summary>
/// Every ```csharp block of README.md compiles as shown, each on its own, as a file of a new console project would:
/// the SDK's implicit usings, the framework, and the RmsProp libraries (with xunit, which a test block uses).
/// </summary>
public sealed class CSharpBlockTests
{
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    public static TheoryData<int> Blocks()
    {
        var lines = new TheoryData<int>();
        foreach (var block in ReadmeBlocks.Read("csharp"))
        {
            lines.Add(block.Line);
        }

        return lines;
    }

    [Fact]
    public void The_readme_has_csharp_blocks()
    {
        Assert.NotEmpty(ReadmeBlocks.Read("csharp"));
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Block_compiles(int line)
    {
        var block = ReadmeBlocks.Read("csharp").Single(candidate => candidate.Line == line);
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var tree = CSharpSyntaxTree.ParseText(block.Code, options, $"README.md:{line}");
        var hasTopLevelStatements = tree.GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any();
        var compilation = CSharpCompilation.Create(
            "ReadmeBlock" + line,
            new[] { tree, CSharpSyntaxTree.ParseText(ImplicitUsings, options) },
            References.Value,
            new CSharpCompilationOptions(
                hasTopLevelStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable));

        var errors = compilation.GetDiagnostics()
            .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
            .Select(diagnostic => $"line {diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1} of the block: {diagnostic.Id} {diagnostic.GetMessage()}")
            .ToList();
        Assert.True(errors.Count == 0, $"{block} does not compile:\n{string.Join("\n", errors)}\n---\n{block.Code}");
    }
}
