using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RmsProp.Analyzers.Shape;
using static RmsProp.Analyzers.Shape.Expressions;

namespace RmsProp.Analyzers;

/// <summary>
/// RMSP006: the decay rate of an optimizer's running average is 0 by integer division (<c>9 / 10</c>) or a constant
/// outside [0, 1). Only constants that reach such an average are looked at.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class Rmsp006DecayRateAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The diagnostic property that tells the code fix what is wrong: "IntegerDivision" or "OutOfRange".</summary>
    public const string KindProperty = "Kind";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rules.DecayRateConstant);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        TypeModel.Register(context, Analyze);
    }

    private static void Analyze(TypeModel model, SymbolAnalysisContext context)
    {
        var reported = new HashSet<SyntaxNode>();
        foreach (Average average in model.Averages)
        {
            if (!model.InOptimizerStep(average))
            {
                continue;
            }

            foreach (IOperation weight in DecayWeights(average))
            {
                foreach (IOperation source in Weights.Sources(weight, model))
                {
                    if (Verdict(source) is { } verdict && reported.Add(Unwrap(source).Syntax))
                    {
                        IOperation shown = Unwrap(source);
                        context.ReportDiagnostic(Diagnostic.Create(
                            Rules.DecayRateConstant,
                            shown.Syntax.GetLocation(),
                            ImmutableDictionary<string, string?>.Empty.Add(KindProperty, verdict.Kind),
                            shown.Syntax.ToString(),
                            verdict.Text));
                    }
                }
            }
        }
    }

    /// <summary>The expressions that stand for rho: the old weight, and x in a <c>1 - x</c> weight.</summary>
    private static IEnumerable<IOperation> DecayWeights(Average average)
    {
        foreach (IOperation? weight in new[] { average.OldWeight, average.NewWeight })
        {
            if (weight is null)
            {
                continue;
            }

            if (Weights.Complement(weight) is { } decay)
            {
                yield return decay;
            }
            else if (weight == average.OldWeight || Weights.Symbol(weight) is not null)
            {
                yield return weight;
            }
        }
    }

    private static (string Kind, string Text)? Verdict(IOperation source)
    {
        if (Weights.IsIntegerDivision(source))
        {
            double value = ConstantNumber(source) ?? 0;
            return ("IntegerDivision", value.ToString(CultureInfo.InvariantCulture) + " by integer division");
        }

        if (ConstantNumber(source) is { } number && (number < 0 || number >= 1))
        {
            return ("OutOfRange", number.ToString(CultureInfo.InvariantCulture) + ", outside [0, 1)");
        }

        return null;
    }
}
