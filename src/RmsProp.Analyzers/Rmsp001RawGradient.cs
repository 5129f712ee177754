using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RmsProp.Analyzers.Shape;
using static RmsProp.Analyzers.Shape.Expressions;

namespace RmsProp.Analyzers;

/// <summary>
/// RMSP001: an accumulator under the root of an adaptive denominator is fed the raw gradient instead of its square.
/// Only averages that really sit under such a root are considered, so moving averages of prices, meters and
/// centered RMSProp's gradient average (squared under the root) stay silent.
/// </summary>
public static class Rmsp001RawGradient
{
    /// <summary>RMSP001's descriptor.</summary>
    public static readonly DiagnosticDescriptor Descriptor = Rules.Create(
        "RMSP001",
        "The squared-gradient average is fed the raw gradient",
        "'{0}' is averaged from '{1}', not its square; RMSProp divides by the root of an average of g*g",
        "An RMSProp accumulator that is later used under a square root in the update's denominator must average the squared gradient; averaging the gradient itself gives a signed value whose root is NaN or meaningless.");

    /// <summary>Reports RMSP001 in one type's model.</summary>
    internal static void Analyze(TypeModel model, SymbolAnalysisContext context)
    {
        foreach (Average average in model.Averages)
        {
            model.Cancellation.ThrowIfCancellationRequested();
            if (!model.FeedsDenominator(average) || RawGradient(average, model) is not { } raw)
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptor,
                raw.Syntax.GetLocation(),
                average.Storage.Name,
                raw.Syntax.ToString()));
        }
    }

    /// <summary>
    /// The gradient read where the new term has degree 1 in it. The update's normal form answers whenever its new term
    /// is a product of data atoms (however the update is spelled: multiplied out, through locals, helpers, method
    /// chains, an array filled with squares earlier); the shape's own new term answers when the normal form holds
    /// something it does not see into.
    /// </summary>
    private static IOperation? RawGradient(Average average, TypeModel model) =>
        average.Normal is { NewTerm: not null } normal && normal.SeesWholeNewTerm ? normal.RawGradient() : RawOperand(average, model);

    /// <summary>The new term when it is a plain (possibly scaled) value rather than a square; null otherwise.</summary>
    private static IOperation? RawOperand(Average average, TypeModel model)
    {
        IOperation term = average.NewTerm;
        if (IsSquare(term, model.LocalDefinitionsFor(average.Assignment)))
        {
            return null;
        }

        IReadOnlyList<IOperation> definitions = model.LocalDefinitionsFor(average.Assignment);
        var values = Factors(term).Where(f => !IsConstant(f) && !IsWeight(f, average)).ToList();
        if (values.Count > 1)
        {
            // g * scale: the gradient is the factor that varies per coordinate (an element, or a local read from one).
            values = values.Where(f => VariesPerCoordinate(f, definitions)).ToList();
        }

        if (values.Count != 1 || Root(values[0]) is null && Unwrap(values[0]) is not IParameterReferenceOperation)
        {
            return null;
        }

        // A local holding something other than a plain read (a square computed elsewhere, an absolute value) is
        // not known to be raw.
        IOperation value = Unwrap(values[0]);
        if (value is ILocalReferenceOperation local)
        {
            var values2 = DefinitionsOf(local.Local, definitions).ToList();
            if (values2.Count == 0 || values2.Any(d => Root(d) is null && !IsGradientLike(d)))
            {
                return null;
            }
        }

        return values[0];
    }

    private static bool VariesPerCoordinate(IOperation factor, IReadOnlyList<IOperation> definitions) =>
        IsElementAccess(factor) || IsVectorLoad(factor)
        || Unwrap(factor) is ILocalReferenceOperation local
            && DefinitionsOf(local.Local, definitions).Any(d => d.DescendantsAndSelf().Any(op => IsElementAccess(op) || IsVectorLoad(op)));

    private static bool IsWeight(IOperation factor, Average average) =>
        Same(factor, average.NewWeight) || Weights.Symbol(factor) is { } symbol && TypeModel.NameLooksLikeDecay(symbol.Name);

    private static bool IsGradientLike(IOperation definition) =>
        Unwrap(definition) is IBinaryOperation or IInvocationOperation { TargetMethod.Name: "Gradient" or "Grad" or "ComputeGradient" };
}
