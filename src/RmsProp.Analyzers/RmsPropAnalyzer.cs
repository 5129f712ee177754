using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RmsProp.Analyzers.Shape;

namespace RmsProp.Analyzers;

/// <summary>
/// The one registered analyzer: it owns every rule's descriptor, builds each type's <see cref="TypeModel"/> once, and
/// runs every rule's query on it. Each rule lives in its own file (its descriptor and its query); this class only
/// dispatches.
/// </summary>
/// <remarks>
/// One analyzer rather than one per rule because the analyzer driver pays for every symbol-start action it calls:
/// with eight analyzers each registering one per named type, that overhead alone was 42% of Newtonsoft.Json's compile
/// (docs/analyzer-cost.md), on code with no square root anywhere. A rule is still switched off or re-graded on its own
/// through its ID (<c>dotnet_diagnostic.RMSP002.severity = none</c> in .editorconfig): the driver filters by descriptor.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RmsPropAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Every rule: its descriptor and its query on one type's model, in ID order.</summary>
    private static readonly (DiagnosticDescriptor Descriptor, Action<TypeModel, SymbolAnalysisContext> Analyze)[] AllRules =
    {
        (Rmsp001RawGradient.Descriptor, Rmsp001RawGradient.Analyze),
        (Rmsp002MissingEpsilon.Descriptor, Rmsp002MissingEpsilon.Analyze),
        (Rmsp003SwappedWeights.Descriptor, Rmsp003SwappedWeights.Analyze),
        (Rmsp004AccumulatorReset.Descriptor, Rmsp004AccumulatorReset.Analyze),
        (Rmsp005StaleAverage.Descriptor, Rmsp005StaleAverage.Analyze),
        (Rmsp006DecayRate.Descriptor, Rmsp006DecayRate.Analyze),
        (Rmsp007RootOfGradient.Descriptor, Rmsp007RootOfGradient.Analyze),
        (Rmsp008UnflooredVariance.Descriptor, Rmsp008UnflooredVariance.Analyze),
    };

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        AllRules.Select(rule => rule.Descriptor)
            .Append(Rmsp002MissingEpsilon.CallerStartDescriptor)
            .Append(Rmsp004AccumulatorReset.CallerDescriptor)
            .ToImmutableArray();

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(compilationStart =>
        {
            // Each file's text is searched once for the names of roots (RootSyntax), and every type declared in it
            // reads the answer: on code with no root anywhere, that search is all the rules do (docs/analyzer-cost.md).
            var roots = new RootSyntax();

            // The facts that span types (RMSP004 at a caller): gathered as each type's analysis ends, joined when the
            // compilation ends (CallerFacts says why). Only when some type may hold a step: with none, no type is a
            // caller, and neither the per-type look for callers nor the compilation-end action is registered. A new
            // table per analysis run, so a second run over the same compilation starts from nothing.
            StepNames stepNames = CallerSyntax.StepNames(compilationStart.Compilation, roots, compilationStart.CancellationToken);
            CallerFacts? callers = stepNames.Names.Count == 0 ? null : new CallerFacts(stepNames);

            // Helpers a type inherits from a base type of the compilation (a base class's root helper, field item 06).
            var baseHelpers = new BaseTypeHelpers(roots);

            // How callers start the sums a method keeps in its parameters (RMSP002 on a sum the method's own type
            // neither passes nor starts): only when some method taking a root has an array, pointer or span parameter.
            ParameterStartFacts? parameterStarts = ParameterStartFacts.Create(compilationStart.Compilation, roots, compilationStart.CancellationToken);
            compilationStart.RegisterSymbolStartAction(
                start =>
                {
                    var type = (INamedTypeSymbol)start.Symbol;

                    // Every rule needs a square root, so a type whose source names none is skipped before any
                    // operation tree of it is asked for: most types of a project. A type that names none can still
                    // call a step: it is walked for callers only when it names a type that may hold one. A type that
                    // names none may still call a root helper of a base type that names one (read once per base type).
                    bool mayInheritRoot = baseHelpers.MayInheritRoot(type, start.CancellationToken);
                    bool mayTakeRoot = mayInheritRoot || roots.MayTakeRoot(type, start.CancellationToken);
                    bool mayCallStep = callers is not null && callers.MayCallStep(type, start.CancellationToken);
                    bool mayPassState = parameterStarts is not null && parameterStarts.MayPassState(type, start.CancellationToken);
                    if (!mayTakeRoot && !mayCallStep && !mayPassState)
                    {
                        return;
                    }

                    var blocks = new ConcurrentBag<(ISymbol, IOperation)>();
                    start.RegisterOperationBlockAction(block =>
                    {
                        // Only blocks of this very type: nested types are analysed on their own.
                        if (SymbolEqualityComparer.Default.Equals(block.OwningSymbol.ContainingType, type))
                        {
                            foreach (IOperation operation in block.OperationBlocks)
                            {
                                blocks.Add((block.OwningSymbol, operation));
                            }
                        }
                    });
                    start.RegisterSymbolEndAction(end =>
                    {
                        ImmutableArray<(ISymbol, IOperation)> collected = blocks.ToImmutableArray();
                        if (mayCallStep && callers is not null)
                        {
                            callers.AddCallers(collected, end.CancellationToken);
                        }

                        if (mayPassState && parameterStarts is not null)
                        {
                            parameterStarts.AddCallers(collected, end.CancellationToken);
                        }

                        // The well-known symbols are resolved on the first type that may take a root, not at the start
                        // of every compilation: most compilations have none (CompilationFacts keeps one per compilation).
                        if (!mayTakeRoot)
                        {
                            return;
                        }

                        ImmutableArray<(ISymbol, IOperation)> borrowed = mayInheritRoot
                            ? baseHelpers.Borrow(type, collected, end.Compilation, end.CancellationToken)
                            : ImmutableArray<(ISymbol, IOperation)>.Empty;
                        if (TypeModel.Build(collected, borrowed, baseHelpers, CompilationFacts.For(end.Compilation), end.CancellationToken) is not { } model)
                        {
                            return;
                        }

                        foreach ((_, Action<TypeModel, SymbolAnalysisContext> analyze) in AllRules)
                        {
                            end.CancellationToken.ThrowIfCancellationRequested();
                            analyze(model, end);
                        }

                        callers?.AddStepType(type, model);
                        if (parameterStarts is not null)
                        {
                            Rmsp002MissingEpsilon.HoldBackForCallers(model, parameterStarts);
                        }
                    });
                },
                SymbolKind.NamedType);
            if (callers is not null || parameterStarts is not null)
            {
                compilationStart.RegisterCompilationEndAction(end =>
                {
                    if (callers is not null)
                    {
                        Rmsp004AccumulatorReset.AnalyzeCallers(callers, end);
                    }

                    if (parameterStarts is not null)
                    {
                        Rmsp002MissingEpsilon.AnalyzeCallerStarts(parameterStarts, end);
                    }
                });
            }
        });
    }
}
