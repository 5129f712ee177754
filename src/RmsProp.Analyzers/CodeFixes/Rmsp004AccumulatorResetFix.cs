using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace RmsProp.Analyzers.CodeFixes;

/// <summary>
/// RMSP004's fix where it is mechanical, so that the state is created once and then kept:
/// <list type="bullet">
/// <item>a clearing statement (<c>Array.Clear(_s)</c>, <c>Array.Fill(_s, 0.0)</c>, <c>s.Clear()</c>) is removed;</item>
/// <item>a re-created field or array row (<c>_s = new double[n];</c>) is created only when it is missing or has another
/// length (<c>if (_s?.Length != n) { _s = new double[n]; }</c>): a field that starts as an empty array is not missing,
/// and state sized for other weights is not theirs (a local assigned a new array is left to the message: it is
/// missing on every call);</item>
/// <item>a local created inside a training loop moves to just before that loop, when its size does not depend on the loop;</item>
/// <item>a local array created in an instance method is kept in a new field, created the same way
/// (<c>if (_s?.Length != n) { _s = new double[n]; } var s = _s;</c>).</item>
/// </list>
/// At a caller (the optimizer reset in the loop that steps it), a reset that is a whole statement with no argument
/// (<c>opt.Reset();</c>) moves to just before that loop; a creation of the optimizer in the loop is left to the message.
/// Other resets (a scalar zeroed in the step, state of a static method) are left to the message.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(Rmsp004AccumulatorResetFix))]
[Shared]
public sealed class Rmsp004AccumulatorResetFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Rmsp004AccumulatorReset.Descriptor.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        if (FixSupport.AnsweredForeignDiagnostic(context, Rmsp004AccumulatorReset.Descriptor, nameof(Rmsp004AccumulatorResetFix)))
        {
            return;
        }

        Diagnostic diagnostic = context.Diagnostics[0];
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        SourceText text = await context.Document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not ExpressionSyntax reset || model is null)
        {
            return;
        }

        // At a caller, only a reset that is a whole statement with no argument moves (before the batch loop): a
        // creation of the optimizer stays where it is, because its arguments may depend on the loop (the batch's size,
        // a schedule), and where the optimizer should live (a field, the training method) is the author's call.
        if (diagnostic.Properties.TryGetValue(Rmsp004AccumulatorReset.CallerProperty, out string? caller))
        {
            if (caller == "MovableReset" && reset is InvocationExpressionSyntax { Parent: ExpressionStatementSyntax resetStatement } call
                && MoveResetBeforeLoop(resetStatement, call, model, text, context.CancellationToken) is { } moved)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        moved.Item1,
                        cancellation => FixSupport.ChangeAsync(context.Document, moved.Item2, cancellation),
                        equivalenceKey: nameof(Rmsp004AccumulatorResetFix)),
                    diagnostic);
            }

            return;
        }

        (string Title, TextChange[] Changes)? repair = reset switch
        {
            InvocationExpressionSyntax { Parent: ExpressionStatementSyntax statement } => RemoveStatement(statement),
            _ when reset.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Parent: ExpressionStatementSyntax } assignment
                && assignment.Right == reset && model.GetSymbolInfo(assignment.Left, context.CancellationToken).Symbol is not ILocalSymbol
                => CreateWhenMissing(assignment, reset, text),
            _ when reset.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax local } } declarator }
                => HoistOutOfLoop(local, reset, model, text, context.CancellationToken)
                    ?? KeepInField(local, declarator, reset, model, text, context.CancellationToken),
            _ => null,
        };
        if (repair is not { } found)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                found.Title,
                cancellation => FixSupport.ChangeAsync(context.Document, found.Changes, cancellation),
                equivalenceKey: nameof(Rmsp004AccumulatorResetFix)),
            diagnostic);
    }

    /// <summary>The clearing statement goes, its whole line with it.</summary>
    private static (string, TextChange[]) RemoveStatement(StatementSyntax statement) =>
        ("Remove the per-step reset", new[] { new TextChange(statement.FullSpan, string.Empty) });

    /// <summary>
    /// <c>_s = new double[n];</c> becomes <c>if (_s?.Length != n) { _s = new double[n]; }</c>: created when missing or
    /// sized for other weights, kept otherwise. Only a one-dimensional array creation has a length to compare (a list or
    /// a LINQ copy is left to the message), and only a statement of a block can become an <c>if</c>.
    /// </summary>
    private static (string, TextChange[])? CreateWhenMissing(AssignmentExpressionSyntax assignment, ExpressionSyntax creation, SourceText text)
    {
        if (assignment.Parent is not ExpressionStatementSyntax { Parent: BlockSyntax } statement
            || ArrayLength(creation) is not { } length
            || !FixSupport.CanEvaluateTwice(assignment.Left))
        {
            return null;
        }

        string indentation = FixSupport.IndentationOf(text, statement);
        string newLine = FixSupport.NewLine(text);
        string storage = assignment.Left.WithoutTrivia().ToString();
        string guarded = $"if ({storage}?.Length != {length}){newLine}{indentation}{{{newLine}{indentation}    {statement.WithoutTrivia()}{newLine}{indentation}}}";
        return ("Create the state only when it is missing or has another length", new[] { new TextChange(statement.Span, guarded) });
    }

    /// <summary>
    /// The length of a one-dimensional array creation (<c>n</c> of <c>new double[n]</c> or <c>new double[n][]</c>),
    /// when it can be read twice: it calls nothing but a length or count and assigns nothing.
    /// </summary>
    private static string? ArrayLength(ExpressionSyntax creation) =>
        creation is ArrayCreationExpressionSyntax { Type.RankSpecifiers: { Count: > 0 } ranks }
            && ranks[0].Sizes is { Count: 1 } sizes
            && sizes[0] is not OmittedArraySizeExpressionSyntax
            && FixSupport.CanEvaluateTwice(sizes[0])
            && !sizes[0].DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any(call => call.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetLength" or "Count" or "LongCount" })
            ? FixSupport.Parenthesize(sizes[0]).ToString()
            : null;

    /// <summary>
    /// A declaration in the body of a loop (an epoch loop) moves to just before that loop, re-indented, when nothing
    /// its initializer reads is declared inside the loop.
    /// </summary>
    private static (string, TextChange[])? HoistOutOfLoop(LocalDeclarationStatementSyntax local, ExpressionSyntax creation, SemanticModel model, SourceText text, CancellationToken cancellation)
    {
        StatementSyntax? loop = local.Ancestors().OfType<StatementSyntax>()
            .TakeWhile(statement => statement is not LocalFunctionStatementSyntax)
            .FirstOrDefault(statement => statement is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax);
        if (loop?.Parent is not BlockSyntax || local.Ancestors().Any(a => a is AnonymousFunctionExpressionSyntax && loop.Span.Contains(a.Span)))
        {
            return null;
        }

        // A loop whose counter indexes arrays walks layers or coordinates, and each of its rounds needs state of its
        // own: only a loop of steps (epochs, batches, a while loop) is one the state belongs before.
        if (loop is ForStatementSyntax forLoop && forLoop.Declaration is { } counters)
        {
            var counterSymbols = counters.Variables.Select(v => model.GetDeclaredSymbol(v, cancellation)).Where(s => s is not null).ToList();
            bool indexes = forLoop.Statement.DescendantNodes().OfType<ElementAccessExpressionSyntax>()
                .SelectMany(access => access.ArgumentList.Arguments)
                .SelectMany(argument => argument.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
                .Any(name => counterSymbols.Contains(model.GetSymbolInfo(name, cancellation).Symbol, SymbolEqualityComparer.Default));
            if (indexes)
            {
                return null;
            }
        }

        foreach (IdentifierNameSyntax name in creation.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            ISymbol? symbol = model.GetSymbolInfo(name, cancellation).Symbol;
            if (symbol is ILocalSymbol or IRangeVariableSymbol
                && symbol.DeclaringSyntaxReferences.Any(reference => loop.Span.Contains(reference.Span)))
            {
                return null;
            }
        }

        // Before the loop the local's scope grows to the whole block: another declaration of its name there would clash.
        string hoisted = local.Declaration.Variables[0].Identifier.ValueText;
        if (loop.Parent.DescendantNodes().Any(node => node != local.Declaration.Variables[0] && DeclaredName(node) == hoisted))
        {
            return null;
        }

        return ("Create the state before the loop", MoveBefore(loop, local, text));
    }

    /// <summary>The edits that move <paramref name="statement"/> (its whole lines) to just before <paramref name="loop"/>, with the loop's indentation.</summary>
    private static TextChange[] MoveBefore(StatementSyntax loop, StatementSyntax statement, SourceText text)
    {
        string moved = FixSupport.IndentationOf(text, loop) + statement.WithoutLeadingTrivia().WithoutTrailingTrivia().ToString() + FixSupport.NewLine(text);
        TextLine loopLine = text.Lines.GetLineFromPosition(loop.SpanStart);
        return new[]
        {
            new TextChange(new TextSpan(loopLine.Start, 0), moved),
            new TextChange(statement.FullSpan, string.Empty),
        };
    }

    /// <summary>
    /// A caller's <c>opt.Reset();</c> in the loop that steps <c>opt</c> moves to just before that (innermost) loop: the
    /// optimizer then starts the loop fresh and keeps its average from batch to batch. Only when the statement runs on
    /// every pass (nothing but blocks between it and the loop), the loop is a statement of a block, and the instance
    /// is the same on every pass: not a local declared in the loop, nor one the loop assigns.
    /// </summary>
    private static (string, TextChange[])? MoveResetBeforeLoop(ExpressionStatementSyntax statement, InvocationExpressionSyntax call, SemanticModel model, SourceText text, CancellationToken cancellation)
    {
        StatementSyntax? loop = null;
        for (SyntaxNode? node = statement.Parent; node is not null; node = node.Parent)
        {
            if (node is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax)
            {
                loop = (StatementSyntax)node;
                break;
            }

            if (node is not BlockSyntax)
            {
                return null;
            }
        }

        if (loop?.Parent is not BlockSyntax || call.Expression is not MemberAccessExpressionSyntax { Expression: var receiver }
            || receiver is not (IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax })
            || model.GetSymbolInfo(receiver, cancellation).Symbol is not { } instance
            || instance.DeclaringSyntaxReferences.Any(reference => loop.Span.Contains(reference.Span)))
        {
            return null;
        }

        bool reassigned = loop.DescendantNodes().OfType<AssignmentExpressionSyntax>()
            .Any(assignment => SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(assignment.Left, cancellation).Symbol, instance));
        if (reassigned)
        {
            return null;
        }

        return ("Reset the optimizer once, before the loop", MoveBefore(loop, statement, text));
    }

    private static string? DeclaredName(SyntaxNode node) => node switch
    {
        VariableDeclaratorSyntax variable => variable.Identifier.ValueText,
        SingleVariableDesignationSyntax designation => designation.Identifier.ValueText,
        ForEachStatementSyntax loop => loop.Identifier.ValueText,
        ParameterSyntax parameter => parameter.Identifier.ValueText,
        CatchDeclarationSyntax caught => caught.Identifier.ValueText,
        LocalFunctionStatementSyntax function => function.Identifier.ValueText,
        _ => null,
    };

    /// <summary>
    /// A local array of an instance method is kept in a new field: <c>var cache = new double[n];</c> becomes
    /// <c>var cache = _cache ??= new double[n];</c>, so the first step creates it and later steps reuse it.
    /// </summary>
    private static (string, TextChange[])? KeepInField(LocalDeclarationStatementSyntax local, VariableDeclaratorSyntax declarator, ExpressionSyntax creation, SemanticModel model, SourceText text, CancellationToken cancellation)
    {
        if (model.GetDeclaredSymbol(declarator, cancellation) is not ILocalSymbol { Type: { IsReferenceType: true } type } symbol
            || type.TypeKind == TypeKind.Error
            || local.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } owner
            || model.GetEnclosingSymbol(local.SpanStart, cancellation) is not IMethodSymbol { IsStatic: false, MethodKind: MethodKind.Ordinary }
            || local.Ancestors().Any(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax
                or ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax))
        {
            return null;
        }

        string fieldName = FixSupport.FreeName(model, local, owner, "_" + symbol.Name.TrimStart('_'), cancellation);
        bool annotations = (model.GetNullableContext(local.SpanStart) & NullableContext.AnnotationsEnabled) != 0;
        string typeName = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToMinimalDisplayString(model, owner.SpanStart);
        string field = $"private {typeName}{(annotations ? "?" : string.Empty)} {fieldName};";
        if (FixSupport.InsertFirstMember(text, owner, field) is not { } insertion)
        {
            return null;
        }

        // An array is created again when the weights change length; anything else only when missing, since the new
        // field has no other writer.
        if (ArrayLength(creation) is { } length)
        {
            string indentation = FixSupport.IndentationOf(text, local);
            string newLine = FixSupport.NewLine(text);
            string declaration = text.ToString(TextSpan.FromBounds(local.SpanStart, creation.SpanStart)) + fieldName + text.ToString(TextSpan.FromBounds(creation.Span.End, local.Span.End));
            string guarded = $"if ({fieldName}?.Length != {length}){newLine}{indentation}{{{newLine}{indentation}    {fieldName} = {creation.WithoutTrivia()};{newLine}{indentation}}}{newLine}{indentation}{declaration}";
            return ("Keep the state in a field", new[] { insertion, new TextChange(local.Span, guarded) });
        }

        return (
            "Keep the state in a field",
            new[] { insertion, new TextChange(new TextSpan(creation.SpanStart, 0), fieldName + " ??= ") });
    }
}
