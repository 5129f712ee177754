using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RmsProp.Analyzers.Tests.Packaging;

/// <summary>
/// Every rule the analyzer assembly can report links to its own page: the link is built from the repository address
/// declared once in Directory.Build.props and ends in a docs/rules file that exists in this repository.
/// </summary>
public sealed class HelpLinkTests
{
    /// <summary>Every descriptor of the analyzer assembly, found by reflection so a new rule is covered unasked.</summary>
    public static IEnumerable<object[]> Descriptors() =>
        AllDescriptors().Select(descriptor => new object[] { descriptor.Id });

    [Fact]
    public void The_assembly_declares_rules()
    {
        Assert.NotEmpty(AllDescriptors());
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Help_link_points_at_the_rule_page_under_the_declared_repository(string id)
    {
        var descriptor = AllDescriptors().First(candidate => candidate.Id == id);
        var root = RepositoryRoot();
        var expectedPrefix = $"{Declared(root, "RmsPropRepositoryUrl").TrimEnd('/')}/blob/{Declared(root, "RmsPropRepositoryBranch")}/docs/rules/";

        Assert.StartsWith(expectedPrefix, descriptor.HelpLinkUri, StringComparison.Ordinal);
        var page = descriptor.HelpLinkUri.Substring(expectedPrefix.Length);
        Assert.Equal(id + ".md", page);
        Assert.True(
            File.Exists(Path.Combine(root, "docs", "rules", page)),
            $"{id}'s help link {descriptor.HelpLinkUri} names docs/rules/{page}, which does not exist");
    }

    [Fact]
    public void Every_rule_page_belongs_to_a_rule()
    {
        var ids = AllDescriptors().Select(descriptor => descriptor.Id).ToHashSet(StringComparer.Ordinal);
        var pages = Directory.GetFiles(Path.Combine(RepositoryRoot(), "docs", "rules"), "RMSP*.md")
            .Select(Path.GetFileNameWithoutExtension)
            .ToList();
        Assert.All(pages, page => Assert.Contains(page!, ids));
    }

    private static IReadOnlyList<DiagnosticDescriptor> AllDescriptors()
    {
        var assembly = typeof(RmsPropAnalyzer).Assembly;
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            types = partial.Types.OfType<Type>().ToArray();
        }

        var fromAnalyzers = types
            .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type)
                && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .SelectMany(type => ((DiagnosticAnalyzer)Activator.CreateInstance(type)!).SupportedDiagnostics);
        var fromFields = types
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
            .Select(field => (DiagnosticDescriptor)field.GetValue(null)!);
        return fromAnalyzers.Concat(fromFields)
            .GroupBy(descriptor => descriptor.Id, StringComparer.Ordinal)
            .Select(group => group.First())
            .OrderBy(descriptor => descriptor.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A property of Directory.Build.props: the repository address every URL of the project is built from.</summary>
    private static string Declared(string root, string property)
    {
        var props = XDocument.Load(Path.Combine(root, "Directory.Build.props"));
        var value = props.Descendants(property).Select(element => element.Value.Trim()).FirstOrDefault();
        Assert.False(string.IsNullOrEmpty(value), $"Directory.Build.props declares no {property}");
        return value!;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Directory.Build.props"))
                && Directory.Exists(Path.Combine(folder.FullName, "docs", "rules")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("no repository root (Directory.Build.props beside docs/rules) above " + AppContext.BaseDirectory);
    }
}
