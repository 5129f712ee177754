using System;
using System.Linq;
using RmsProp.Functional;
using static RmsProp.Properties.Foundation.Bits;

namespace RmsProp.Properties.Foundation;

/// <summary>
/// The worked examples of the two source texts, recomputed step by step in IEEE double precision (copied from the
/// project's reference notes, so these tests do not depend on any folder outside the repository).
/// </summary>
public sealed class GoldenTests
{
    private const double Tight = 1e-12;

    /// <summary>Source 000: f(x, y) = x^2 + y^2 from (5, 4); lr 0.1, rho 0.9, eps 1e-6 outside the root.</summary>
    private static readonly (int Epoch, double X, double Y)[] Lesson =
    [
        (0, 4.68377233398313, 3.683772358983113),
        (20, 2.368882398592308, 1.4756169712082658),
        (40, 0.9590367216020004, 0.35004133270697096),
        (60, 0.13761292883546697, 0.007452142198643166),
        (80, 0.0003916493737643825, 3.12725068742402e-09),
        (100, -3.0770182845888756e-17, 2.1886219485527558e-20),
    ];

    /// <summary>Source 001: L(w) = (y - w x)^2, x = 2, y = 4, w = 0; lr 0.1, gamma 0.9, eps 1e-8 inside the root.</summary>
    private static readonly (double Gradient, double Average, double W)[] Fit =
    [
        (-8.0, 6.4, 0.31622776576978506),
        (-6.735089, 10.296142, 0.5261246861696613),
        (-5.895501, 12.742222, 0.6912821326727849),
        (-5.234871, 14.208387, 0.8301601886902478),
        (-4.679359, 14.977189, 0.9510726980329256),
    ];

    private static readonly RmsPropOptions LessonOptions = new() { LearningRate = 0.1, Rho = 0.9, Epsilon = 1e-6 };

    private static readonly RmsPropOptions FitOptions = new()
    {
        LearningRate = 0.1,
        Rho = 0.9,
        Epsilon = 1e-8,
        EpsilonPlacement = EpsilonPlacement.InsideRoot,
    };

    [Fact]
    public void Source000_lesson_table_is_reproduced_through_Step()
    {
        RmsPropState<double> state = RmsPropOptimizer.Init<double>(LessonOptions, [5.0, 4.0]);
        int row = 0;
        for (int epoch = 0; epoch <= 100; epoch++)
        {
            state = RmsPropOptimizer.Step<double>(state, [2 * state.Parameters[0], 2 * state.Parameters[1]]);
            if (epoch == Lesson[Math.Min(row, Lesson.Length - 1)].Epoch)
            {
                AssertClose(Lesson[row].X, state.Parameters[0], Tight, $"x at epoch {epoch}");
                AssertClose(Lesson[row].Y, state.Parameters[1], Tight, $"y at epoch {epoch}");
                row++;
            }
        }

        Assert.Equal(Lesson.Length, row);
        Assert.Equal(101, state.StepCount);
    }

    [Fact]
    public void Source000_lesson_table_is_reproduced_through_Update_and_ApplyUpdates()
    {
        RmsPropMoments<double> moments = RmsPropOptimizer.InitMoments<double>(LessonOptions, 2);
        double[] coordinates = [5.0, 4.0];
        for (int epoch = 0; epoch <= 100; epoch++)
        {
            var (updates, next) = RmsPropOptimizer.Update<double>(moments, [2 * coordinates[0], 2 * coordinates[1]]);
            coordinates = RmsPropOptimizer.ApplyUpdates<double>(coordinates, updates.AsSpan()).ToArray();
            moments = next;
        }

        AssertClose(Lesson[^1].X, coordinates[0], Tight, "x at epoch 100");
        AssertClose(Lesson[^1].Y, coordinates[1], Tight, "y at epoch 100");
    }

    [Fact]
    public void Source000_lesson_table_is_reproduced_in_place()
    {
        double[] coordinates = [5.0, 4.0];
        double[] squareAverage = [0.0, 0.0];
        for (int epoch = 0; epoch <= 100; epoch++)
        {
            double[] gradient = [2 * coordinates[0], 2 * coordinates[1]];
            RmsPropOptimizer.StepInPlace<double>(LessonOptions, coordinates, gradient, squareAverage, [], []);
        }

        AssertClose(Lesson[^1].X, coordinates[0], Tight, "x at epoch 100");
        AssertClose(Lesson[^1].Y, coordinates[1], Tight, "y at epoch 100");
    }

    [Fact]
    public void Source001_five_iterations_are_reproduced_with_epsilon_inside_the_root()
    {
        const double X = 2.0, Y = 4.0;
        RmsPropState<double> state = RmsPropOptimizer.Init<double>(FitOptions, [0.0]);
        foreach (var (expectedGradient, expectedAverage, expectedW) in Fit)
        {
            double gradient = (Y - state.Parameters[0] * X) * -X;
            state = RmsPropOptimizer.Step<double>(state, [gradient]);

            // g and G are printed to six decimals in the source; w is known to full precision.
            Assert.Equal(expectedGradient, gradient, 6);
            Assert.Equal(expectedAverage, state.SquareAverage[0], 6);
            AssertClose(expectedW, state.Parameters[0], Tight, $"w after iteration {state.StepCount}");
        }
    }

    [Fact]
    public void Source001_differs_measurably_when_epsilon_is_put_outside_the_root()
    {
        // Guards the placement switch itself: with an eps large enough to matter, each placement must give its own
        // formula (they differ in the fifth digit), so a switch that were ignored fails one of the two.
        RmsPropOptions options = FitOptions with { Epsilon = 1e-2 };
        double outside = RmsPropOptimizer.Step<double>(RmsPropOptimizer.Init<double>(options with { EpsilonPlacement = EpsilonPlacement.OutsideRoot }, [0.0]), [-8.0]).Parameters[0];
        double inside = RmsPropOptimizer.Step<double>(RmsPropOptimizer.Init<double>(options with { EpsilonPlacement = EpsilonPlacement.InsideRoot }, [0.0]), [-8.0]).Parameters[0];
        AssertClose(0.1 * 8.0 / (Math.Sqrt(6.4) + 1e-2), outside, Tight, "w with eps outside");
        AssertClose(0.1 * 8.0 / Math.Sqrt(6.4 + 1e-2), inside, Tight, "w with eps inside");
    }

    [Fact]
    public void Source000_in_float_stays_within_float_rounding_of_the_double_table()
    {
        var state = RmsPropOptimizer.Init<float>(LessonOptions, [5f, 4f]);
        for (int epoch = 0; epoch <= 40; epoch++)
        {
            state = RmsPropOptimizer.Step<float>(state, [2 * state.Parameters[0], 2 * state.Parameters[1]]);
        }

        // 41 single-precision steps: each rounds at about 6e-8 relative; 1e-5 leaves room for their growth.
        AssertClose(Lesson[2].X, state.Parameters[0], 1e-5, "float x at epoch 40");
        AssertClose(Lesson[2].Y, state.Parameters[1], 1e-5, "float y at epoch 40");
    }
}
