using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using RmsProp.Functional;

namespace RmsProp.Laws;

/// <summary>
/// FsCheck generators and shrinkers for RMSProp hyperparameters, gradient sequences and diagonal quadratics, for
/// properties of your own beside the laws.
/// </summary>
/// <remarks>
/// Shrinking only ever makes a case simpler by a measure that strictly decreases (fewer steps, fewer coordinates,
/// options switched off, numbers replaced by 0, ±1, a power of ten or two significant digits), so it always ends,
/// and a counterexample ends up as small as the failure allows.
/// </remarks>
public static class RmsPropArbitraries
{
    /// <summary>Any valid options with <c>eps &gt; 0</c>: every placement, centring, momentum convention and so on.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<RmsPropOptions> Options() => OptionsIn(OptionSpace.Everything);

    /// <summary>Runs of 1 to 8 steps on 1 to 8 coordinates under any options with <c>eps &gt; 0</c>.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<TrajectoryCase> Trajectories() => TrajectoriesIn(new TrajectorySpace());

    /// <summary>
    /// Diagonal positive-definite quadratics on 2 to 8 coordinates with condition numbers up to 1e4, and options
    /// under which RMSProp is expected to converge (law 4 says which).
    /// </summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<QuadraticCase> Quadratics() => QuadraticsIn(OptionSpace.Convergence);

    internal static Arbitrary<RmsPropOptions> OptionsIn(OptionSpace space) =>
        Arb.From(Draw.Options(space), o => Shrink.Options(space, o));

    internal static Arbitrary<TrajectoryCase> TrajectoriesIn(TrajectorySpace space) =>
        Arb.From(Draw.Trajectory(space), c => Shrink.Trajectory(space, c));

    internal static Arbitrary<QuadraticCase> QuadraticsIn(OptionSpace space) =>
        Arb.From(Draw.Quadratic(space), c => Shrink.Quadratic(space, c));

    /// <summary>A seed for something the law derives from it (a permutation, a split point); never shrunk.</summary>
    internal static Arbitrary<int> Seeds() => Arb.From(Gen.Choose(0, int.MaxValue));

    /// <summary>Exponents k of the scale 2^k for law 6: nonzero, shrinking towards ±1.</summary>
    internal static Arbitrary<int> ScaleExponents() =>
        Arb.From(
            Gen.Elements(-6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6),
            k => Math.Abs(k) > 1 ? [Math.Sign(k)] : Array.Empty<int>());
}

/// <summary>Which options a law quantifies over. Every law states its space in its documentation.</summary>
internal sealed record OptionSpace
{
    internal static readonly OptionSpace Everything = new();

    /// <summary>Law 4's space: the decays and guards people train with, descending, from a zero average.</summary>
    internal static readonly OptionSpace Convergence = new()
    {
        MinLearningRate = 0.05,
        MaxLearningRate = 0.5,
        MinRho = 0.9,
        MaxRho = 0.999,
        MinEpsilon = 1e-8,
        MaxEpsilon = 1e-6,
        MaxMomentum = 0.9,
        MaxWeightDecay = 0.1,
        Maximize = false,
        InitialSquareAverage = false,
        CenteredWithWeightDecay = true,

        // Decoupled decay moves the minimiser of the quadratic to where lr*g/rms(g) balances lr*wd*w, which the
        // law's closest-approach bound does not describe.
        MaxDecoupledWeightDecay = 0,
    };

    public double MinLearningRate { get; init; } = 1e-3;

    public double MaxLearningRate { get; init; } = 1;

    public double MinRho { get; init; }

    public double MaxRho { get; init; } = 0.999;

    /// <summary>The range of a positive epsilon.</summary>
    public double MinEpsilon { get; init; } = 1e-8;

    public double MaxEpsilon { get; init; } = 1;

    /// <summary>Whether eps = 0 may be drawn; then weight decay is off and the gradients are never 0 (0/0).</summary>
    public bool ZeroEpsilon { get; init; }

    /// <summary>Whether only eps = 0 may be drawn.</summary>
    public bool OnlyZeroEpsilon { get; init; }

    public bool Centered { get; init; } = true;

    public bool OnlyCentered { get; init; }

    public double MaxMomentum { get; init; } = 0.95;

    public double MaxWeightDecay { get; init; } = 0.1;

    public bool Maximize { get; init; } = true;

