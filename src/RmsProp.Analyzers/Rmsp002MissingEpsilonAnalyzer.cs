using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RmsProp.Analyzers.Shape;

namespace RmsProp.Analyzers;

/// <summary>
/// RMSP002: the square root of a running average (or sum) of squared gradients divides a parameter update with no
/// epsilon inside the root, after it, or as a floor.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class Rmsp002MissingEpsilonAnalyzer : TypeModelAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public Rmsp002MissingEpsilonAnalyzer()
        : base(Rules.MissingEpsilon)
    {
    }

    /// <inheritdoc/>
    private protected override void Analyze(TypeModel model, SymbolAnalysisContext context)
    {
        var reported = new HashSet<IOperation>();
        var guarded = new HashSet<IOperation>();
        foreach (Denominator denominator in model.Denominators)
        {
            model.Cancellation.ThrowIfCancellationRequested();
            if (denominator.HasEpsilon)
            {
                guarded.Add(denominator.SquareRoot);
            }
        }

        foreach (Denominator denominator in model.Denominators)
        {
            model.Cancellation.ThrowIfCancellationRequested();
            if (denominator.HasEpsilon || guarded.Contains(denominator.SquareRoot) || model.StartsPositiveAndOnlyGrows(denominator.Accumulator)
                || !reported.Add(denominator.SquareRoot))
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Rules.MissingEpsilon,
                denominator.SquareRoot.Syntax.GetLocation(),
                denominator.SquareRoot.Syntax.ToString()));
        }
    }
}
