using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using RmsProp.Analyzers.Runner;

namespace RmsProp.Analyzers.Tool.Tests;

/// <summary>rmsprop-analyze from its command line: what it prints, the SARIF it writes, and its exit codes.</summary>
public sealed class ToolTests : IDisposable
{
    private static readonly Regex FindingLine = new(
        @"^(?<path>.+)\((?<line>\d+),(?<column>\d+)\): warning (?<id>RMSP\d{3}): (?<message>.+) \((?<help>https://\S+/docs/rules/\k<id>\.md)\)$",
        RegexOptions.Multiline);

    private static readonly string[] RuleIds = { "RMSP001", "RMSP002", "RMSP003", "RMSP004", "RMSP005", "RMSP006" };

    private readonly string _temp = Directory.CreateTempSubdirectory("rmsprop-analyze-").FullName;

    private static string Mistakes => Path.Combine(AppContext.BaseDirectory, "Mistakes");

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public async Task A_folder_of_mistakes_gives_one_compiler_style_line_per_rule_and_exit_1()
    {
        var (exit, output, error) = await Run(Mistakes);

        Assert.Equal(Program.Findings, exit);
        var lines = FindingLine.Matches(output).ToList();
        Assert.Equal(RuleIds, lines.Select(match => match.Groups["id"].Value).OrderBy(id => id, StringComparer.Ordinal));
        foreach (var match in lines)
        {
            // Each mistake file is named after the rule it commits.
            Assert.StartsWith(match.Groups["id"].Value.Replace("RMSP", "Rmsp"), Path.GetFileName(match.Groups["path"].Value));
        }

        Assert.Contains("6 finding(s), 0 file(s) not bound", output);
        Assert.DoesNotContain("error", error);
    }

    [Fact]
    public async Task Loose_files_get_the_implicit_usings_so_Math_binds_without_using_System()
    {
        var file = Write("NoUsing.cs", OptimizerStep("w[i] -= 0.01 * g[i] / Math.Sqrt(_s[i]);"));

        var (exit, output, _) = await Run(file);

        Assert.Equal(Program.Findings, exit);
        Assert.Equal("RMSP002", Assert.Single(FindingLine.Matches(output)).Groups["id"].Value);
    }

    [Fact]
    public async Task A_correct_step_is_clean_and_exits_0()
    {
        var file = Write("Correct.cs", OptimizerStep("w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);"));

        var (exit, output, _) = await Run(file);

        Assert.Equal(Program.Clean, exit);
        Assert.Empty(FindingLine.Matches(output));
        Assert.Contains("0 finding(s), 0 file(s) not bound, 0 load error(s); 1 file(s)", output);
    }

    [Fact]
    public async Task A_file_that_takes_a_root_but_does_not_bind_is_reported_and_never_clean()
    {
        var file = Write("Unbound.cs", OptimizerStep("w[i] -= 0.01 * g[i] / (Numerics.Sqrt(_s[i]) + 1e-8);"));

        var (exit, output, _) = await Run(file);

        Assert.Equal(Program.Error, exit);
        Assert.Matches(@"Unbound\.cs\(10,\d+\): error NOTBOUND: .*'Numerics'", output);
        Assert.Contains("1 file(s) not bound", output);
    }

    [Fact]
    public async Task Sarif_output_is_a_sarif_2_1_0_log_whose_results_point_at_their_rules()
    {
        var (exit, output, error) = await Run(Mistakes, "--format", "sarif");

        Assert.Equal(Program.Findings, exit);
        using var log = JsonDocument.Parse(output);
        var root = log.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.Contains("sarif-2.1.0", root.GetProperty("$schema").GetString());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("rmsprop-analyze", driver.GetProperty("name").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.All(RuleIds, id => Assert.Contains(rules, rule => rule.GetProperty("id").GetString() == id));

        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(RuleIds, results.Select(result => result.GetProperty("ruleId").GetString()).OrderBy(id => id, StringComparer.Ordinal));
        foreach (var result in results)
        {
            var ruleId = result.GetProperty("ruleId").GetString();
            Assert.Equal(ruleId, rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
            Assert.Equal("warning", result.GetProperty("level").GetString());
            Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("message").GetProperty("text").GetString()));
            var location = Assert.Single(result.GetProperty("locations").EnumerateArray()).GetProperty("physicalLocation");
            Assert.EndsWith(".cs", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
            Assert.True(location.GetProperty("region").GetProperty("startLine").GetInt32() > 0);
        }

        Assert.True(run.GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
        Assert.Contains("6 finding(s)", error);   // the summary stays off standard output, which holds only the log
    }

    [Fact]
    public async Task Mutations_put_one_mistake_at_a_time_into_a_file_bound_with_its_project_and_count_what_each_rule_saw()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_temp, "repo", "src")).FullName;
        File.WriteAllText(Path.Combine(folder, "Opt.cs"), OptimizerStep("w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);"));
        var recipes = Write("recipes.tsv", string.Join('\n',
            "# repository\tcommit\tpath\tline\tkind\trule\tfind\treplace\tdescription",
            Recipe(10, "no-epsilon", "RMSP002", "(Math.Sqrt(_s[i]) + 1e-8)", "Math.Sqrt(_s[i])"),
            Recipe(9, "raw-gradient", "RMSP001", "0.1 * g[i] * g[i]", "0.1 * g[i]"),
            Recipe(9, "swapped-weights", "RMSP003", "0.9 * _s[i]", "0.9 * _s[i]"),
            Recipe(3, "no-epsilon", "RMSP002", "Math.Sqrt", "Math.Sqrt"),
            "other/repo\tabc\tsrc/Elsewhere.cs\t1\tno-epsilon\tRMSP002\tx\ty\ta file of another repository"));