    /// <summary>Whether Nesterov momentum may be drawn (only ever with momentum on).</summary>
    public bool Nesterov { get; init; } = true;

    public double MaxDecoupledWeightDecay { get; init; } = 0.1;

    public bool InitialSquareAverage { get; init; } = true;

    /// <summary>
    /// Whether centring and weight decay may meet. A steady gradient drives the centred variance s - m^2 towards 0,
    /// so the step approaches lr*g/eps; coupled weight decay then feeds the grown w back into g, and the parameters
    /// grow geometrically until they overflow. That is RMSProp's own behaviour (PyTorch's too), not a fault, so the
    /// short-run laws leave the combination out; law 4, whose rho is at least 0.9, keeps it.
    /// </summary>
    public bool CenteredWithWeightDecay { get; init; }

    /// <summary>Whether eps may sit outside the root.</summary>
    public bool EpsilonOutside { get; init; } = true;

    /// <summary>Whether eps may sit inside the root.</summary>
    public bool EpsilonInside { get; init; } = true;

    /// <summary>Whether momentum may keep the learning rate outside its buffer.</summary>
    public bool MomentumOutside { get; init; } = true;

    /// <summary>Whether momentum may keep the learning rate inside its buffer.</summary>
    public bool MomentumInside { get; init; } = true;

    /// <summary>This space cut down to what <paramref name="support"/> declares.</summary>
    internal OptionSpace Within(RmsPropSupport support)
    {
        bool outside = MomentumOutside && support.MomentumWithLearningRateOutsideBuffer;
        bool inside = MomentumInside && support.MomentumWithLearningRateInsideBuffer;
        return this with
        {
            EpsilonOutside = EpsilonOutside && support.EpsilonOutsideRoot,
            EpsilonInside = EpsilonInside && support.EpsilonInsideRoot,
            Centered = Centered && support.Centered,
            MaxMomentum = outside || inside ? MaxMomentum : 0,
            MomentumOutside = outside,
            MomentumInside = inside,
            MaxWeightDecay = support.WeightDecay ? MaxWeightDecay : 0,
            Maximize = Maximize && support.Maximize,
            InitialSquareAverage = InitialSquareAverage && support.InitialSquareAverage,
            Nesterov = Nesterov && support.Nesterov,
            MaxDecoupledWeightDecay = support.DecoupledWeightDecay ? MaxDecoupledWeightDecay : 0,
        };
    }

    /// <summary>Null when some options lie in the space; else why none do.</summary>
    internal string? WhyEmpty() =>
        !EpsilonOutside && !EpsilonInside ? "no eps placement is declared"
        : OnlyCentered && !Centered ? "it needs centred RMSProp, which is not declared"
        : null;

    internal bool Contains(RmsPropOptions o)
    {
        bool epsilonOk = o.Epsilon == 0
            ? (ZeroEpsilon || OnlyZeroEpsilon) && o.WeightDecay == 0 && (!o.Centered || o.Rho >= 0.5)
            : !OnlyZeroEpsilon && o.Epsilon >= MinEpsilon && o.Epsilon <= MaxEpsilon;
        return epsilonOk
            && o.LearningRate >= MinLearningRate && o.LearningRate <= MaxLearningRate
            && o.Rho >= MinRho && o.Rho <= MaxRho
            && (Centered || !o.Centered) && (!OnlyCentered || o.Centered)
            && o.Momentum <= MaxMomentum
            && (o.Momentum != 0 || o.MomentumConvention == MomentumConvention.LearningRateOutsideBuffer)
            && o.WeightDecay <= MaxWeightDecay
            && (CenteredWithWeightDecay || !o.Centered || o.WeightDecay == 0)
            && (Maximize || !o.Maximize)
            && (InitialSquareAverage || o.InitialSquareAverage == 0)
            && (!o.Nesterov || (Nesterov && o.Momentum != 0))
            && o.DecoupledWeightDecay <= MaxDecoupledWeightDecay
            && (o.EpsilonPlacement == EpsilonPlacement.OutsideRoot ? EpsilonOutside : EpsilonInside)
            && (o.Momentum == 0 || (o.MomentumConvention == MomentumConvention.LearningRateInsideBuffer ? MomentumInside : MomentumOutside));
    }
}

/// <summary>The shape of the runs a law quantifies over.</summary>
internal sealed record TrajectorySpace
{
    public OptionSpace Options { get; init; } = OptionSpace.Everything;

