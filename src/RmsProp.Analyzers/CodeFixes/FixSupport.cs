using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace RmsProp.Analyzers.CodeFixes;

/// <summary>Syntax helpers the code fixes share.</summary>
internal static class FixSupport
{
    /// <summary>The expression exactly at a diagnostic's span, or null when the tree has changed under it.</summary>
    public static async Task<ExpressionSyntax?> ExpressionAtAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, CancellationToken cancellation)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellation).ConfigureAwait(false);
        return root?.FindNode(span, getInnermostNodeForTie: true) is ExpressionSyntax expression && expression.Span == span
            ? expression
            : root?.FindNode(span) as ExpressionSyntax;
    }

    /// <summary>Wraps an expression in parentheses unless it binds tighter than any operator around it.</summary>
    public static ExpressionSyntax Parenthesize(ExpressionSyntax expression) =>
        expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or ElementAccessExpressionSyntax
            or InvocationExpressionSyntax or LiteralExpressionSyntax or ParenthesizedExpressionSyntax
            ? expression.WithoutTrivia()
            : SyntaxFactory.ParenthesizedExpression(expression.WithoutTrivia());

    /// <summary>
    /// Replaces one node's text. The fixes edit text rather than trees so that the result is exactly what the
    /// compiler would parse from the new source (operator nesting included), as a person typing it would get.
    /// </summary>
    public static Task<Document> ReplaceAsync(Document document, SyntaxNode oldNode, string newText, CancellationToken cancellation) =>
        ChangeAsync(document, new[] { new TextChange(oldNode.Span, newText) }, cancellation);

    /// <summary>Applies text changes (non-overlapping) and returns the new document.</summary>
    public static async Task<Document> ChangeAsync(Document document, IEnumerable<TextChange> changes, CancellationToken cancellation)
    {
        SourceText text = await document.GetTextAsync(cancellation).ConfigureAwait(false);
        return document.WithText(text.WithChanges(changes));
    }
}
