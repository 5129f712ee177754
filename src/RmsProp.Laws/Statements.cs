using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using RmsProp.Functional;
using static RmsProp.Laws.Runs;

namespace RmsProp.Laws;

/// <summary>
/// The laws. Each method documents its law's exact statement and tolerance; the same text is the law's
/// <see cref="RmsPropLaw.Statement"/>. In tolerances, <c>u</c> is 2^-23 in float and 2^-52 in double.
/// </summary>
internal static class Statements
{
    /// <summary>The run shapes each law quantifies over (law 4 draws quadratics from <see cref="OptionSpace.Convergence"/>).</summary>
    internal static class Spaces
    {
        internal static readonly TrajectorySpace SquareAverage = new() { Options = OptionSpace.Everything with { MaxWeightDecay = 0 } };
        internal static readonly TrajectorySpace BoundedStep = new() { Options = OptionSpace.Everything with { Centered = false, ZeroEpsilon = true } };
        internal static readonly TrajectorySpace FirstStep = new()
        {
            Options = OptionSpace.Everything with { Centered = false, MaxWeightDecay = 0, InitialSquareAverage = false, ZeroEpsilon = true },
            MaxSteps = 1,
            ZeroParameters = true,
        };

        internal static readonly TrajectorySpace Purity = new();
        internal static readonly TrajectorySpace ScaleInvariance = new()
        {
            Options = OptionSpace.Everything with { OnlyZeroEpsilon = true, MaxWeightDecay = 0, InitialSquareAverage = false },
        };

        internal static readonly TrajectorySpace Permutation = new() { MaxLength = 40 };
        internal static readonly TrajectorySpace SignLike = new()
        {
            Options = OptionSpace.Everything with { MinRho = 0, MaxRho = 0, Centered = false, MaxMomentum = 0, MaxWeightDecay = 0, MaxDecoupledWeightDecay = 0 },
        };

        internal static readonly TrajectorySpace ZeroEpsilon = new() { Options = OptionSpace.Everything with { OnlyZeroEpsilon = true, MaxWeightDecay = 0 } };
        internal static readonly TrajectorySpace CenteredVariance = new() { Options = OptionSpace.Everything with { OnlyCentered = true } };
        internal static readonly TrajectorySpace Precision = new() { Options = OptionSpace.Everything with { Centered = false, MaxWeightDecay = 0 } };
        internal static readonly TrajectorySpace Batch = new() { MaxLength = 40 };
        internal static readonly TrajectorySpace Checkpoint = new();
        internal static readonly TrajectorySpace Reference = new();

        internal static IEnumerable<(string Name, TrajectorySpace Space)> All =>
        [
            (nameof(SquareAverage), SquareAverage), (nameof(BoundedStep), BoundedStep), (nameof(FirstStep), FirstStep),
            (nameof(Purity), Purity), (nameof(ScaleInvariance), ScaleInvariance), (nameof(Permutation), Permutation),
            (nameof(SignLike), SignLike), (nameof(ZeroEpsilon), ZeroEpsilon), (nameof(CenteredVariance), CenteredVariance),
            (nameof(Precision), Precision), (nameof(Batch), Batch), (nameof(Checkpoint), Checkpoint),
            (nameof(Reference), Reference),
        ];
    }

    private static Property Verdict(string? violation) =>
        violation is null ? Prop.ToProperty(true) : Prop.Label(false, violation);

    /// <summary>Runs a check in float, then in double, and reports the first violation with its type.</summary>
    /// <summary>Runs a check in float, then in double (each if the implementation has it), and reports the first violation with its type.</summary>
    private static Property InBothTypes(RmsPropImplementation implementation, Func<string?> single, Func<string?> @double)
    {
        string? violation = implementation.Has<float>() ? single() : null;
        if (violation is not null)
        {
            return Verdict("float: " + violation);
        }

        violation = implementation.Has<double>() ? @double() : null;
        return Verdict(violation is null ? null : "double: " + violation);
    }

    /// <summary>Null when the trajectory space has cases under the implementation's declaration; else why not.</summary>
    private static Func<RmsPropImplementation, string?> Declared(TrajectorySpace space) => implementation => space.Options.Within(implementation.Support).WhyEmpty();

    private static Func<RmsPropImplementation, string?> Needs(RmsPropImplementation.Capabilities capabilities, Func<RmsPropImplementation, string?>? and = null) =>
        implementation =>
            !implementation.Can(capabilities) ? (capabilities & ~implementation.Abilities) switch
            {
                var missing when missing.HasFlag(RmsPropImplementation.Capabilities.VisibleAverages) => "it reads the averages, which an optimizer object keeps to itself",
                var missing when missing.HasFlag(RmsPropImplementation.Capabilities.OptionsEveryStep) => "it changes the learning rate between steps, and an optimizer object takes its options once",
                _ => "it loads a saved state, and an optimizer object can only continue its own",
            }
            : and?.Invoke(implementation);

    private static double MoveBound(RmsPropOptions o) => o.LearningRate / (Math.Sqrt(1 - o.Rho) * (1 - o.Momentum));

    /// <summary>
    /// <c>rho/(1-rho)</c>: how much a relative rounding of rho grows in <c>1 - rho</c>. An implementation may form
    /// <c>1 - rho</c> from rho already rounded to its number type (float's 0.999 is 0.99900001, leaving 0.99998713e-3
    /// instead of 1e-3); the laws that depend on <c>1 - rho</c> allow for that, in units of u.
    /// </summary>
    private static double RhoConditioning(RmsPropOptions o) => o.Rho / (1 - o.Rho);

