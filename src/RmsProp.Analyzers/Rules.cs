using Microsoft.CodeAnalysis;

namespace RmsProp.Analyzers;

/// <summary>The descriptors of every rule, in one place so IDs, titles and help links stay consistent.</summary>
public static class Rules
{
    private const string Category = "Correctness";

    /// <summary>RMSP001: the squared-gradient average is fed the raw gradient instead of its square.</summary>
    public static readonly DiagnosticDescriptor RawGradientInSquareAverage = Create(
        "RMSP001",
        "The squared-gradient average is fed the raw gradient",
        "'{0}' is averaged from '{1}', not its square; RMSProp divides by the root of an average of g*g",
        "An RMSProp accumulator that is later used under a square root in the update's denominator must average the squared gradient; averaging the gradient itself gives a signed value whose root is NaN or meaningless.");

    /// <summary>RMSP002: the adaptive denominator has no epsilon guard.</summary>
    public static readonly DiagnosticDescriptor MissingEpsilon = Create(
        "RMSP002",
        "The adaptive denominator has no epsilon",
        "The update divides by '{0}' with no epsilon; a coordinate whose gradients have all been 0 divides by 0, so add a small epsilon inside or after the root",
        "Adaptive optimizers (RMSProp, Adam, AdaGrad) divide by the root of an average of squared gradients. Without a small epsilon (added inside or outside the root, or as a floor with Math.Max) the step is 0/0 = NaN for a coordinate that has seen only zero gradients.");

    /// <summary>RMSP003: the decay weights are swapped, or one weight multiplies both terms.</summary>
    public static readonly DiagnosticDescriptor SwappedDecayWeights = Create(
        "RMSP003",
        "The decay weights of the moving average are swapped",
        "'{0}' weights the old average by '{1}' and the new term by '{2}'; expected rho on the old average and 1 - rho on the new term",
        "An exponential moving average keeps rho of the old value and adds (1 - rho) of the new one. Swapped weights make the average forget almost everything each step; the same weight a on both terms makes it settle at a/(1 - a) times the squared gradient instead of the squared gradient (9 g^2 at a = 0.9, so every step shrinks to lr/3).");

    /// <summary>RMSP004: the accumulator is re-created or zeroed on every step.</summary>
    public static readonly DiagnosticDescriptor AccumulatorReset = Create(
        "RMSP004",
        "The optimizer state is reset on every step",
        "'{0}' is created or cleared on every step in '{1}', so the running average never remembers a previous step; create it once (in a field or before the training loop)",
        "RMSProp's average must survive from one step to the next. Creating or zeroing it inside the per-step method turns the optimizer into sign-like gradient descent with a step of about lr/sqrt(1 - rho).");

    /// <summary>RMSP005: the update divides by the average from before this step's gradient was folded in.</summary>
    public static readonly DiagnosticDescriptor StaleAverage = Create(
        "RMSP005",
        "The update uses the average from before this step",
        "The denominator reads '{0}' before it is updated with this step's gradient; update the average first, then divide by its root",
        "RMSProp first folds the current gradient into the average and then divides by its root. Dividing by the previous average makes the first step divide by 0 (or by epsilon alone) and lags every later step.");

    /// <summary>RMSP006: the decay rate is 0 by integer division, or a constant outside [0, 1).</summary>
    public static readonly DiagnosticDescriptor DecayRateConstant = Create(
        "RMSP006",
        "The decay rate is not in [0, 1)",
        "The decay rate '{0}' is {1}; a decay must lie in [0, 1), typically 0.9 or 0.99",
        "The decay rate of a moving average must lie in [0, 1). Integer division (9 / 10 == 0) silently makes it 0, and a value of 1 or more never forgets or diverges.");

    /// <summary>RMSP007: the denominator takes the root of the current gradient instead of its running average (declared with its query in <see cref="Rmsp007RootOfGradientAnalyzer"/>).</summary>
    public static readonly DiagnosticDescriptor RootOfCurrentGradient = Rmsp007RootOfGradientAnalyzer.Descriptor;

    /// <summary>RMSP008: centered RMSProp's variance goes under the root with no floor at 0 (declared with its query in <see cref="Rmsp008UnflooredVarianceAnalyzer"/>).</summary>
    public static readonly DiagnosticDescriptor UnflooredCenteredVariance = Rmsp008UnflooredVarianceAnalyzer.Descriptor;

    internal static DiagnosticDescriptor Create(string id, string title, string message, string description) =>
        new(
            id,
            title,
            message,
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: RepositoryInfo.RulesHelpBase + id + ".md");
}
