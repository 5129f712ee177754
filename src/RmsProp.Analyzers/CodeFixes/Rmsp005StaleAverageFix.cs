using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace RmsProp.Analyzers.CodeFixes;

/// <summary>
/// RMSP005's fix where it is mechanical: the statement that reads the old average (a denominator local, the weight
/// update itself, or a loop of weight updates) moves to just after the statement or loop that updates the average
/// (the analyzer's additional location), when both sit in one block and the move changes nothing but the average
/// the denominator sees.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(Rmsp005StaleAverageFix))]
[Shared]
public sealed class Rmsp005StaleAverageFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Rmsp005StaleAverage.Descriptor.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        if (FixSupport.AnsweredForeignDiagnostic(context, Rmsp005StaleAverage.Descriptor, nameof(Rmsp005StaleAverageFix)))
        {
            return;
        }

        Diagnostic diagnostic = context.Diagnostics[0];
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null || diagnostic.AdditionalLocations.Count == 0)
        {
            return;
        }

        SyntaxNode read = root.FindNode(context.Span, getInnermostNodeForTie: true);
        StatementSyntax? updateStatement = root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan).FirstAncestorOrSelf<StatementSyntax>();
        if (updateStatement is null || Move(read, updateStatement, model, context.CancellationToken) is not var (moved, update))
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
                        // Whole lines move, comments, indentation and line ending included.
                        new TextChange(moved.FullSpan, string.Empty),
                        new TextChange(new TextSpan(update.FullSpan.End, 0), moved.ToFullString()),
                    },
                    cancellation),
                equivalenceKey: nameof(Rmsp005StaleAverageFix)),
            diagnostic);
    }

    /// <summary>
    /// The statement to move and the one to move it after, or null when the move is not safe: they must be siblings
    /// in one block, the reader first, and the statements in between must neither touch what the reader writes or
    /// declares nor change anything the reader reads except the average itself.
    /// </summary>
    private static (StatementSyntax Moved, StatementSyntax After)? Move(SyntaxNode read, StatementSyntax updateStatement, SemanticModel model, CancellationToken cancellation)
    {
        // The update may run inside a loop of its own (one loop updates the averages, a later one the weights): then
        // the whole loop is what the reader goes after. A conditional update is not moved past.
        StatementSyntax update = updateStatement;
        while ((update.Parent is BlockSyntax body ? body.Parent : update.Parent) is StatementSyntax loop
            && loop is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax
            && !loop.Span.Contains(read.Span))
        {
            update = loop;
        }

        if (update.Parent is not BlockSyntax block)
        {
            return null;
        }

        StatementSyntax? moved = read.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(statement => statement.Parent == block);
        if (moved is null || moved == update)
        {
            return null;
        }

        int from = block.Statements.IndexOf(moved);
        int to = block.Statements.IndexOf(update);
        if (from < 0 || to <= from)
        {
            return null;
        }

        // A return, break, continue or goto between them would skip the moved statement where it used to run.
        if (!FixSupport.FallsThrough(model, moved, moved) || !FixSupport.FallsThrough(model, block.Statements[from + 1], update))
        {
            return null;
        }

        // The average is the storage read, and the objects it is read through: `state = state with { S = ... }`
        // renews `state` to update `state.S`.
        var average = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        for (IOperation? part = model.GetOperation(read, cancellation); part is not null; part = part is IMemberReferenceOperation member ? member.Instance : null)
        {
            if (FixSupport.StorageRoot(part) is { } symbol)
            {
                average.Add(symbol);
            }
        }

        if (average.Count == 0)
        {
            return null;
        }

        var movedAccess = new Access(model, cancellation);
        movedAccess.Add(moved);
        var betweenAccess = new Access(model, cancellation);
        for (int i = from + 1; i <= to; i++)
        {
            betweenAccess.Add(block.Statements[i]);
        }

        bool independent = !movedAccess.Conflicts(betweenAccess, except: null) && !betweenAccess.Conflicts(movedAccess, except: average);
        return independent ? (moved, update) : null;
    }

    /// <summary>
    /// The storages some statements write (assignment targets, declared locals, ref/out arguments, receivers of
    /// calls) and mention. Writing elements of an array (<c>w[i] -= ...</c>) is told apart from replacing it, because
    /// reading its length elsewhere does not notice the former.
    /// </summary>
    private sealed class Access
    {
        private readonly SemanticModel _model;
        private readonly CancellationToken _cancellation;
        private readonly HashSet<ISymbol> _written = new(SymbolEqualityComparer.Default);
        private readonly HashSet<ISymbol> _elementsWritten = new(SymbolEqualityComparer.Default);
        private readonly HashSet<ISymbol> _mentioned = new(SymbolEqualityComparer.Default);
        private readonly HashSet<ISymbol> _contentsRead = new(SymbolEqualityComparer.Default);

        public Access(SemanticModel model, CancellationToken cancellation)
        {
            _model = model;
            _cancellation = cancellation;
        }

        /// <summary>Whether what these statements write is something <paramref name="other"/> mentions (<paramref name="except"/> aside).</summary>
        public bool Conflicts(Access other, HashSet<ISymbol>? except) =>
            _written.Any(symbol => except?.Contains(symbol) != true && other._mentioned.Contains(symbol))
            || _elementsWritten.Any(symbol => except?.Contains(symbol) != true && other._contentsRead.Contains(symbol));

        public void Add(StatementSyntax statement)
        {
            if (_model.GetOperation(statement, _cancellation) is not { } operation)
            {
                // Code that does not bind: nothing is known to be independent of it.
                _written.Add(_model.Compilation.GlobalNamespace);
                _mentioned.Add(_model.Compilation.GlobalNamespace);
                return;
            }

            foreach (IOperation part in operation.DescendantsAndSelf())
            {
                switch (part)
                {
                    case IAssignmentOperation assignment:
                        AddWritten(assignment.Target);
                        break;
                    case IIncrementOrDecrementOperation increment:
                        AddWritten(increment.Target);
                        break;
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument:
                        AddWritten(argument.Value);
                        break;
                    case IVariableDeclaratorOperation declarator:
                        _written.Add(declarator.Symbol);
                        break;
                    case IInvocationOperation { Instance: { } instance } call when !IsShapeQuery(call):
                        // A method called on storage may change it (CopyTo, Clear): count it as written.
                        AddWritten(instance);
                        break;
                    case ILocalReferenceOperation local:
                        AddMentioned(local, local.Local);
                        break;
                    case IParameterReferenceOperation parameter:
                        AddMentioned(parameter, parameter.Parameter);
                        break;
                    case IFieldReferenceOperation field:
                        AddMentioned(field, field.Field);
                        break;
                    case IPropertyReferenceOperation property:
                        AddMentioned(property, property.Property);
                        break;
                }
            }
        }

        private void AddMentioned(IOperation reference, ISymbol symbol)
        {
            _mentioned.Add(symbol);
            if (!(reference.Parent is IPropertyReferenceOperation { Property.Name: "Length" or "LongLength" or "Rank" } shape && shape.Instance == reference
                || reference.Parent is IInvocationOperation call && call.Instance == reference && IsShapeQuery(call)))
            {
                _contentsRead.Add(symbol);
            }
        }

        private static bool IsShapeQuery(IInvocationOperation call) =>
            call.TargetMethod.Name is "GetLength" or "GetLowerBound" or "GetUpperBound";

        private void AddWritten(IOperation target)
        {
            foreach (IOperation element in target is ITupleOperation tuple ? tuple.Elements : ImmutableArray.Create(target))
            {
                if (FixSupport.StorageRoot(element) is { } symbol)
                {
                    (FixSupport.IsElementAccess(element) ? _elementsWritten : _written).Add(symbol);
                }
            }
        }
    }
}
