using Microsoft.CodeAnalysis;

namespace RmsProp.Analyzers;

/// <summary>
/// What every rule's descriptor shares: the category, the default severity and the help link to the rule's page
/// under docs/rules. Each rule declares its own descriptor, beside its query, through <see cref="Create"/>.
/// </summary>
internal static class Rules
{
    private const string Category = "Correctness";

    /// <summary>A warning of the Correctness category, enabled by default, linking to docs/rules/<paramref name="id"/>.md.</summary>
    public static DiagnosticDescriptor Create(string id, string title, string message, string description, params string[] customTags) =>
        new(
            id,
            title,
            message,
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: RepositoryInfo.RulesHelpBase + id + ".md",
            customTags: customTags);
}