    public int MaxSteps { get; init; } = 8;

    public int MaxLength { get; init; } = 8;

    /// <summary>Whether the run starts at w = 0 (so the first move is exactly the first update).</summary>
    public bool ZeroParameters { get; init; }

    /// <summary>This space cut down to what <paramref name="support"/> declares.</summary>
    internal TrajectorySpace Within(RmsPropSupport support) => this with { Options = Options.Within(support) };

    internal bool Contains(TrajectoryCase c) =>
        Options.Contains(c.Options)
        && c.Steps >= 1 && c.Steps <= MaxSteps
        && c.Length >= 1 && c.Length <= MaxLength
        && c.Gradients.All(g => g.Length == c.Length)
        && (!ZeroParameters || c.Parameters.All(w => w == 0))
        && (c.Options.Epsilon != 0 || c.Gradients.All(g => g.All(x => x != 0)));
}

/// <summary>The generators. Every number drawn is rounded to float, so both number types see the same inputs.</summary>
internal static class Draw
{
    internal static readonly double[] SimpleRhos = [0.9, 0, 0.5, 0.99, 0.999];
    internal static readonly double[] SimpleLearningRates = [0.1, 0.01, 0.001, 1];
    internal static readonly double[] SimpleEpsilons = [1e-8, 1e-6, 1e-3, 0.1, 1];

    internal static double Single(double x) => (float)x;

    internal static Gen<double> Uniform(double low, double high) =>
        Gen.Choose(0, 1 << 30).Select(k => low + ((high - low) * (k / (double)(1 << 30))));

    internal static Gen<double> LogUniform(double low, double high) =>
        Uniform(Math.Log(low), Math.Log(high)).Select(Math.Exp);

    private static Gen<double> SimpleOrUniform(double[] simple, double low, double high, bool logarithmic)
    {
        double[] inRange = simple.Where(x => x >= low && x <= high).ToArray();
        Gen<double> any = low == high ? Gen.Constant(low) : logarithmic ? LogUniform(low, high) : Uniform(low, high);
        return inRange.Length == 0 ? any : Gen.Frequency((1, Gen.Elements(inRange)), (1, any));
    }