    /// <summary>
    /// Law 1. For any options with eps &gt; 0 and no weight decay, and any run of 1 to 8 steps of finite gradients
    /// (entries 0 or of magnitude 1e-3 to 1e3, so no square overflows), every entry of the square average after
    /// every step is finite and &gt;= 0. Exact: no tolerance.
    /// </summary>
    /// <remarks>
    /// Weight decay is left out because it makes g depend on w, and w may legitimately grow without bound (a
    /// centred step divides by about eps once the variance vanishes); with the gradients as given, s is a weighted
    /// average of s0 and the g^2, so finiteness is a fair demand.
    /// </remarks>
    internal static RmsPropLaw SquareAverage() => new(
        1,
        "The squared-gradient average is never negative and stays finite",
        "Any options with eps > 0 and no weight decay (which feeds w, unbounded, back into g), 1 to 8 steps of finite gradients (0 or magnitude 1e-3..1e3): after every step every entry of s is finite and >= 0. Exact.",
        1000,
        implementation => Prop.ForAll(
            RmsPropArbitraries.TrajectoriesIn(Spaces.SquareAverage.Within(implementation.Support)),
            c => InBothTypes(implementation, () => SquareAverage<float>(implementation, c), () => SquareAverage<double>(implementation, c))),
        Needs(RmsPropImplementation.Capabilities.VisibleAverages));

