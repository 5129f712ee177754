using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security;
using System.Text.RegularExpressions;

namespace RmsProp.Readme.Tests;

/// <summary>
/// Every ```fsharp block of README.md compiles as shown: one generated F# library, a file per block (each its own
/// module), referencing the RmsProp assemblies this test was built with, built once by <c>dotnet build</c>.
/// </summary>
/// <remarks>
/// The F# compiler is run through the SDK rather than FSharp.Compiler.Service: the SDK is already here, and one
/// build of all blocks costs seconds where loading the compiler service in process costs a 40 MB dependency.
/// </remarks>
public sealed class FSharpBlockTests : IDisposable
{
    private static readonly string[] ReferencedAssemblies =
    {
        "RmsProp.Functional", "RmsProp.FSharp", "RmsProp.Laws", "RmsProp.Laws.FSharp", "FsCheck", "FSharp.Core", "xunit.core", "xunit.assert", "xunit.abstractions",
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("readme-fsharp-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Every_block_compiles()
    {
        var blocks = ReadmeBlocks.Read("fsharp");
        Assert.NotEmpty(blocks);

        foreach (var block in blocks)
        {
            // A top-level module per file: the blocks' own open/let lines follow it unchanged.
            File.WriteAllText(Path.Combine(_folder, $"Block{block.Line}.fs"), $"module ReadmeBlock{block.Line}\n\n{block.Code}\n");
        }

        var references = string.Join("\n", ReferencedAssemblies.Select(name =>
            $"    <Reference Include=\"{name}\"><HintPath>{SecurityElement.Escape(Path.Combine(AppContext.BaseDirectory, name + ".dll"))}</HintPath></Reference>"));
        var compiles = string.Join("\n", blocks.Select(block => $"    <Compile Include=\"Block{block.Line}.fs\" />"));
        File.WriteAllText(Path.Combine(_folder, "ReadmeBlocks.fsproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <DisableImplicitFSharpCoreReference>true</DisableImplicitFSharpCoreReference>
                <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
                <NoWarn>$(NoWarn);FS0988</NoWarn>
              </PropertyGroup>
              <ItemGroup>
            {compiles}
              </ItemGroup>
              <ItemGroup>
            {references}
              </ItemGroup>
            </Project>
            """);

        var start = new ProcessStartInfo("dotnet", "build -nologo -v q -clp:NoSummary")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var build = Process.Start(start)!;
        var log = build.StandardOutput.ReadToEnd() + build.StandardError.ReadToEnd();
        build.WaitForExit();

        var errors = Regex.Matches(log, @"Block(?<block>\d+)\.fs\((?<line>\d+),(?<column>\d+)\): error (?<message>[^\[\r\n]+)")
            .Select(match => $"README.md:{match.Groups["block"].Value} block, line {int.Parse(match.Groups["line"].Value) - 2} of the block: {match.Groups["message"].Value.Trim()}")
            .Distinct()
            .ToList();
        Assert.True(build.ExitCode == 0 && errors.Count == 0, $"the README's F# blocks do not compile:\n{string.Join("\n", errors)}\n{(errors.Count == 0 ? log : string.Empty)}");
    }
}
