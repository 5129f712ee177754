using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace RmsProp.Analyzers.CodeFixes;

/// <summary>
/// RMSP005's fix where it is mechanical: the statement that computes the denominator moves to just after the
/// statement that updates the average (the analyzer's additional location), when both are in one block and
/// nothing between them uses what the moved statement declares.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveDenominatorAfterUpdateFix))]
[Shared]
public sealed class MoveDenominatorAfterUpdateFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Rules.StaleAverage.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        Diagnostic diagnostic = context.Diagnostics[0];
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || diagnostic.AdditionalLocations.Count == 0)
        {
            return;
        }

        StatementSyntax? denominator = root.FindNode(context.Span).FirstAncestorOrSelf<LocalDeclarationStatementSyntax>();
        StatementSyntax? update = root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan).FirstAncestorOrSelf<StatementSyntax>();
        if (denominator?.Parent is not BlockSyntax block || update?.Parent != block)
        {
            return;
        }

        int from = block.Statements.IndexOf(denominator);
        int to = block.Statements.IndexOf(update);
        if (from < 0 || to <= from || !NothingBetweenUses(block, from, to, (LocalDeclarationStatementSyntax)denominator))
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                "Compute the denominator after updating the average",
                cancellation => FixSupport.ChangeAsync(
                    context.Document,
                    new[]
                    {
                        // Whole lines move, indentation and line ending included.
                        new TextChange(denominator.FullSpan, string.Empty),
                        new TextChange(new TextSpan(update.FullSpan.End, 0), denominator.ToFullString()),
                    },
                    cancellation),
                equivalenceKey: nameof(MoveDenominatorAfterUpdateFix)),
            diagnostic);
    }

    private static bool NothingBetweenUses(BlockSyntax block, int from, int to, LocalDeclarationStatementSyntax declaration)
    {
        var names = declaration.Declaration.Variables.Select(v => v.Identifier.ValueText).ToImmutableHashSet();
        for (int i = from + 1; i <= to; i++)
        {
            if (block.Statements[i].DescendantNodes().OfType<IdentifierNameSyntax>().Any(id => names.Contains(id.Identifier.ValueText)))
            {
                return false;
            }
        }

        return true;
    }
}