    private static string? SquareAverage<T>(RmsPropImplementation implementation, TrajectoryCase c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        List<RmsPropStepState<T>> states = Trajectory<T>(implementation, c);
        for (int t = 1; t < states.Count; t++)
        {
            for (int i = 0; i < c.Length; i++)
            {
                T s = states[t].SquareAverage[i];
                if (!(T.IsFinite(s) && s >= T.Zero))
                {
                    return $"after step {t}, s[{i}] = {Text(s)}";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Law 2. Not centered, eps &gt;= 0 (eps = 0 only with nonzero gradients and no weight decay, where 0/0 cannot
    /// occur), either placement, any momentum and convention: at step t every parameter moves by at most
    /// <c>B * (1 + (8(t+2) + rho/(1-rho))u) + 2u*max(|w|, |w'|)</c> with <c>B = lr / (sqrt(1-rho) * (1-mu))</c>.
    /// </summary>
    /// <remarks>
    /// Derivation: s starts &gt;= 0, so <c>s' = rho*s + (1-rho)*g^2 &gt;= (1-rho)*g^2</c> and both
    /// <c>|g|/(sqrt(s')+eps)</c> and <c>|g|/sqrt(s'+eps)</c> are at most <c>1/sqrt(1-rho)</c>; without momentum the
    /// move is lr times that. With momentum the buffer starts at 0 and <c>b_t = mu*b_(t-1) + x_t</c> with
    /// <c>|x_t| &lt;= 1/sqrt(1-rho)</c> (times lr when lr is inside the buffer), so
    /// <c>|b_t| &lt;= sum_k mu^k/sqrt(1-rho) &lt; 1/((1-mu)*sqrt(1-rho))</c>: the geometric sum bounds the
    /// buffer-driven move by B for ever. The factor covers the roundings that accumulate in s and b and a rho
    /// rounded before <c>1 - rho</c> is formed (<see cref="RhoConditioning"/>), the last term the rounding of
    /// <c>w + update</c>. Centered RMSProp has no such bound: <c>sqrt(s - m^2)</c> can be as small as
    /// eps while g is not.
    /// </remarks>
    internal static RmsPropLaw BoundedStep() => new(
        2,
        "One step moves a parameter by at most lr/sqrt(1-rho), or lr/(sqrt(1-rho)(1-mu)) with momentum",
        "Not centered, eps >= 0 (eps = 0 with nonzero gradients and no weight decay), either placement, any momentum (Nesterov's too): at step t, |w' - w| <= B(1 + (8(t+2) + rho/(1-rho))u) + lr dwd|w|(1 + 4u) + 2u max(|w|,|w'|), B = lr/(sqrt(1-rho)(1-mu)), dwd the decoupled weight decay. "
        + "s' >= (1-rho)g^2 bounds |g|/denominator by 1/sqrt(1-rho); a buffer starting at 0 sums at most the geometric series 1/(1-mu) of such terms, and Nesterov's x + mu b' = (1+mu)x + mu^2 b stays within it.",
        1000,
        implementation => Prop.ForAll(
            RmsPropArbitraries.TrajectoriesIn(Spaces.BoundedStep.Within(implementation.Support)),
            c => InBothTypes(implementation, () => BoundedStep<float>(implementation, c), () => BoundedStep<double>(implementation, c))),
        Declared(Spaces.BoundedStep));

    private static string? BoundedStep<T>(RmsPropImplementation implementation, TrajectoryCase c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double u = Epsilon<T>();
        double bound = MoveBound(c.Options);
        List<RmsPropStepState<T>> states = Trajectory<T>(implementation, c);
        for (int t = 1; t < states.Count; t++)
        {
            for (int i = 0; i < c.Length; i++)
            {
                double before = Wide(states[t - 1].Parameters[i]);
                double after = Wide(states[t].Parameters[i]);
                double move = Math.Abs(after - before);
                double decay = c.Options.LearningRate * c.Options.DecoupledWeightDecay * Math.Abs(before) * (1 + (4 * u));
                double allowed = (bound * (1 + (u * ((8 * (t + 2)) + RhoConditioning(c.Options))))) + decay + (2 * u * Math.Max(Math.Abs(before), Math.Abs(after)));
                if (!(move <= allowed))
                {
                    return $"step {t} moved w[{i}] from {Text(states[t - 1].Parameters[i])} to {Text(states[t].Parameters[i])}, by more than {allowed:R}";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Law 3. One step from a zero average and w = 0; not centered, no weight decay, eps &gt;= 0 (eps = 0 with
    /// nonzero gradients), either momentum convention (the buffer starts at 0, so the first move is the same), with
    /// or without maximize: every coordinate lands at <c>-sign(g)*lr*|g|/(sqrt(1-rho)*|g| + eps)</c> (outside) or
    /// <c>-sign(g)*lr*|g|/sqrt((1-rho)*g^2 + eps)</c> (inside), the sign flipped under maximize, to a relative
    /// <c>(16 + rho/(1-rho))u</c>; a zero gradient leaves it at exactly 0.
    /// </summary>
    /// <remarks>
    /// Starting at w = 0 makes the new parameter the update itself, so no rounding of w + u blurs it. 16u covers the
    /// half-dozen roundings on each side (conversions of lr, rho and eps, product, root, sum, quotient);
    /// <c>rho/(1-rho)</c> u a rho rounded before <c>1 - rho</c> is formed.
    /// </remarks>
    internal static RmsPropLaw FirstStep() => new(
        3,
        "The first step from a zero average has magnitude lr|g|/(sqrt(1-rho)|g|+eps), or lr|g|/sqrt((1-rho)g^2+eps) with eps inside",
        "One step from s = 0 and w = 0, not centered, no weight decay, eps >= 0 (eps = 0 with nonzero gradients), any momentum and sign: "
        + "w' = -sign(g) lr|g|/(sqrt(1-rho)|g| + eps) (outside) or -sign(g) lr|g|/sqrt((1-rho)g^2 + eps) (inside), sign flipped under maximize, (1 + mu) times that with Nesterov momentum, to relative (16 + rho/(1-rho))u; g = 0 gives w' = 0 exactly. "
        + "Decoupled weight decay shrinks w = 0 by nothing.",
        1000,
        implementation => Prop.ForAll(
            RmsPropArbitraries.TrajectoriesIn(Spaces.FirstStep.Within(implementation.Support)),
            c => InBothTypes(implementation, () => FirstStep<float>(implementation, c), () => FirstStep<double>(implementation, c))),
        Declared(Spaces.FirstStep));

    private static string? FirstStep<T>(RmsPropImplementation implementation, TrajectoryCase c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RmsPropOptions o = c.Options;
        RmsPropStepState<T> after = Trajectory<T>(implementation, c)[1];
        for (int i = 0; i < c.Length; i++)
        {
            double g = c.Gradients[0][i];
            double denominator = o.EpsilonPlacement == EpsilonPlacement.OutsideRoot
                ? (Math.Sqrt(1 - o.Rho) * Math.Abs(g)) + o.Epsilon
                : Math.Sqrt(((1 - o.Rho) * g * g) + o.Epsilon);
            // Nesterov's first step is x + mu*b with b = x already: (1 + mu) times the plain one.
            double nesterov = o.Nesterov && o.Momentum != 0 ? 1 + o.Momentum : 1;
            double expected = g == 0 ? 0 : (o.Maximize ? 1 : -1) * Math.Sign(g) * nesterov * o.LearningRate * Math.Abs(g) / denominator;
            double relative = (16 + RhoConditioning(o)) * Epsilon<T>();
            string? violation = Near(Wide(after.Parameters[i]), expected, relative, $"w[{i}] after the first step with g = {Describe.Number(g)}");
            if (violation is not null)
            {
                return violation;
            }
        }

        return null;
    }

    /// <summary>Null when <paramref name="actual"/> is within <paramref name="relative"/> of <paramref name="expected"/> (exactly, when it is 0).</summary>
    private static string? Near(double actual, double expected, double relative, string what) =>
        Math.Abs(actual - expected) <= relative * Math.Abs(expected)
            ? null
            : $"{what} is {actual:R}, expected {expected:R} (relative tolerance {relative:E1})";

    /// <summary>Law 4's horizon.</summary>
    internal const int ConvergenceSteps = 400;

    /// <summary>
    /// Law 4, in double. <c>f(x) = 1/2 sum_i h_i (x_i - c_i)^2</c> on 2 to 8 coordinates, <c>h_i</c> in [1, K]
    /// with the condition number K up to 1e4, <c>|x0_i - c_i|</c> in [0.01, 1]; rho in [0.9, 0.999], eps in
    /// [1e-8, 1e-6], either placement, centered or not, momentum up to 0.9 (either convention), weight decay up to
    /// 0.1 (the minimiser is then <c>h_i c_i / (h_i + wd)</c>), descending from a zero average; learning rate
    /// <c>lr_t = lr0 / sqrt(t+1)</c>, lr0 in [0.05, 0.5], for T = 400 steps. Then the closest approach over steps
    /// 200 to 400, in the max norm, is at most <c>lr_T = lr0 / sqrt(400)</c>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Why it is true: each coordinate is its own one-dimensional problem, and RMSProp's move there is
    /// <c>lr*g/rms(g)</c>, which does not depend on the curvature (hence the condition number is harmless). While the
    /// average remembers larger gradients than the present one, the iterate contracts geometrically towards the
    /// minimiser; once the average has forgotten them, RMSProp settles into the two-cycle in which
    /// <c>s = g^2</c> and every move is exactly lr, i.e. it hops between <c>±lr/2</c> around the minimiser. Either
    /// way the closest approach in the second half is within <c>lr_t/2 &lt;= lr_T/2</c> at worst; the law allows
    /// twice that. The decaying rate lets the cycle shrink; the second half leaves 200 steps to settle from any start.
    /// </para>
    /// <para>
    /// Why the broken versions fail it: a step that forgets its average (reset every step) always moves the full
    /// <c>lr/sqrt(1-rho)</c> (&gt;= 3.16 lr for rho &gt;= 0.9), so its cycle straddles the minimiser at distances a
    /// and <c>lr/sqrt(1-rho) - a</c>, and the coordinates almost never all come within lr_T at once; a running sum
    /// of gradients in the numerator overshoots without bound; a stale or raw average divides by eps or takes the
    /// root of a negative number.
    /// </para>
    /// </remarks>
    internal static RmsPropLaw Convergence() => new(
        4,
        "On diagonal convex quadratics with a decaying learning rate the iterates come within lr_T of the minimiser",
        "Double (float when there is no double step). f = 1/2 sum h_i(x_i - c_i)^2, 2..8 coordinates, condition number up to 1e4, |x0 - c| in [0.01, 1]; rho in [0.9, 0.999], eps in [1e-8, 1e-6], any placement, centring, momentum <= 0.9, weight decay <= 0.1, s0 = 0; "
        + "lr_t = lr0/sqrt(t+1), lr0 in [0.05, 0.5], T = 400: min over steps 200..400 of max_i |x_i - x*_i| <= lr0/sqrt(400). "
        + "RMSProp either contracts or settles into the two-cycle ±lr/2 where s = g^2 and each move is lr; the bound is twice that.",
        100,
        implementation => Prop.ForAll(RmsPropArbitraries.QuadraticsIn(OptionSpace.Convergence.Within(implementation.Support)), c => Verdict(implementation.Has<double>() ? Converges<double>(implementation, c) : Converges<float>(implementation, c))),
        Needs(RmsPropImplementation.Capabilities.OptionsEveryStep));

    private static string? Converges<T>(RmsPropImplementation implementation, QuadraticCase c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RmsPropStep<T> step = implementation.Step<T>();
        RmsPropStepState<T> state = RmsPropStepState<T>.Start(c.Options, Convert<T>(c.Start));
        double closest = double.PositiveInfinity;
        double distance = double.NaN;
        for (int t = 0; t < ConvergenceSteps; t++)
        {
            var gradient = new T[c.Length];
            for (int i = 0; i < c.Length; i++)
            {
                gradient[i] = T.CreateChecked(c.Curvatures[i] * (Wide(state.Parameters[i]) - c.Centre[i]));
            }

            state = Checked(step(c.Options.WithLearningRate(c.Options.LearningRate / Math.Sqrt(t + 1)), state, gradient), c.Length, t + 1);
            distance = Enumerable.Range(0, c.Length).Max(i => Math.Abs(Wide(state.Parameters[i]) - c.Minimiser(i)));
            if (double.IsNaN(distance))
            {
                return $"after step {t + 1} the parameters are {state}";
            }

            if (t + 1 >= ConvergenceSteps / 2)
            {
                closest = Math.Min(closest, distance);
            }
        }

        double bound = c.Options.LearningRate / Math.Sqrt(ConvergenceSteps);
        return closest <= bound
            ? null
            : $"the closest approach over steps {ConvergenceSteps / 2}..{ConvergenceSteps} was {closest:R}, more than lr_T = {bound:R} (final distance {distance:R})";
    }

    /// <summary>
    /// Law 5. Any options with eps &gt; 0, from the state reached after 0 to 7 steps: a step changes no bit of the
    /// state or gradient it is given, and a second call with the same arguments returns a bitwise equal state.
    /// </summary>
    internal static RmsPropLaw Purity() => new(
        5,
        "A step changes none of its inputs, and repeating it gives bitwise the same result",
        "Any options with eps > 0, from the state after 0..7 steps: the step changes no bit of its state or gradient, and a second call on the same arguments returns a bitwise equal state.",
        500,
        implementation => Prop.ForAll(
            RmsPropArbitraries.TrajectoriesIn(Spaces.Purity.Within(implementation.Support)),
            c => InBothTypes(implementation, () => Pure<float>(implementation, c), () => Pure<double>(implementation, c))));

    private static string? Pure<T>(RmsPropImplementation implementation, TrajectoryCase c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RmsPropStepState<T> state = Continue(implementation, c.Options, RmsPropStepState<T>.Start(c.Options, Convert<T>(c.Parameters)), c.Gradients.Take(c.Steps - 1))[^1];
        T[] gradient = Convert<T>(c.Gradients[^1]);
        RmsPropStepState<T> stateBefore = state.Copy();
        T[] gradientBefore = (T[])gradient.Clone();
        RmsPropStep<T> step = implementation.Step<T>();

        RmsPropStepState<T> first = Checked(step(c.Options, state, gradient), c.Length, c.Steps);
        if (Difference(stateBefore, state) is string changed)
        {
            return $"step {c.Steps} changed its input state: {changed}";
        }

        for (int i = 0; i < gradient.Length; i++)
        {
            if (!Identical(gradient[i], gradientBefore[i]))
            {
                return $"step {c.Steps} changed gradient[{i}] from {Text(gradientBefore[i])} to {Text(gradient[i])}";
            }
        }

        RmsPropStepState<T> second = Checked(step(c.Options, state, gradient), c.Length, c.Steps);
        return Difference(first, second) is string differs ? $"calling step {c.Steps} again on the same inputs gave {differs}" : null;
    }

    /// <summary>
    /// Law 6. eps = 0, no weight decay, zero initial average, nonzero gradients (centered only with rho &gt;= 0.5, so
    /// the variance stays positive over 8 steps), 1 to 8 steps: multiplying every gradient by <c>c = 2^k</c>,
    /// k in ±1..6, leaves every parameter bitwise unchanged at every step.
    /// </summary>
    /// <remarks>
    /// RMSProp's step is homogeneous of degree 0 in g when eps = 0, so any c &gt; 0 leaves the trajectory unchanged
    /// up to rounding. For powers of two "up to rounding" is exact: scaling by 2^k commutes with every correctly
    /// rounded +, *, /, sqrt and fused multiply-add (sqrt(4^k v) = 2^k sqrt(v)), and the drawn magnitudes keep
    /// every value clear of overflow and underflow. So the law can demand bits, and any rule that is not homogeneous
    /// of degree 0 (an average of raw gradients, a missing root) moves by a factor.
    /// </remarks>
    internal static RmsPropLaw ScaleInvariance() => new(
        6,
        "With eps = 0, scaling every gradient by c = 2^k leaves the trajectory bitwise unchanged",
        "eps = 0, no weight decay, s0 = 0, nonzero gradients (centered only with rho >= 0.5), 1..8 steps, k in ±1..6: the parameters after every step are bitwise the same with gradients times 2^k. "
        + "The step is homogeneous of degree 0 in g, and powers of two commute with correctly rounded +, *, /, sqrt and fma, so the rounding is identical too.",
        1000,
        implementation => Prop.ForAll(
            RmsPropArbitraries.TrajectoriesIn(Spaces.ScaleInvariance.Within(implementation.Support)),
            RmsPropArbitraries.ScaleExponents(),
            (c, k) => InBothTypes(implementation, () => ScaleInvariant<float>(implementation, c, k), () => ScaleInvariant<double>(implementation, c, k))),
        Declared(Spaces.ScaleInvariance));

    private static string? ScaleInvariant<T>(RmsPropImplementation implementation, TrajectoryCase c, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double scale = Math.ScaleB(1, k);
        var scaled = new TrajectoryCase(c.Options, c.Parameters, [.. c.Gradients.Select(g => g.Select(x => x * scale).ToImmutableArray())]);
        List<RmsPropStepState<T>> plain = Trajectory<T>(implementation, c);
        List<RmsPropStepState<T>> times = Trajectory<T>(implementation, scaled);
        for (int t = 1; t < plain.Count; t++)
        {
            for (int i = 0; i < c.Length; i++)
            {
                if (!Identical(plain[t].Parameters[i], times[t].Parameters[i]))
                {
                    return $"after step {t}, w[{i}] is {Text(times[t].Parameters[i])} with gradients times 2^{k} but {Text(plain[t].Parameters[i])} without";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Law 7. Any options with eps &gt; 0, 1 to 40 coordinates (past every vector width), 1 to 8 steps, a random
    /// permutation p: running on the coordinates permuted by p gives, after every step, bitwise the permuted state
    /// (w, s, m, b and aux).
    /// </summary>
    internal static RmsPropLaw Permutation() => new(
        7,
        "Permuting the coordinates permutes the result, bitwise",
        "Any options with eps > 0, 1..40 coordinates, 1..8 steps, a random permutation p: the run on p-permuted parameters and gradients is, after every step, bitwise the p-permuted run (w, s, m, b, aux).",
        300,
        implementation => Prop.ForAll(
            RmsPropArbitraries.TrajectoriesIn(Spaces.Permutation.Within(implementation.Support)),
            RmsPropArbitraries.Seeds(),
            (c, seed) => InBothTypes(implementation, () => Permuted<float>(implementation, c, seed), () => Permuted<double>(implementation, c, seed))));

    private static string? Permuted<T>(RmsPropImplementation implementation, TrajectoryCase c, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int[] p = Runs.Permutation(c.Length, seed);
        var permuted = new TrajectoryCase(
            c.Options,
            [.. p.Select(i => c.Parameters[i])],
            [.. c.Gradients.Select(g => p.Select(i => g[i]).ToImmutableArray())]);
        List<RmsPropStepState<T>> original = Trajectory<T>(implementation, c);
        List<RmsPropStepState<T>> shuffled = Trajectory<T>(implementation, permuted);
        for (int t = 1; t < original.Count; t++)
        {
            if (Difference(original[t], shuffled[t], i => p[i]) is string differs)
            {
                return $"permutation [{string.Join(", ", p)}], after step {t}: {differs}";
            }
        }

        return null;
    }

    /// <summary>
    /// Law 8. (a) rho = 0, not centered, no momentum, no weight decay, eps &gt; 0, any initial average, 1 to 8
    /// steps: every step moves w by <c>-lr*g/(|g| + eps)</c> (outside) or <c>-lr*g/sqrt(g^2 + eps)</c> (inside),
    /// the sign flipped under maximize, to <c>16u</c> of the move plus <c>2u*max(|w|, |w'|)</c> for the rounding of
    /// w, whatever the history, because the average is then just <c>g^2</c>.
    /// (b) Only when both placements are declared: eps = 0 (no weight decay, nonzero gradients, centered only with
    /// rho &gt;= 0.5): the runs with eps outside and inside the root are bitwise identical at every step, since
    /// <c>sqrt(v) + 0</c> and <c>sqrt(v + 0)</c> are the same number.
    /// </summary>
    internal static RmsPropLaw Limits() => new(
        8,
        "With rho = 0 the step is lr*g/(|g|+eps); with eps = 0 the placement of eps changes no bit",
        "(a) rho = 0, not centered, no momentum, no weight decay, eps > 0, any s0, 1..8 steps: each step moves w by -lr g/(|g| + eps) (outside) or -lr g/sqrt(g^2 + eps) (inside), sign flipped under maximize, to 16u of the move plus 2u max(|w|, |w'|). "
        + "(b) When both placements are declared, eps = 0 (no weight decay, nonzero gradients, centered only with rho >= 0.5): outside and inside placement give bitwise the same run.",
        1000,
        implementation => Prop.ForAll(
            RmsPropArbitraries.TrajectoriesIn(Spaces.SignLike.Within(implementation.Support)),
            RmsPropArbitraries.TrajectoriesIn(Spaces.ZeroEpsilon.Within(implementation.Support.WithBothEpsilonPlacements())),
            (signLike, zeroEpsilon) =>
            {
                bool both = implementation.Support.EpsilonInsideRoot && implementation.Support.EpsilonOutsideRoot;
                return InBothTypes(
                    implementation,
                    () => SignLike<float>(implementation, signLike) ?? (both ? PlacementIrrelevant<float>(implementation, zeroEpsilon) : null),
                    () => SignLike<double>(implementation, signLike) ?? (both ? PlacementIrrelevant<double>(implementation, zeroEpsilon) : null));
            }),
        Declared(Spaces.SignLike));

    private static string? SignLike<T>(RmsPropImplementation implementation, TrajectoryCase c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RmsPropOptions o = c.Options;
        double u = Epsilon<T>();
        List<RmsPropStepState<T>> states = Trajectory<T>(implementation, c);
        for (int t = 1; t < states.Count; t++)
        {
            for (int i = 0; i < c.Length; i++)
            {
                double g = c.Gradients[t - 1][i];
                double denominator = o.EpsilonPlacement == EpsilonPlacement.OutsideRoot ? Math.Abs(g) + o.Epsilon : Math.Sqrt((g * g) + o.Epsilon);
                double expected = (o.Maximize ? 1 : -1) * o.LearningRate * g / denominator;
                double before = Wide(states[t - 1].Parameters[i]), after = Wide(states[t].Parameters[i]);
                double allowed = (16 * u * Math.Abs(expected)) + (2 * u * Math.Max(Math.Abs(before), Math.Abs(after)));
                if (!(Math.Abs(after - before - expected) <= allowed))
                {
                    return $"with rho = 0, step {t} (g = {Describe.Number(g)}) moved w[{i}] by {after - before:R}, expected {expected:R} (tolerance {allowed:E2})";
                }
            }
        }

        return null;
    }

    private static string? PlacementIrrelevant<T>(RmsPropImplementation implementation, TrajectoryCase c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        List<RmsPropStepState<T>> outside = Trajectory<T>(implementation, c.WithOptions(c.Options with { EpsilonPlacement = EpsilonPlacement.OutsideRoot }));
        List<RmsPropStepState<T>> inside = Trajectory<T>(implementation, c.WithOptions(c.Options with { EpsilonPlacement = EpsilonPlacement.InsideRoot }));
        for (int t = 1; t < outside.Count; t++)
        {
            if (Difference(outside[t], inside[t]) is string differs)
            {
                return $"eps = 0: after step {t}, eps inside the root gives {differs} (outside)";
            }
        }

        return null;
    }

    /// <summary>
    /// Law 9. Centered, any other options with eps &gt; 0, 1 to 8 steps: after step t, <c>s - m^2 &gt;= -4(t+2)u*s</c>.
    /// </summary>
    /// <remarks>
    /// In exact arithmetic <c>s &gt;= m^2</c>: m is an average of the same gradients with the same weights (summing to
    /// at most 1) whose squares s averages, so Cauchy-Schwarz gives <c>m^2 &lt;= s</c>, and a starting s &gt;= 0 only
    /// adds. In floating point s, a sum of non-negative terms, carries relative error at most <c>(t+2)u</c>, and m an
    /// absolute error at most <c>(t+2)u</c> times the average of |g|, whose square is at most s again; together under
    /// <c>3(t+2)u*s</c>, and the law allows 4.
    /// </remarks>
    internal static RmsPropLaw CenteredVariance() => new(
        9,
        "Centered: the variance estimate s - m^2 is never negative beyond rounding",
        "Centered, any other options with eps > 0, 1..8 steps: after step t, s - m^2 >= -4(t+2)u s. Exactly, m^2 <= s by Cauchy-Schwarz; rounding in s and m adds under 3(t+2)u s.",
        1000,
        implementation => Prop.ForAll(
            RmsPropArbitraries.TrajectoriesIn(Spaces.CenteredVariance.Within(implementation.Support)),
            c => InBothTypes(implementation, () => Variance<float>(implementation, c), () => Variance<double>(implementation, c))),
        Needs(RmsPropImplementation.Capabilities.VisibleAverages, Declared(Spaces.CenteredVariance)));

    private static string? Variance<T>(RmsPropImplementation implementation, TrajectoryCase c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        List<RmsPropStepState<T>> states = Trajectory<T>(implementation, c);
        for (int t = 1; t < states.Count; t++)
        {
            for (int i = 0; i < c.Length; i++)
            {
                double s = Wide(states[t].SquareAverage[i]);
                double m = Wide(states[t].GradientAverage[i]);
                double variance = Math.FusedMultiplyAdd(-m, m, s);
                double allowed = 4 * (t + 2) * Epsilon<T>() * Math.Abs(s);
                if (!(variance >= -allowed))
                {
                    return $"after step {t}, s[{i}] - m[{i}]^2 = {Text(states[t].SquareAverage[i])} - {Text(states[t].GradientAverage[i])}^2 = {variance:R}, below -{allowed:R}";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Law 10. Not centered, no weight decay, eps &gt; 0, any rho, momentum, placement, initial average and sign,
    /// 1 to 8 steps from float-exact inputs: after step t,
    /// <c>|w_float - w_double| &lt;= 2u_f * sum_(j&lt;=t) ((j + 6 + rho/(1-rho))*B + |w_double,j|)</c>, with
    /// <c>B = lr/(sqrt(1-rho)(1-mu))</c> (law 2's bound) and <c>u_f = 2^-23</c>; both must be finite.
    /// </summary>
    /// <remarks>
    /// Each float step's update carries a relative error of at most <c>(j+5)u_f</c> (the average accumulates about
    /// 2u_f per step from its sum of non-negative terms, the root, guard, product and quotient add a few), the
    /// momentum buffer an absolute error of at most <c>(j+6)u_f</c> times B, and each parameter update one rounding of
    /// |w|, and <c>rho/(1-rho)</c> allows for a rho rounded to float before <c>1 - rho</c> is formed; double's own
    /// error is negligible beside float's, and the factor 2 is margin. The space excludes the two
    /// places where float may legitimately lose every digit: the centred variance <c>s - m^2</c>, a cancellation,
    /// and weight decay, through which a perturbed w moves g across 0, where the step jumps between
    /// <c>±lr/sqrt(1-rho)</c>.
    /// </remarks>
    internal static RmsPropLaw Precision() => new(
        10,
        "float and double trajectories agree within float rounding over eight steps",
        "Not centered, no weight decay, eps > 0, any rho, momentum, placement, s0 and sign, 1..8 steps from float-exact inputs: after step t, |w_float - w_double| <= 2u_f sum_{j<=t} ((j + 6 + rho/(1-rho))B + |w_double,j|), "
        + "B = lr/(sqrt(1-rho)(1-mu)), u_f = 2^-23; both finite. Each float update errs by at most (j+5)u_f relative, the buffer by (j+6)u_f B, each w update by one rounding.",
        1000,
        implementation => Prop.ForAll(
            RmsPropArbitraries.TrajectoriesIn(Spaces.Precision.Within(implementation.Support)),
            c => Verdict(FloatMatchesDouble(implementation, c))),
        implementation => implementation.Has<float>() && implementation.Has<double>() ? null : $"it compares float with double, and the implementation has {implementation.NumberTypes}");

    private static string? FloatMatchesDouble(RmsPropImplementation implementation, TrajectoryCase c)
    {
        double unit = Epsilon<float>();
        double bound = MoveBound(c.Options);
        List<RmsPropStepState<float>> single = Trajectory<float>(implementation, c);
        List<RmsPropStepState<double>> @double = Trajectory<double>(implementation, c);
        for (int i = 0; i < c.Length; i++)
        {
            double budget = 0;
            for (int t = 1; t < single.Count; t++)
            {
                double wide = @double[t].Parameters[i];
                budget += ((t + 6 + RhoConditioning(c.Options)) * bound) + Math.Abs(wide);
                double allowed = 2 * unit * budget;
                double gap = Math.Abs(single[t].Parameters[i] - wide);
                if (!(gap <= allowed))
                {
                    return $"after step {t}, w[{i}] is {Text(single[t].Parameters[i])} in float and {Text(wide)} in double: {gap:R} apart, more than {allowed:R}";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Law 11. Any options with eps &gt; 0, 1 to 40 coordinates, 1 to 8 steps: after each step, every coordinate of
    /// the state is bitwise what the same run gives for that coordinate alone (one-coordinate parameters and gradients).
    /// </summary>
    /// <remarks>
    /// A vectorised implementation runs most coordinates in its vector loop and a one-coordinate state entirely in
    /// its scalar tail, so this is "the fast path equals the plain loop", stated through the public step. For
    /// RmsProp.Functional the kernel's two loops are also compared directly, on every length and option.
    /// </remarks>
    internal static RmsPropLaw Batch() => new(
        11,
        "A step on n coordinates equals, bitwise, the step on each coordinate alone (a fast path equals its plain loop)",
        "Any options with eps > 0, 1..40 coordinates, 1..8 steps: after each step, coordinate i of the state (w, s, m, b, aux) is bitwise the state of the same run on coordinate i alone.",
        300,
        implementation => Prop.ForAll(
            RmsPropArbitraries.TrajectoriesIn(Spaces.Batch.Within(implementation.Support)),
            c => InBothTypes(implementation, () => OneAtATime<float>(implementation, c), () => OneAtATime<double>(implementation, c))));

    private static string? OneAtATime<T>(RmsPropImplementation implementation, TrajectoryCase c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        List<RmsPropStepState<T>> together = Trajectory<T>(implementation, c);
        for (int i = 0; i < c.Length; i++)
        {
            var coordinate = new TrajectoryCase(c.Options, [c.Parameters[i]], [.. c.Gradients.Select(g => ImmutableArray.Create(g[i]))]);
            List<RmsPropStepState<T>> alone = Trajectory<T>(implementation, coordinate);
            for (int t = 1; t < together.Count; t++)
            {
                if (Difference(Slice(together[t], i), alone[t]) is string differs)
                {
                    return $"after step {t}, coordinate {i} of {c.Length}: run alone it gives {differs} (run with the others)";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Law 12. Any options with eps &gt; 0, a run of 1 to 8 steps split at a random step: the implementation's
    /// checkpoint round trip (a copy of the arrays unless it brings its own) returns bitwise the saved state, and
    /// the rest of the run continued from it is bitwise the rest of the run continued from the original.
    /// </summary>
    internal static RmsPropLaw Checkpoint() => new(
        12,
        "Saving and reloading a state gives bitwise the same state and the same future",
        "Any options with eps > 0, 1..8 steps split at a random step: the checkpoint round trip returns bitwise the saved state, and every later step from it is bitwise the same as from the original.",
        500,
        implementation => Prop.ForAll(
            RmsPropArbitraries.TrajectoriesIn(Spaces.Checkpoint.Within(implementation.Support)),
            RmsPropArbitraries.Seeds(),
            (c, seed) => InBothTypes(implementation, () => Resumes<float>(implementation, c, seed), () => Resumes<double>(implementation, c, seed))),
        Needs(RmsPropImplementation.Capabilities.AnyState));

    private static string? Resumes<T>(RmsPropImplementation implementation, TrajectoryCase c, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int split = seed % (c.Steps + 1);
        RmsPropStepState<T> saved = Continue(implementation, c.Options, RmsPropStepState<T>.Start(c.Options, Convert<T>(c.Parameters)), c.Gradients.Take(split))[^1];
        RmsPropStepState<T> loaded = Checked(implementation.Checkpoint<T>()(c.Options, saved.Copy()), c.Length, split);
        if (Difference(saved, loaded) is string changed)
        {
            return $"the state saved after step {split} loads back with {changed}";
        }

        List<RmsPropStepState<T>> original = Continue(implementation, c.Options, saved, c.Gradients.Skip(split));
        List<RmsPropStepState<T>> resumed = Continue(implementation, c.Options, loaded, c.Gradients.Skip(split));
        for (int t = 1; t < original.Count; t++)
        {
            if (Difference(original[t], resumed[t]) is string differs)
            {
                return $"saved after step {split} and reloaded, step {split + t} gives {differs}";
            }
        }

        return null;
    }

    /// <summary>Law 13's horizon: enough steps for an average to forget its start and for momentum to build.</summary>
    internal const int ReferenceSteps = 8;

    /// <summary>
    /// Law 13. Any declared options with eps &gt; 0, 1 to 8 steps: after step t, every parameter is within
    /// <c>tol_t = 8u * sum_(j&lt;=t) ((j + 8 + rho/(1-rho) + k_j) * r_j/(1-mu) + |w_j|)</c> of what
    /// RmsProp.Functional's own kernel (<see cref="RmsPropOptimizer.StepInPlace{T}"/>, in double) gives for the same
    /// options and inputs, where <c>w_j</c> and <c>r_j = lr*|g_j|/denominator_j</c> are the reference's parameter
    /// and step size at step j, and <c>k_j</c> the condition of the step's two cancellations: <c>s/(s - m^2)</c> when
    /// centred, and <c>(|g| + wd|w|)/|g + wd*w|</c> plus <c>wd*tol_(j-1)/(u|g + wd*w|)</c> with weight decay (the
    /// parameters' own error fed back into the gradient).
    /// </summary>
    /// <remarks>
    /// A correct step differs from the kernel only in the order of its roundings: each quantity of step j carries a
    /// relative error of a few u per operation, the average about one u per step it has lived (hence j), a rho
    /// rounded before <c>1 - rho</c> is formed <c>rho/(1-rho)</c> u, and a cancellation multiplies what it cancels by
    /// its condition. A step's relative error moves w by that much of its size <c>r_j</c>, and through a momentum
    /// buffer by up to <c>1/(1-mu)</c> times it in total; adding the update to w rounds once more. When a
    /// cancellation is total (a centred variance of 0, a decayed gradient of 0) the tolerance is infinite and the
    /// case says nothing, which is honest: any answer is then within rounding of right. Every mistake in the update
    /// rule moves w by a fraction of lr at once, far beyond this.
    /// </remarks>
    internal static RmsPropLaw Reference() => new(
        13,
        "Agrees with RmsProp.Functional's own kernel, step by step, within rounding",
        "Any declared options with eps > 0, 1..8 steps: after step t every w is within tol_t = 8u sum_{j<=t} ((j + 8 + rho/(1-rho) + k_j) r_j/(1-mu) + |w_j|) of RmsPropOptimizer.StepInPlace in double on the same options and inputs; "
        + "w_j, r_j = lr|g_j|/denominator_j are the reference's, k_j the condition of its cancellations (s/(s - m^2) centred; (|g| + wd|w|)/|g + wd w| and the fed-back error wd tol_{j-1}/(u|g + wd w|) with weight decay).",
        500,
        implementation => Prop.ForAll(
            RmsPropArbitraries.TrajectoriesIn(Spaces.Reference.Within(implementation.Support)),
            c => InBothTypes(implementation, () => MatchesReference<float>(implementation, c), () => MatchesReference<double>(implementation, c))),
        Declared(Spaces.Reference));

    private static string? MatchesReference<T>(RmsPropImplementation implementation, TrajectoryCase c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RmsPropOptions o = c.Options;
        double u = Epsilon<T>();
        int n = c.Length;
        double[] w = [.. c.Parameters];
        double[] square = new double[n];
        Array.Fill(square, o.InitialSquareAverage);
        double[] average = o.Centered ? new double[n] : [];
        double[] buffer = o.Momentum != 0 ? new double[n] : [];
        double[] budget = new double[n];
        double[] tolerance = new double[n];
        List<RmsPropStepState<T>> states = Trajectory<T>(implementation, c);
        for (int t = 1; t < states.Count; t++)
        {
            double[] gradient = [.. c.Gradients[t - 1]];
            double[] before = (double[])w.Clone();
            RmsPropOptimizer.StepInPlace<double>(o, w, gradient, square, average, buffer);
            for (int i = 0; i < n; i++)
            {
                double g = (o.Maximize ? -gradient[i] : gradient[i]) + (o.WeightDecay * before[i]);
                double variance = o.Centered ? square[i] - (average[i] * average[i]) : square[i];
                double denominator = o.EpsilonPlacement == EpsilonPlacement.OutsideRoot ? Math.Sqrt(variance) + o.Epsilon : Math.Sqrt(variance + o.Epsilon);
                double size = o.LearningRate * Math.Abs(g) / denominator;
                double condition = o.Centered ? square[i] / variance : 0;
                if (o.WeightDecay != 0)
                {
                    condition += ((Math.Abs(gradient[i]) + (o.WeightDecay * Math.Abs(before[i]))) / Math.Abs(g)) + (o.WeightDecay * tolerance[i] / (u * Math.Abs(g)));
                }

                budget[i] += ((t + 8 + RhoConditioning(o) + condition) * size / (1 - o.Momentum)) + Math.Abs(w[i]);
                tolerance[i] = 8 * u * budget[i];
                double actual = Wide(states[t].Parameters[i]);
                if (double.IsFinite(w[i]) && !double.IsNaN(tolerance[i]) && !(Math.Abs(actual - w[i]) <= tolerance[i]))
                {
                    return $"after step {t}, w[{i}] is {Text(states[t].Parameters[i])}, but RmsProp.Functional's kernel gives {w[i]:R} for the same options and gradients: {Math.Abs(actual - w[i]):G3} apart, more than the rounding tolerance {tolerance[i]:G3}";
                }
            }
        }

        return null;
    }
}
