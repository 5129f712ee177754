using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using RmsProp.Functional;

namespace RmsProp.Laws;

/// <summary>
/// A generated run: hyperparameters, starting parameters and a sequence of gradients. Every number is exactly
/// representable as a <see cref="float"/>, so the same case runs unrounded in both number types.
/// </summary>
public sealed class TrajectoryCase
{
    /// <summary>A case; the arrays are taken as they are.</summary>
    /// <param name="options">The hyperparameters.</param>
    /// <param name="parameters">The starting parameters.</param>
    /// <param name="gradients">One gradient per step, each with one entry per parameter.</param>
    public TrajectoryCase(RmsPropOptions options, ImmutableArray<double> parameters, ImmutableArray<ImmutableArray<double>> gradients)
    {
        Options = options;
        Parameters = parameters;
        Gradients = gradients;
    }

    /// <summary>The hyperparameters.</summary>
    public RmsPropOptions Options { get; }

    /// <summary>The starting parameters.</summary>
    public ImmutableArray<double> Parameters { get; }

    /// <summary>The gradient of each step.</summary>
    public ImmutableArray<ImmutableArray<double>> Gradients { get; }

    /// <summary>The number of coordinates.</summary>
    public int Length => Parameters.Length;

    /// <summary>The number of steps.</summary>
    public int Steps => Gradients.Length;

    /// <summary>The same run with other options.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The case.</returns>
    public TrajectoryCase WithOptions(RmsPropOptions options) => new(options, Parameters, Gradients);

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append('{').Append(Describe.Options(Options)).Append("; w0 = ").Append(Describe.Values(Parameters));
        text.Append("; g = [").Append(string.Join(", ", Gradients.Select(Describe.Values))).Append("]}");
        return text.ToString();
    }
}

/// <summary>
/// A separable convex quadratic <c>f(x) = 1/2 * sum_i h_i * (x_i - c_i)^2</c>, a start, and the hyperparameters
/// of the run (whose learning rate is the one of the first step; law 4 decays it).
/// </summary>
public sealed class QuadraticCase
{
    /// <summary>A case; the arrays are taken as they are and must have one entry per coordinate.</summary>
    /// <param name="options">The hyperparameters; <see cref="RmsPropOptions.LearningRate"/> is the first step's.</param>
    /// <param name="curvatures">The diagonal <c>h_i &gt; 0</c> of the Hessian.</param>
    /// <param name="centre">The minimiser <c>c</c> of <c>f</c> (without weight decay).</param>
    /// <param name="start">The starting point.</param>
    public QuadraticCase(RmsPropOptions options, ImmutableArray<double> curvatures, ImmutableArray<double> centre, ImmutableArray<double> start)
    {
        Options = options;
        Curvatures = curvatures;
        Centre = centre;
        Start = start;
    }

    /// <summary>The hyperparameters; the learning rate is the first step's.</summary>
    public RmsPropOptions Options { get; }

    /// <summary>The diagonal of the Hessian.</summary>
    public ImmutableArray<double> Curvatures { get; }

    /// <summary>The minimiser of the quadratic itself.</summary>
    public ImmutableArray<double> Centre { get; }

    /// <summary>The starting point.</summary>
    public ImmutableArray<double> Start { get; }

    /// <summary>The number of coordinates.</summary>
    public int Length => Start.Length;

    /// <summary>The largest curvature over the smallest.</summary>
    public double ConditionNumber => Curvatures.Max() / Curvatures.Min();

    /// <summary>
    /// The minimiser of what the optimizer really minimises: coupled weight decay adds <c>wd/2 * |x|^2</c>, which
    /// moves coordinate <c>i</c>'s minimiser to <c>h_i c_i / (h_i + wd)</c>.
    /// </summary>
    /// <param name="i">The coordinate.</param>
    /// <returns>The minimiser's coordinate.</returns>
    public double Minimiser(int i) => Curvatures[i] * Centre[i] / (Curvatures[i] + Options.WeightDecay);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{{{Describe.Options(Options)}; h = {Describe.Values(Curvatures)} (condition {ConditionNumber.ToString("G3", CultureInfo.InvariantCulture)}); c = {Describe.Values(Centre)}; x0 = {Describe.Values(Start)}}}";
}

/// <summary>Short, exact text for counterexamples.</summary>
internal static class Describe
{
    internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Case values are floats widened to double; printed as floats they read as they were drawn.</summary>
    internal static string Values(ImmutableArray<double> values) =>
        "[" + string.Join(", ", values.Select(v => ((float)v).ToString("R", CultureInfo.InvariantCulture))) + "]";

    /// <summary>Only what differs from the simplest setting, so a shrunk counterexample reads at a glance.</summary>
    internal static string Options(RmsPropOptions o)
    {
        var parts = new StringBuilder();
        parts.Append("lr=").Append(Number(o.LearningRate)).Append(" rho=").Append(Number(o.Rho)).Append(" eps=").Append(Number(o.Epsilon));
        if (o.EpsilonPlacement == EpsilonPlacement.InsideRoot)
        {
            parts.Append(" eps-inside");
        }

        if (o.Centered)
        {
            parts.Append(" centered");
        }

        if (o.Momentum != 0)
        {
            parts.Append(" mu=").Append(Number(o.Momentum))
                .Append(o.MomentumConvention == MomentumConvention.LearningRateInsideBuffer ? " (lr inside buffer)" : " (lr outside buffer)");
        }

        if (o.Nesterov && o.Momentum != 0)
        {
            parts.Append(" nesterov");
        }

        if (o.WeightDecay != 0)
        {
            parts.Append(" wd=").Append(Number(o.WeightDecay));
        }

        if (o.DecoupledWeightDecay != 0)
        {
            parts.Append(" decoupled-wd=").Append(Number(o.DecoupledWeightDecay));
        }

        if (o.Maximize)
        {
            parts.Append(" maximize");
        }

        if (o.InitialSquareAverage != 0)
        {
            parts.Append(" s0=").Append(Number(o.InitialSquareAverage));
        }

        return parts.ToString();
    }
}