    internal static Gen<RmsPropOptions> Options(OptionSpace space)
    {
        Gen<double> epsilon = space.OnlyZeroEpsilon
            ? Gen.Constant(0.0)
            : SimpleOrUniform(SimpleEpsilons, space.MinEpsilon, space.MaxEpsilon, logarithmic: true);
        if (space.ZeroEpsilon && !space.OnlyZeroEpsilon)
        {
            epsilon = Gen.Frequency((1, Gen.Constant(0.0)), (2, epsilon));
        }

        Gen<double> momentum = space.MaxMomentum == 0
            ? Gen.Constant(0.0)
            : Gen.Frequency(
                (2, Gen.Constant(0.0)),
                (1, Gen.Elements(new[] { 0.5, 0.9 }.Where(m => m <= space.MaxMomentum).ToArray())),
                (1, Uniform(0, space.MaxMomentum)));

        Gen<double> weightDecay = space.MaxWeightDecay == 0
            ? Gen.Constant(0.0)
            : Gen.Frequency((3, Gen.Constant(0.0)), (1, Gen.Elements(0.001, 0.01, space.MaxWeightDecay)), (1, Uniform(0, space.MaxWeightDecay)));

        Gen<double> initialSquare = space.InitialSquareAverage
            ? Gen.Frequency((3, Gen.Constant(0.0)), (1, Gen.Constant(1.0)), (1, Uniform(0, 2)))
            : Gen.Constant(0.0);

        Gen<double> decoupledDecay = space.MaxDecoupledWeightDecay == 0
            ? Gen.Constant(0.0)
            : Gen.Frequency((3, Gen.Constant(0.0)), (1, Gen.Elements(0.001, 0.01, space.MaxDecoupledWeightDecay)), (1, Uniform(0, space.MaxDecoupledWeightDecay)));
        Gen<bool> nesterov = space.Nesterov ? Gen.Elements(false, true) : Gen.Constant(false);

        Gen<bool> centered = space.OnlyCentered ? Gen.Constant(true) : space.Centered ? Gen.Elements(false, true) : Gen.Constant(false);
        Gen<bool> maximize = space.Maximize ? Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true))) : Gen.Constant(false);

        Gen<RmsPropOptions> drawn =
            from lr in SimpleOrUniform(SimpleLearningRates, space.MinLearningRate, space.MaxLearningRate, logarithmic: true)
            from rho in SimpleOrUniform(SimpleRhos, space.MinRho, space.MaxRho, logarithmic: false)
            from eps in epsilon
            from inside in Choice(space.EpsilonInside, space.EpsilonOutside)
            from isCentered in centered
            from mu in momentum
            from lrInside in Choice(space.MomentumInside, space.MomentumOutside)
            from wd in weightDecay
            from max in maximize
            from s0 in initialSquare
            from isNesterov in nesterov
            from dwd in decoupledDecay
            select Normalize(new RmsPropOptions
            {
                LearningRate = lr,
                Rho = rho,
                Epsilon = eps,
                EpsilonPlacement = inside ? EpsilonPlacement.InsideRoot : EpsilonPlacement.OutsideRoot,
                Centered = isCentered,
                Momentum = mu,
                MomentumConvention = mu != 0 && lrInside ? MomentumConvention.LearningRateInsideBuffer : MomentumConvention.LearningRateOutsideBuffer,
                WeightDecay = wd,
                Maximize = max,
                InitialSquareAverage = s0,
                Nesterov = mu != 0 && isNesterov,
                DecoupledWeightDecay = dwd,
            });

        // A draw that breaks a combination rule (weight decay with eps = 0 or with centring, centring at a low rho
        // with eps = 0) is mended, not discarded.
        return drawn.Select(o => space.Contains(o) ? o : o with { WeightDecay = 0, Rho = o.Centered && o.Epsilon == 0 ? Math.Max(o.Rho, 0.5) : o.Rho });
    }

    /// <summary>True, false or either, as allowed (false when neither is: the space is empty then, and never drawn from).</summary>
    private static Gen<bool> Choice(bool trueAllowed, bool falseAllowed) =>
        trueAllowed && falseAllowed ? Gen.Elements(false, true) : Gen.Constant(trueAllowed);

    /// <summary>Rounds the drawn reals to three significant digits, so that a counterexample prints short.</summary>
    private static RmsPropOptions Normalize(RmsPropOptions o) => o with
    {
        LearningRate = Digits(o.LearningRate, 3),
        Rho = Math.Min(Math.Round(o.Rho, 4), 0.999),
        Epsilon = Digits(o.Epsilon, 3),
        Momentum = Math.Min(Digits(o.Momentum, 3), 0.95),
        WeightDecay = Digits(o.WeightDecay, 3),
        InitialSquareAverage = Digits(o.InitialSquareAverage, 3),
        DecoupledWeightDecay = Digits(o.DecoupledWeightDecay, 3),
    };

    internal static double Digits(double x, int digits) =>
        double.Parse(x.ToString("G" + digits, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    internal static Gen<double> Gradient(bool zeros)
    {
        Gen<double> sign = Gen.Elements(-1.0, 1.0);
        Gen<double> spread = from s in sign from e in Uniform(-3, 3) select Single(s * Math.Pow(10, e));
        Gen<double> simple = from s in sign from m in Gen.Elements(1.0, 0.5, 2.0, 10.0) select s * m;
        return zeros
            ? Gen.Frequency((1, Gen.Constant(0.0)), (2, simple), (7, spread))
            : Gen.Frequency((2, simple), (7, spread));
    }

    internal static Gen<double> Parameter()
    {
        Gen<double> spread = from s in Gen.Elements(-1.0, 1.0) from e in Uniform(-2, 2) select Single(s * Math.Pow(10, e));
        return Gen.Frequency((3, Gen.Constant(0.0)), (7, spread));
    }

    internal static Gen<TrajectoryCase> Trajectory(TrajectorySpace space) =>
        from options in Options(space.Options)
        from steps in Gen.Choose(1, space.MaxSteps)
        from length in Gen.Choose(1, space.MaxLength)
        from parameters in space.ZeroParameters ? Gen.Constant(new double[length]) : Gen.ArrayOf(Parameter(), length)
        from gradients in Gen.ArrayOf(Gen.ArrayOf(Gradient(zeros: options.Epsilon != 0), length), steps)
        select new TrajectoryCase(options, [.. parameters], [.. gradients.Select(g => ImmutableArray.Create(g))]);

    internal static Gen<QuadraticCase> Quadratic(OptionSpace space) =>
        from options in Options(space)
        from length in Gen.Choose(2, 8)
        from logCondition in Uniform(0, 4)
        from exponents in Gen.ArrayOf(Uniform(0, 1), length)
        from centre in Gen.ArrayOf(Uniform(-1, 1), length)
        from offsets in Gen.ArrayOf(from s in Gen.Elements(-1.0, 1.0) from d in Uniform(0.01, 1) select s * d, length)
        select new QuadraticCase(
            options,
            [.. exponents.Select(e => Single(Math.Pow(10, logCondition * e)))],
            [.. centre.Select(Single)],
            [.. centre.Zip(offsets, (c, d) => Single(c + d))]);
}

/// <summary>
/// The shrinkers. Each candidate is strictly simpler than what it shrinks, by
/// <see cref="Complexity(RmsPropOptions)"/>, <see cref="Complexity(TrajectoryCase)"/> or
/// <see cref="Complexity(QuadraticCase)"/>, and lies in the law's space.
/// </summary>
internal static class Shrink
{
    /// <summary>0 is simplest, then ±1, then ±10^k, then two significant digits, then anything.</summary>
    internal static int Rank(double x)
    {
        if (x == 0)
        {
            return 0;
        }

        if (Math.Abs(x) == 1)
        {
            return 1;
        }

        if (x == PowerOfTen(x))
        {
            return 2;
        }

        return x == TwoDigits(x) ? 3 : 4;
    }

    private static double PowerOfTen(double x) => Draw.Single(Math.Sign(x) * Math.Pow(10, Math.Round(Math.Log10(Math.Abs(x)))));

    private static double TwoDigits(double x) => Draw.Single(Draw.Digits(x, 2));

    internal static IEnumerable<double> Number(double x, bool zero)
    {
        var candidates = new List<double>();
        if (zero)
        {
            candidates.Add(0);
        }

        if (x != 0)
        {
            candidates.Add(Math.Sign(x));
            candidates.Add(PowerOfTen(x));
            candidates.Add(TwoDigits(x));
        }

        int rank = Rank(x);
        return candidates.Where(c => Rank(c) < rank).Distinct();
    }

    private static int SetRank(double x, double[] simple)
    {
        int index = Array.IndexOf(simple, x);
        return index >= 0 ? index : simple.Length;
    }

    internal static int Complexity(RmsPropOptions o) =>
        SetRank(o.LearningRate, Draw.SimpleLearningRates)
        + SetRank(o.Rho, Draw.SimpleRhos)
        + (o.Epsilon == 0 ? 0 : 1 + SetRank(o.Epsilon, Draw.SimpleEpsilons))
        + (o.EpsilonPlacement == EpsilonPlacement.InsideRoot ? 1 : 0)
        + (o.Centered ? 1 : 0)
        + (o.Momentum == 0 ? 0 : o.Momentum == 0.9 ? 1 : 2)
        + (o.MomentumConvention == MomentumConvention.LearningRateInsideBuffer ? 1 : 0)
        + (o.WeightDecay == 0 ? 0 : 1)
        + (o.Maximize ? 1 : 0)
        + (o.InitialSquareAverage == 0 ? 0 : o.InitialSquareAverage == 1 ? 1 : 2)
        + (o.Nesterov ? 1 : 0)
        + (o.DecoupledWeightDecay == 0 ? 0 : 1);

    /// <summary>Compared lexicographically; every shrink candidate is smaller.</summary>
    internal static (int Size, int Options, int Numbers) Complexity(TrajectoryCase c) =>
        (c.Steps + c.Length, Complexity(c.Options), c.Parameters.Sum(Rank) + c.Gradients.Sum(g => g.Sum(Rank)));

    /// <summary>Compared lexicographically; every shrink candidate is smaller.</summary>
    internal static (int Size, int Options, int Numbers) Complexity(QuadraticCase c) =>
        (c.Length,
         Complexity(c.Options),
         Enumerable.Range(0, c.Length).Sum(i => (c.Curvatures[i] != 1 ? 1 : 0) + (c.Centre[i] != 0 ? 1 : 0) + (Math.Abs(c.Start[i] - c.Centre[i]) != 1 ? 1 : 0)));

    internal static IEnumerable<RmsPropOptions> Options(OptionSpace space, RmsPropOptions o)
    {
        var candidates = new List<RmsPropOptions>
        {
            o with { Centered = false },
            o with { Momentum = 0, MomentumConvention = MomentumConvention.LearningRateOutsideBuffer, Nesterov = false },
            o with { Nesterov = false },
            o with { DecoupledWeightDecay = 0 },
            o with { Momentum = 0.9 },
            o with { MomentumConvention = MomentumConvention.LearningRateOutsideBuffer },
            o with { WeightDecay = 0 },
            o with { Maximize = false },
            o with { InitialSquareAverage = 0 },
            o with { InitialSquareAverage = 1 },
            o with { EpsilonPlacement = EpsilonPlacement.OutsideRoot },
        };
        candidates.AddRange(Draw.SimpleRhos.Select(rho => o with { Rho = rho }));
        candidates.AddRange(Draw.SimpleLearningRates.Select(lr => o with { LearningRate = lr }));
        candidates.AddRange(Draw.SimpleEpsilons.Select(eps => o with { Epsilon = eps }));
        int complexity = Complexity(o);
        return candidates.Where(c => Complexity(c) < complexity && space.Contains(c)).Distinct();
    }

    /// <summary>Steps, then coordinates, then options, then numbers: the order that shrinks fastest.</summary>
    internal static IEnumerable<TrajectoryCase> Trajectory(TrajectorySpace space, TrajectoryCase c) =>
        TrajectoryCandidates(space, c).Where(space.Contains);

    private static IEnumerable<TrajectoryCase> TrajectoryCandidates(TrajectorySpace space, TrajectoryCase c)
    {
        if (c.Steps > 1)
        {
            yield return new TrajectoryCase(c.Options, c.Parameters, c.Gradients.RemoveAt(c.Steps - 1));
            yield return new TrajectoryCase(c.Options, c.Parameters, c.Gradients.RemoveAt(0));
        }

        if (c.Length > 1)
        {
            if (c.Length > 3)
            {
                int half = c.Length / 2;
                yield return new TrajectoryCase(c.Options, c.Parameters[..half], [.. c.Gradients.Select(g => g[..half])]);
            }

            foreach (int i in new[] { c.Length - 1, 0, c.Length / 2 }.Distinct())
            {
                yield return new TrajectoryCase(c.Options, c.Parameters.RemoveAt(i), [.. c.Gradients.Select(g => g.RemoveAt(i))]);
            }
        }

        foreach (RmsPropOptions options in Options(space.Options, c.Options))
        {
            yield return c.WithOptions(options);
        }

        for (int i = 0; i < c.Length; i++)
        {
            foreach (double w in Number(c.Parameters[i], zero: true))
            {
                yield return new TrajectoryCase(c.Options, c.Parameters.SetItem(i, w), c.Gradients);
            }
        }

        bool zero = c.Options.Epsilon != 0;
        for (int t = 0; t < c.Steps; t++)
        {
            for (int i = 0; i < c.Length; i++)
            {
                foreach (double g in Number(c.Gradients[t][i], zero))
                {
                    yield return new TrajectoryCase(c.Options, c.Parameters, c.Gradients.SetItem(t, c.Gradients[t].SetItem(i, g)));
                }
            }
        }
    }

    internal static IEnumerable<QuadraticCase> Quadratic(OptionSpace space, QuadraticCase c)
    {
        if (c.Length > 1)
        {
            foreach (int i in new[] { c.Length - 1, 0 }.Distinct())
            {
                yield return new QuadraticCase(c.Options, c.Curvatures.RemoveAt(i), c.Centre.RemoveAt(i), c.Start.RemoveAt(i));
            }
        }

        foreach (RmsPropOptions options in Options(space, c.Options))
        {
            yield return new QuadraticCase(options, c.Curvatures, c.Centre, c.Start);
        }

        for (int i = 0; i < c.Length; i++)
        {
            if (c.Curvatures[i] != 1)
            {
                yield return new QuadraticCase(c.Options, c.Curvatures.SetItem(i, 1), c.Centre, c.Start);
            }

            if (c.Centre[i] != 0)
            {
                yield return new QuadraticCase(c.Options, c.Curvatures, c.Centre.SetItem(i, 0), c.Start.SetItem(i, c.Start[i] - c.Centre[i]));
            }

            double offset = c.Start[i] - c.Centre[i];
            if (Math.Abs(offset) != 1)
            {
                yield return new QuadraticCase(c.Options, c.Curvatures, c.Centre, c.Start.SetItem(i, c.Centre[i] + Math.Sign(offset)));
            }
        }
    }
}
