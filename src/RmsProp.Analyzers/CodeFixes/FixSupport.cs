using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace RmsProp.Analyzers.CodeFixes;

/// <summary>Syntax helpers the code fixes share.</summary>
internal static class FixSupport
{
    /// <summary>
    /// Answers a fix request made with another rule's diagnostic; true when it did. <c>dotnet format analyzers</c>
    /// learns which fix-all to run by asking a fix about the first diagnostic of the analyzer that reports the fix's
    /// rule, whatever that diagnostic's ID (its SolutionCodeFixApplier); with one analyzer for every rule that is usually
    /// another rule's diagnostic, no action comes back, and the rule is left unfixed. A fix handed such a diagnostic
    /// registers a placeholder that changes nothing but carries the fix's one equivalence key, so the fix-all that
    /// follows collects this rule's diagnostics and fixes them. Hosts that ask with the fix's own IDs (IDEs, tests)
    /// never reach the placeholder.
    /// </summary>
    public static bool AnsweredForeignDiagnostic(CodeFixContext context, DiagnosticDescriptor rule, string equivalenceKey)
    {
        if (context.Diagnostics.Any(diagnostic => diagnostic.Id == rule.Id))
        {
            return false;
        }

        Document document = context.Document;
        context.RegisterCodeFix(CodeAction.Create(equivalenceKey, _ => Task.FromResult(document), equivalenceKey), context.Diagnostics);
        return true;
    }

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

    /// <summary>
    /// The text change that declares a new member at the top of <paramref name="owner"/>: above its first member and
    /// that member's comments (so a comment keeps describing the member it was written for), with the first member's
    /// indentation and a blank line after it. Null when the type has no member to anchor on.
    /// </summary>
    public static TextChange? InsertFirstMember(SourceText text, TypeDeclarationSyntax owner, string declaration)
    {
        MemberDeclarationSyntax? first = owner.Members.FirstOrDefault();
        if (first is null)
        {
            return null;
        }

        string newLine = NewLine(text);
        SyntaxTrivia firstComment = first.GetLeadingTrivia().FirstOrDefault(t => !t.IsKind(SyntaxKind.WhitespaceTrivia) && !t.IsKind(SyntaxKind.EndOfLineTrivia));
        int anchor = firstComment.RawKind != 0 ? firstComment.SpanStart : first.SpanStart;
        TextLine line = text.Lines.GetLineFromPosition(anchor);
        string before = text.ToString(TextSpan.FromBounds(line.Start, anchor));

        // A member that shares its line with other code (a one-line class) gets the declaration just before it.
        return before.Trim().Length == 0
            ? new TextChange(new TextSpan(line.Start, 0), before + declaration + newLine + newLine)
            : new TextChange(new TextSpan(anchor, 0), declaration + " ");
    }

    /// <summary>
    /// <paramref name="name"/>, or <c>name1</c>, <c>name2</c>, … when the type or the scope at <paramref name="at"/>
    /// already has something of that name (which a new member would clash with or be hidden by).
    /// </summary>
    public static string FreeName(SemanticModel model, SyntaxNode at, TypeDeclarationSyntax owner, string name, CancellationToken cancellation)
    {
        INamedTypeSymbol? type = model.GetDeclaredSymbol(owner, cancellation);
        for (int suffix = 0; ; suffix++)
        {
            string candidate = suffix == 0 ? name : name + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if ((type is null || type.GetMembers(candidate).IsEmpty) && model.LookupSymbols(at.SpanStart, name: candidate).IsEmpty)
            {
                return candidate;
            }
        }
    }

    /// <summary>The document's line ending, so inserted lines match the lines around them.</summary>
    public static string NewLine(SourceText text) => text.ToString().Contains("\r\n") ? "\r\n" : "\n";

    /// <summary>The white space that starts the line <paramref name="node"/> starts on.</summary>
    public static string IndentationOf(SourceText text, SyntaxNode node)
    {
        TextLine line = text.Lines.GetLineFromPosition(node.SpanStart);
        string before = text.ToString(TextSpan.FromBounds(line.Start, node.SpanStart));
        return before.Trim().Length == 0 ? before : string.Empty;
    }

    /// <summary>
    /// The variable, parameter, field or property an expression stores into or reads from, through element access,
    /// conversions, parentheses, vector loads and span views (<c>s[i]</c>, <c>new Vector&lt;double&gt;(s, i)</c> and
    /// <c>s.AsSpan()</c> are all <c>s</c>). Kept here rather than taken from the analyzers' model so that the fixes
    /// do not change when the model does.
    /// </summary>
    public static ISymbol? StorageRoot(IOperation? operation)
    {
        for (int depth = 0; operation is not null && depth < 16; depth++)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IFieldReferenceOperation field:
                    return field.Field;
                case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                    operation = indexer.Instance;
                    continue;
                case IPropertyReferenceOperation property:
                    return property.Property;
                case IArrayElementReferenceOperation element:
                    operation = element.ArrayReference;
                    continue;
                case IVariableDeclaratorOperation declarator:
                    return declarator.Symbol;
                case IObjectCreationOperation creation when IsVectorType(creation.Type) && creation.Arguments.Length > 0:
                    operation = creation.Arguments[0].Value;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "LoadUnsafe" or "Load" or "Create" } load when IsVectorType(load.TargetMethod.ContainingType) && load.Arguments.Length > 0:
                    operation = load.Arguments[0].Value;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "Slice" or "AsSpan" or "AsMemory" } view:
                    operation = view.Instance ?? (view.Arguments.Length > 0 ? view.Arguments[0].Value : null);
                    continue;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>Whether the expression writes one element of its storage (<c>s[i]</c>) rather than the storage itself.</summary>
    public static bool IsElementAccess(IOperation operation)
    {
        while (operation is IConversionOperation or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation is IArrayElementReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: true };
    }

    private static bool IsVectorType(ITypeSymbol? type) =>
        type is not null && type.Name is "Vector" or "Vector64" or "Vector128" or "Vector256" or "Vector512"
        && type.ContainingNamespace?.ToDisplayString() is "System.Numerics" or "System.Runtime.Intrinsics";

    /// <summary>
    /// Whether evaluating the expression twice is the same as evaluating it once: it assigns, increments, awaits and
    /// creates nothing (calls are allowed: a gradient or length read through a method is taken to be a read).
    /// </summary>
    public static bool CanEvaluateTwice(ExpressionSyntax expression) =>
        !expression.DescendantNodesAndSelf().Any(node => node
            is AssignmentExpressionSyntax or AwaitExpressionSyntax or BaseObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax
            or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression }
            or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression });

    /// <summary>
    /// Whether control always runs from the first statement to past the last: no return, break, continue or goto
    /// leaves the range, so moving a statement across it does not change whether that statement runs.
    /// </summary>
    public static bool FallsThrough(SemanticModel model, StatementSyntax first, StatementSyntax last)
    {
        ControlFlowAnalysis? flow = model.AnalyzeControlFlow(first, last);
        return flow is { Succeeded: true, EndPointIsReachable: true } && flow.ExitPoints.IsEmpty;
    }

    /// <summary>Applies text changes (non-overlapping) and returns the new document.</summary>
    public static async Task<Document> ChangeAsync(Document document, IEnumerable<TextChange> changes, CancellationToken cancellation)
    {
        SourceText text = await document.GetTextAsync(cancellation).ConfigureAwait(false);
        return document.WithText(text.WithChanges(changes));
    }
}
