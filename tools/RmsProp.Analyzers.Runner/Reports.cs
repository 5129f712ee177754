using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using Microsoft.CodeAnalysis;

namespace RmsProp.Analyzers.Runner;

/// <summary>The two output formats: compiler-style lines with a summary, and SARIF 2.1.0.</summary>
public static class Reports
{
    /// <summary>The tool's version, as packed.</summary>
    public static string ToolVersion { get; } =
        typeof(Reports).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    /// <summary>
    /// One line per finding, as the compiler writes them (<c>path(line,col): warning RMSP001: message (help link)</c>),
    /// with paths relative to <paramref name="baseFolder"/> when they lie under it.
    /// </summary>
    public static void WriteLines(TextWriter output, RunResult result, string baseFolder)
    {
        foreach (var finding in result.Findings)
        {
            var help = finding.HelpLink is null ? string.Empty : $" ({finding.HelpLink})";
            output.WriteLine($"{Display(finding.Path, baseFolder)}({finding.Line},{finding.Column}): {Level(finding.Severity)} {finding.Id}: {finding.Message}{help}");
        }
    }

    /// <summary>The closing summary: counts per rule, files not bound, what was read and how long it took.</summary>
    public static void WriteSummary(TextWriter output, RunResult result)
    {
        var ruleFindings = result.Findings.Count(finding => finding.Id != Finding.NotBoundId);
        var notBound = result.Findings.Count(finding => finding.Id == Finding.NotBoundId);
        output.WriteLine(
            $"rmsprop-analyze: {ruleFindings} finding(s), {notBound} file(s) not bound, {result.LoadErrors.Count} load error(s); " +
            $"{result.Files} file(s) in {result.Compilations} compilation(s), {result.Elapsed.TotalSeconds:F1} s");
        foreach (var descriptor in Analysis.Descriptors)
        {
            var count = result.Findings.Count(finding => finding.Id == descriptor.Id);
            output.WriteLine($"  {descriptor.Id}  {count,4}  {descriptor.Title}");
        }
    }

    /// <summary>
    /// The run as a SARIF 2.1.0 log: the rules as the driver's rules, each finding a result located by a URI relative to
    /// <paramref name="baseFolder"/> (the <c>%SRCROOT%</c> base), load errors as tool execution notifications.
    /// </summary>
    public static void WriteSarif(Stream output, RunResult result, string baseFolder)
    {
        var rules = Analysis.Descriptors
            .Select(descriptor => new SarifRule(descriptor.Id, descriptor.Title.ToString(), descriptor.Description.ToString(), descriptor.HelpLinkUri, descriptor.DefaultSeverity))
            .Append(new SarifRule(Finding.NotBoundId, "The file does not bind", "The file takes a square root but some of its names do not resolve, so the rules could not check it.", string.Empty, DiagnosticSeverity.Error))
            .ToList();
        var ruleIndex = rules.Select((rule, index) => (rule.Id, index)).ToDictionary(pair => pair.Id, pair => pair.index, StringComparer.Ordinal);

        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();

        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "rmsprop-analyze");
        json.WriteString("version", ToolVersion);
        json.WriteString("semanticVersion", ToolVersion);
        json.WriteString("informationUri", RepositoryUrl());
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Title);
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", rule.Description);
            json.WriteEndObject();
            if (!string.IsNullOrEmpty(rule.HelpLinkUri))
            {
                json.WriteString("helpUri", rule.HelpLinkUri);
            }

            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.DefaultSeverity) == "info" ? "note" : Level(rule.DefaultSeverity));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartObject("originalUriBaseIds");
        json.WriteStartObject("%SRCROOT%");
        json.WriteString("uri", new Uri(Path.TrimEndingDirectorySeparator(baseFolder) + Path.DirectorySeparatorChar).AbsoluteUri);
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", result.LoadErrors.Count == 0);
        json.WriteStartArray("toolExecutionNotifications");
        foreach (var error in result.LoadErrors)
        {
            json.WriteStartObject();
            json.WriteString("level", "error");
            json.WriteStartObject("message");
            json.WriteString("text", error);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteStartArray("results");
        foreach (var finding in result.Findings)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", finding.Id);
            if (ruleIndex.TryGetValue(finding.Id, out var index))
            {
                json.WriteNumber("ruleIndex", index);
            }

            json.WriteString("level", finding.Severity switch
            {
                DiagnosticSeverity.Error => "error",
                DiagnosticSeverity.Warning => "warning",
                _ => "note",
            });
            json.WriteStartObject("message");
            json.WriteString("text", finding.Message);
            json.WriteEndObject();
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            var relative = Path.GetRelativePath(baseFolder, finding.Path);
            if (Path.IsPathRooted(relative) || relative.StartsWith("..", StringComparison.Ordinal))
            {
                json.WriteString("uri", new Uri(finding.Path).AbsoluteUri);
            }
            else
            {
                json.WriteString("uri", string.Join('/', relative.Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString)));
                json.WriteString("uriBaseId", "%SRCROOT%");
            }

            json.WriteEndObject();
            json.WriteStartObject("region");
            json.WriteNumber("startLine", finding.Line);
            json.WriteNumber("startColumn", finding.Column);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private sealed record SarifRule(string Id, string Title, string Description, string HelpLinkUri, DiagnosticSeverity DefaultSeverity);

    /// <summary>The compiler's word for a severity.</summary>
    public static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "info",
        _ => "hidden",
    };

    private static string Display(string path, string baseFolder)
    {
        var relative = Path.GetRelativePath(baseFolder, path);
        return Path.IsPathRooted(relative) || relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    /// <summary>The repository, taken from a rule's help link (they are all built from the one repository address).</summary>
    private static string RepositoryUrl()
    {
        var link = Analysis.Descriptors.Select(descriptor => descriptor.HelpLinkUri).FirstOrDefault(uri => !string.IsNullOrEmpty(uri)) ?? string.Empty;
        var blob = link.IndexOf("/blob/", StringComparison.Ordinal);
        return blob > 0 ? link.Substring(0, blob) : link;
    }
}
