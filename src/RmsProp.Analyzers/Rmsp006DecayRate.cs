using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using RmsProp.Analyzers.Shape;
using static RmsProp.Analyzers.Shape.Expressions;

namespace RmsProp.Analyzers;

/// <summary>
/// RMSP006: the decay rate of an optimizer's running average is 0 by integer division (<c>9 / 10</c>) or a constant
/// outside [0, 1). Only constants that reach such an average are looked at.
/// </summary>
public static class Rmsp006DecayRate
{
    /// <summary>RMSP006's descriptor.</summary>
    public static readonly DiagnosticDescriptor Descriptor = Rules.Create(
        "RMSP006",
        "The decay rate is not in [0, 1)",
        "The decay rate '{0}' is {1}; a decay must lie in [0, 1), typically 0.9 or 0.99",
        "The decay rate of a moving average must lie in [0, 1). Integer division (9 / 10 == 0) silently makes it 0, and a value of 1 or more never forgets or diverges.");

    /// <summary>The diagnostic property that tells the code fix what is wrong: "IntegerDivision" or "OutOfRange".</summary>
    public const string KindProperty = "Kind";

    /// <summary>Reports RMSP006 in one type's model.</summary>
    internal static void Analyze(TypeModel model, SymbolAnalysisContext context)
    {
        var reported = new HashSet<SyntaxNode>();
        foreach (Average average in model.Averages)
        {
            model.Cancellation.ThrowIfCancellationRequested();
            if (!model.InOptimizerStep(average))
            {
                continue;
            }

            foreach (IOperation weight in DecayWeights(average))
            {
                if (Weights.Symbol(weight) is { } symbol && !SymbolEqualityComparer.Default.Equals(symbol.ContainingType, context.Symbol))
                {
                    ReportDeclaredElsewhere(symbol, model.Facts, context, reported);
                    continue;
                }

                foreach (IOperation source in Weights.Sources(weight, model))
                {
                    if (Verdict(source) is { } verdict && reported.Add(Unwrap(source).Syntax)
                        && model.Facts.ClaimReport(Descriptor.Id, Unwrap(source).Syntax.GetLocation()))
                    {
                        IOperation shown = Unwrap(source);
                        context.ReportDiagnostic(Diagnostic.Create(
                            Descriptor,
                            shown.Syntax.GetLocation(),
                            ImmutableDictionary<string, string?>.Empty.Add(KindProperty, verdict.Kind),
                            shown.Syntax.ToString(),
                            verdict.Text));
                    }
                }
            }
        }
    }

    /// <summary>
    /// A decay read from another type (<c>_settings.Rho</c>) has its initializer there, outside this type's
    /// operations; its declaration's syntax is read directly, for the two literal shapes this rule is about. The
    /// declaration is reported once in the compilation, however many types read it.
    /// </summary>
    private static void ReportDeclaredElsewhere(ISymbol symbol, CompilationFacts facts, SymbolAnalysisContext context, HashSet<SyntaxNode> reported)
    {
        foreach (SyntaxReference reference in symbol.DeclaringSyntaxReferences)
        {
            ExpressionSyntax? initializer = reference.GetSyntax(context.CancellationToken) switch
            {
                PropertyDeclarationSyntax property => property.Initializer?.Value,
                VariableDeclaratorSyntax variable => variable.Initializer?.Value,
                ParameterSyntax parameter => parameter.Default?.Value,   // record Settings(double Rho = 9 / 10)
                _ => null,
            };
            if (initializer is null || !reported.Add(initializer))
            {
                continue;
            }

            (string Kind, string Text)? verdict = initializer switch
            {
                BinaryExpressionSyntax { RawKind: (int)SyntaxKind.DivideExpression, Left: LiteralExpressionSyntax { Token.Value: int or long } left, Right: LiteralExpressionSyntax { Token.Value: int or long } right }
                    when System.Convert.ToInt64(right.Token.Value, CultureInfo.InvariantCulture) != 0 =>
                    ("IntegerDivision", (System.Convert.ToInt64(left.Token.Value, CultureInfo.InvariantCulture) / System.Convert.ToInt64(right.Token.Value, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture) + " by integer division"),
                _ => LiteralValue(initializer) is { } number && (number < 0 || number >= 1)
                    ? ("OutOfRange", number.ToString(CultureInfo.InvariantCulture) + ", outside [0, 1)")
                    : null,
            };
            // Every type that reads the declaration gets here; the declaration is reported once.
            if (verdict is { } found && facts.ClaimReport(Descriptor.Id, initializer.GetLocation()))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptor,
                    initializer.GetLocation(),
                    ImmutableDictionary<string, string?>.Empty.Add(KindProperty, found.Kind),
                    initializer.ToString(),
                    found.Text));
            }
        }
    }

    private static double? LiteralValue(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax { Token.Value: { } value } when value is double or float or int or long or decimal => System.Convert.ToDouble(value, CultureInfo.InvariantCulture),
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression, Operand: { } operand } => -LiteralValue(operand),
        _ => null,
    };

    /// <summary>The expressions that stand for rho: the old weight, and x in a <c>1 - x</c> weight.</summary>
    private static IEnumerable<IOperation> DecayWeights(Average average)
    {
        // A running sum (`objective += alpha * penalty`) forgets nothing: its weight is a scale, not a decay.
        if (average.Form == AverageForm.Sum)
        {
            yield break;
        }

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