        var (exit, output, _) = await Run(Path.Combine(_temp, "repo"), "--mutations", recipes);

        Assert.Equal(Program.Clean, exit);   // the original file is correct
        Assert.Matches(@"mutation 2: .* no-epsilon expects RMSP002: detected\n    new RMSP002 at 10,", output);
        Assert.Matches(@"mutation 3: .* raw-gradient expects RMSP001: detected\n    new RMSP001 at 9,", output);
        Assert.Contains("mutation 4: test/repo src/Opt.cs:9 swapped-weights expects RMSP003: MISSED", output);   // no change, nothing new
        Assert.Contains("mutation 5: test/repo src/Opt.cs:3 no-epsilon expects RMSP002: not applied (the find text does not start on line 3)", output);
        Assert.Contains("1 recipe(s) name a file outside this run", output);
        Assert.Contains("  RMSP001    1 / 1\n", output);
        Assert.Contains("  RMSP002    1 / 1 (1 not applied)\n", output);
        Assert.Contains("  RMSP003    0 / 1\n", output);
    }

    [Fact]
    public async Task A_malformed_recipe_is_a_usage_error_naming_its_line()
    {
        var recipes = Write("bad.tsv", "# header\nrepo\tcommit\tsrc/Opt.cs\tnot-a-line\tkind\tRMSP001\tfind\treplace\tdescription\n");

        var (exit, _, error) = await Run(Write("Opt.cs", OptimizerStep("w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);")), "--mutations", recipes);

        Assert.Equal(Program.Error, exit);
        Assert.Contains("bad.tsv:2: a recipe has 9 tab-separated fields", error);
    }

    private static string Recipe(int line, string kind, string rule, string find, string replace) =>
        string.Join('\t', "test/repo", "0000000", "src/Opt.cs", line.ToString(System.Globalization.CultureInfo.InvariantCulture), kind, rule, find, replace, "test");

    [Fact]
    public async Task Many_files_report_progress_on_standard_error_and_keep_standard_output_for_results()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_temp, "many")).FullName;
        for (var index = 0; index < RmsProp.Analyzers.Runner.Run.ProgressThreshold; index++)
        {
            File.WriteAllText(Path.Combine(folder, $"Step{index}.cs"), OptimizerStep("w[i] -= 0.01 * g[i] / (Math.Sqrt(_s[i]) + 1e-8);").Replace("class Opt", $"class Opt{index}"));
        }

        var (exit, output, error) = await Run(folder);

        Assert.Equal(Program.Clean, exit);
        Assert.Contains($"[1/1] {folder} ({RmsProp.Analyzers.Runner.Run.ProgressThreshold} files)", error);
        Assert.DoesNotContain("[1/1]", output);
        Assert.Contains($"{RmsProp.Analyzers.Runner.Run.ProgressThreshold} file(s) in 1 compilation(s)", output);
    }

    [Fact]
    public async Task The_severity_filter_drops_findings_below_it()
    {
        var (exit, output, _) = await Run(Mistakes, "--severity", "error");

        Assert.Equal(Program.Clean, exit);
        Assert.Empty(FindingLine.Matches(output));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("no arguments")]
    [InlineData("bad format")]
    [InlineData("not source")]
    public async Task Usage_errors_are_one_line_and_exit_2(string kind)
    {
        var notSource = Write("notes.txt", "not C#");
        string[] args = kind switch
        {
            "missing" => new[] { Path.Combine(_temp, "does-not-exist") },
            "no arguments" => Array.Empty<string>(),
            "bad format" => new[] { Mistakes, "--format", "xml" },
            _ => new[] { notSource },
        };

        var (exit, output, error) = await Run(args);

        Assert.Equal(Program.Error, exit);
        Assert.Empty(output);
        var first = error.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0];
        Assert.StartsWith("rmsprop-analyze: error: ", first);
        Assert.DoesNotContain("   at ", error);   // no stack trace
    }

    [Fact]
    public async Task A_project_that_does_not_load_is_a_one_line_error_and_exit_2()
    {
        var project = Write("Broken.csproj", "<Project");

        var (exit, _, error) = await Run(project);

        Assert.Equal(Program.Error, exit);
        var errors = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => line.Contains("error:")).ToList();
        Assert.Equal("Broken.csproj", Path.GetFileName(Assert.Single(errors).Split(':')[2].Trim()));
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task A_project_loads_through_MSBuild_with_its_editorconfig_as_dotnet_build_sees_it()
    {
        // RMSP001 is silenced by the project's .editorconfig; RMSP002 is not: only a real project load knows that.
        var folder = Directory.CreateDirectory(Path.Combine(_temp, "project")).FullName;
        File.WriteAllText(Path.Combine(folder, "Project.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.RMSP001.severity = none\n");
        File.Copy(Path.Combine(Mistakes, "Rmsp001RawGradient.cs"), Path.Combine(folder, "Rmsp001RawGradient.cs"));
        File.Copy(Path.Combine(Mistakes, "Rmsp002NoEpsilon.cs"), Path.Combine(folder, "Rmsp002NoEpsilon.cs"));
        Restore(folder);

        var (exit, output, error) = await Run(Path.Combine(folder, "Project.csproj"));

        Assert.True(exit == Program.Findings, $"exit {exit}: {output}{error}");
        Assert.Equal("RMSP002", Assert.Single(FindingLine.Matches(output)).Groups["id"].Value);
        Assert.Contains(" file(s) in 1 compilation(s)", output);
    }

    [Fact]
    public async Task A_folder_follows_project_references_so_state_declared_in_a_sibling_project_binds()
    {
        // The optimizer's state type lives in another project of the repository, referenced the Windows way
        // (backslashes, another case): without following the reference the step's file does not bind at all.
        var lib = Directory.CreateDirectory(Path.Combine(_temp, "repo", "src", "State")).FullName;
        var app = Directory.CreateDirectory(Path.Combine(_temp, "repo", "src", "Optimizers")).FullName;
        File.WriteAllText(Path.Combine(lib, "State.csproj"), """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><AssemblyName>Repo.State</AssemblyName></PropertyGroup></Project>""");
        File.WriteAllText(Path.Combine(lib, "LayerState.cs"), """
            using System.Runtime.CompilerServices;
            [assembly: InternalsVisibleTo("Optimizers")]
            namespace Repo.State;
            public sealed class LayerState
            {
                internal readonly double[] MeanSquare = new double[3];
            }
            """);
        File.WriteAllText(Path.Combine(app, "Optimizers.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup><ProjectReference Include="..\state\State.csproj" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Step.cs"), StepOverState("w[i] -= 0.01 * g[i] / System.Math.Sqrt(s[i]);"));

        var (exit, output, _) = await Run(Path.Combine(_temp, "repo"));

        Assert.True(exit == Program.Findings, $"exit {exit}: {output}");
        Assert.Equal("RMSP002", Assert.Single(FindingLine.Matches(output)).Groups["id"].Value);
        Assert.Contains("0 file(s) not bound, 0 load error(s); 2 file(s) in 2 compilation(s)", output);
    }

    [Fact]
    public async Task A_folder_with_two_project_files_is_owned_by_the_one_named_after_it()
    {
        // Repositories keep a packaging project beside the real one; the real one is the one that references the state.
        var lib = Directory.CreateDirectory(Path.Combine(_temp, "repo", "State")).FullName;
        var app = Directory.CreateDirectory(Path.Combine(_temp, "repo", "Optimizers")).FullName;
        File.WriteAllText(Path.Combine(lib, "State.csproj"), """<Project Sdk="Microsoft.NET.Sdk" />""");
        File.WriteAllText(Path.Combine(lib, "LayerState.cs"), "namespace Repo.State; public sealed class LayerState { public readonly double[] MeanSquare = new double[3]; }");
        File.WriteAllText(Path.Combine(app, "Optimizers.csproj"), """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><ProjectReference Include="../State/State.csproj" /></ItemGroup></Project>""");
        File.WriteAllText(Path.Combine(app, "Optimizers.Nuget.csproj"), """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="Repo.State" Version="1.0.0" /></ItemGroup></Project>""");
        File.WriteAllText(Path.Combine(app, "Step.cs"), StepOverState("w[i] -= 0.01 * g[i] / System.Math.Sqrt(s[i]);"));

        var (exit, output, _) = await Run(Path.Combine(_temp, "repo"));

        Assert.True(exit == Program.Findings, $"exit {exit}: {output}");
        Assert.Equal("RMSP002", Assert.Single(FindingLine.Matches(output)).Groups["id"].Value);
    }

    [Fact]
    public async Task Annotations_that_do_not_resolve_leave_the_file_checked()
    {
        // JetBrains-style annotations from a package that is not restored: the bodies bind, so the rules can read them.
        var file = Write("Annotated.cs", """
            using JetBrains.Annotations;
            public static class Annotated
            {
                private static readonly double[] S = new double[3];

                [Pure, NotNull]
                public static double[] Step([NotNull] double[] w, [NotNull] double[] g)
                {
                    for (int i = 0; i < w.Length; i++)
                    {
                        S[i] = 0.9 * S[i] + 0.1 * g[i] * g[i];
                        w[i] -= 0.01 * g[i] / System.Math.Sqrt(S[i]);
                    }

                    return w;
                }
            }
            """);

        var (exit, output, _) = await Run(file);

        Assert.True(exit == Program.Findings, $"exit {exit}: {output}");
        Assert.Equal("RMSP002", Assert.Single(FindingLine.Matches(output)).Groups["id"].Value);
        Assert.Contains("0 file(s) not bound", output);
    }

    [Fact]
    public async Task A_solution_with_one_project_that_does_not_load_still_analyses_the_others_and_exits_2()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_temp, "solution")).FullName;
        var good = Directory.CreateDirectory(Path.Combine(folder, "Good")).FullName;
        File.WriteAllText(Path.Combine(good, "Good.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
            </Project>
            """);
        File.Copy(Path.Combine(Mistakes, "Rmsp002NoEpsilon.cs"), Path.Combine(good, "Rmsp002NoEpsilon.cs"));
        Directory.CreateDirectory(Path.Combine(folder, "Broken"));
        File.WriteAllText(Path.Combine(folder, "Broken", "Broken.csproj"), """<Project Sdk="Microsoft.NET.Sdk"><Import Project="missing.props" /></Project>""");
        Restore(good);
        var solution = Path.Combine(folder, "Both.slnx");
        File.WriteAllText(solution, """
            <Solution>
              <Project Path="Broken/Broken.csproj" />
              <Project Path="Good/Good.csproj" />
            </Solution>
            """);

        var (exit, output, error) = await Run(solution);

        Assert.True(exit == Program.Error, $"exit {exit}: {output}{error}");
        Assert.Equal("RMSP002", Assert.Single(FindingLine.Matches(output)).Groups["id"].Value);
        var errors = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => line.StartsWith("rmsprop-analyze: error:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, line => Assert.Contains("Broken.csproj", line));
    }

    /// <summary>A step over state declared in another project (<c>Repo.State.LayerState</c>), whose parameter update is <paramref name="update"/>.</summary>
    private static string StepOverState(string update) => $$"""
        using Repo.State;
        public static class Step
        {
            public static void Apply(LayerState state, double[] w, double[] g)
            {
                var s = state.MeanSquare;
                for (int i = 0; i < w.Length; i++)
                {
                    s[i] = 0.9 * s[i] + 0.1 * g[i] * g[i];
                    {{update}}
                }
            }
        }
        """;

    /// <summary>A plain RMSProp step with a correct average, whose parameter update (line 10 of the file) is <paramref name="update"/>.</summary>
    private static string OptimizerStep(string update) => $$"""
        public sealed class Opt
        {
            private readonly double[] _s = new double[3];

            public void Step(double[] w, double[] g)
            {
                for (int i = 0; i < w.Length; i++)
                {
                    _s[i] = 0.9 * _s[i] + 0.1 * g[i] * g[i];
                    {{update}}
                }
            }
        }
        """;

    private static void Restore(string folder)
    {
        var start = new ProcessStartInfo("dotnet", "restore") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var log = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "dotnet restore failed: " + log);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_temp, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Program.RunAsync(args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }
}
