using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RmsProp.Analyzers.Shape;

/// <summary>
/// The common body of the six rules: each builds the same per-type model and reports one descriptor from it.
/// Concurrent execution is on and generated code is skipped for all of them here.
/// </summary>
public abstract class TypeModelAnalyzer : DiagnosticAnalyzer
{
    private readonly DiagnosticDescriptor _rule;

    /// <summary>Creates the analyzer for one rule.</summary>
    /// <param name="rule">The rule's descriptor.</param>
    private protected TypeModelAnalyzer(DiagnosticDescriptor rule)
    {
        _rule = rule;
        SupportedDiagnostics = ImmutableArray.Create(rule);
    }

    /// <inheritdoc/>
    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <summary>The rule this analyzer reports.</summary>
    private protected DiagnosticDescriptor Rule => _rule;

    /// <inheritdoc/>
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        TypeModel.Register(context, Analyze);
    }

    /// <summary>Reports the rule's diagnostics for one type's model.</summary>
    /// <param name="model">The type's averages and denominators.</param>
    /// <param name="context">Where to report.</param>
    private protected abstract void Analyze(TypeModel model, SymbolAnalysisContext context);
}
