using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using RmsProp.Functional;
using RmsProp.Laws;

namespace RmsProp.Properties.Suite;

/// <summary>
/// The generators draw only what each law quantifies over, in numbers both types hold exactly, and the shrinkers
/// stay inside the law's space while always simplifying, so a counterexample shrinks to something small and valid.
/// </summary>
public sealed class GeneratorTests
{
    private const int Samples = 150;

    public static TheoryData<string> SpaceNames => [.. Statements.Spaces.All.Select(s => s.Name)];

    private static TrajectorySpace SpaceNamed(string name) => Statements.Spaces.All.Single(s => s.Name == name).Space;

    private static bool FloatExact(double x) => (double)(float)x == x;

    [Theory]
    [MemberData(nameof(SpaceNames))]
    public void Every_drawn_run_lies_in_its_law_space_in_float_exact_numbers(string name)
    {
        TrajectorySpace space = SpaceNamed(name);
        foreach (TrajectoryCase c in RmsPropArbitraries.TrajectoriesIn(space).Generator.Sample(Samples))
        {
            Assert.True(space.Contains(c), $"{name} drew {c}");
            Assert.All(c.Parameters, w => Assert.True(FloatExact(w), $"{name} drew w = {w:R}"));
            Assert.All(c.Gradients.SelectMany(g => g), g => Assert.True(FloatExact(g), $"{name} drew g = {g:R}"));
        }
    }

    [Theory]
    [MemberData(nameof(SpaceNames))]
    public void Every_shrink_of_a_run_stays_in_its_space_and_is_strictly_simpler(string name)
    {
        TrajectorySpace space = SpaceNamed(name);
        Arbitrary<TrajectoryCase> arbitrary = RmsPropArbitraries.TrajectoriesIn(space);
        foreach (TrajectoryCase c in arbitrary.Generator.Sample(20))
        {
            var before = Shrink.Complexity(c);
            foreach (TrajectoryCase smaller in arbitrary.Shrinker(c))
            {
                Assert.True(space.Contains(smaller), $"{name}: {c} shrank out of the space to {smaller}");
                Assert.True(Shrink.Complexity(smaller).CompareTo(before) < 0, $"{name}: {c} shrank to the no simpler {smaller}");
            }
        }
    }

    [Fact]
    public void Quadratics_have_the_promised_conditioning_start_and_options_and_shrink_within_them()
    {
        Arbitrary<QuadraticCase> arbitrary = RmsPropArbitraries.Quadratics();
        foreach (QuadraticCase c in arbitrary.Generator.Sample(Samples))
        {
            Assert.True(OptionSpace.Convergence.Contains(c.Options), c.ToString());
            Assert.InRange(c.Length, 2, 8);
            Assert.InRange(c.ConditionNumber, 1, 1e4 * (1 + 1e-6));
            Assert.All(Enumerable.Range(0, c.Length), i => Assert.InRange(Math.Abs(c.Start[i] - c.Centre[i]), 0.01 * (1 - 1e-6), 1 + 1e-6));

            var before = Shrink.Complexity(c);
            foreach (QuadraticCase smaller in arbitrary.Shrinker(c))
            {
                Assert.True(OptionSpace.Convergence.Contains(smaller.Options), $"{c} shrank out of the space to {smaller}");
                Assert.True(Shrink.Complexity(smaller).CompareTo(before) < 0, $"{c} shrank to the no simpler {smaller}");
            }
        }
    }

    [Fact]
    public void Options_cover_every_switch_of_the_space()
    {
        RmsPropOptions[] drawn = RmsPropArbitraries.Options().Generator.Sample(400);

        Assert.Contains(drawn, o => o.Centered);
        Assert.Contains(drawn, o => o.EpsilonPlacement == EpsilonPlacement.InsideRoot);
        Assert.Contains(drawn, o => o.MomentumConvention == MomentumConvention.LearningRateInsideBuffer);
        Assert.Contains(drawn, o => o.WeightDecay != 0);
        Assert.Contains(drawn, o => o.Maximize);
        Assert.Contains(drawn, o => o.InitialSquareAverage != 0);
        Assert.Contains(drawn, o => o.Rho == 0);
        Assert.Contains(drawn, o => o.Epsilon >= 0.1);
        Assert.All(drawn, o => Assert.True(OptionSpace.Everything.Contains(o), o.ToString()));
    }

    [Fact]
    public void A_failing_run_shrinks_to_one_step_on_one_coordinate_with_the_simplest_options()
    {
        Property noLargeGradient = Prop.ForAll(
            RmsPropArbitraries.Trajectories(),
            c => c.Gradients.All(g => g.All(x => Math.Abs(x) < 500)));

        RmsPropLaws.Outcome outcome = RmsPropLaws.Run(noLargeGradient, 200, "no gradient reaches 500");

        Assert.False(outcome.Passed);
        TrajectoryCase shrunk = Assert.IsType<TrajectoryCase>(Assert.Single(outcome.Shrunk));
        Assert.Equal(1, shrunk.Steps);
        Assert.Equal(1, shrunk.Length);
        Assert.Equal(1000, Math.Abs(shrunk.Gradients[0][0]));
        Assert.Equal(0, shrunk.Parameters[0]);
        Assert.Equal(new RmsPropOptions { LearningRate = 0.1, Rho = 0.9, Epsilon = 1e-8 }, shrunk.Options);
    }
}
