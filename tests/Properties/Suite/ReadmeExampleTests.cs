using System;
using System.Linq;
using System.Numerics;
using RmsProp.Functional;
using RmsProp.Laws;

namespace RmsProp.Properties.Suite;

/// <summary>
/// The README's recipe, as a new user applies it: a plain RMSProp written by hand (lr, rho, eps outside the root,
/// nothing else), wrapped in one line in each shape real code has, must pass every law that applies; the same lines
/// must report a broken one. Each law is its own test, as the README shows for xunit.
/// </summary>
public sealed class ReadmeExampleTests
{
    // README: plain begin
    // The lesson's RMSProp, as people write it: updates the arrays it is given.
    static void MyRmsProp(RmsPropOptions options, double[] w, double[] g, double[] s)
    {
        double lr = options.LearningRate, rho = options.Rho, eps = options.Epsilon;
        for (int i = 0; i < w.Length; i++)
        {
            s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
            w[i] -= lr * g[i] / (Math.Sqrt(s[i]) + eps);
        }
    }

    static readonly RmsPropImplementation Mine = RmsPropImplementation.InPlace<double>("my RMSProp", MyRmsProp);

    public static TheoryData<int> LawNumbers => [.. RmsPropLaws.All.Select(law => law.Number)];

    [Theory]
    [MemberData(nameof(LawNumbers))]
    public void My_RMSProp_obeys_law(int number)
    {
        RmsPropLawResult result = RmsPropLaws.CheckLaw(RmsPropLaws.Numbered(number), Mine);
        Assert.True(result.Verdict != RmsPropLawVerdict.Failed, result.Message);   // a law that does not apply says why in result.Message
    }
    // README: plain end

    // README: object begin
    // An optimizer object that keeps its own average, in float.
    sealed class MyRmsPropObject(float lr, float rho, float eps, int n)
    {
        private readonly float[] _s = new float[n];

        public void Step(float[] w, float[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                _s[i] = rho * _s[i] + (1 - rho) * g[i] * g[i];
                w[i] -= lr * g[i] / (MathF.Sqrt(_s[i]) + eps);
            }
        }
    }

    static readonly RmsPropImplementation MyObject = RmsPropImplementation.Stateful<float>(
        "my RMSProp object",
        (options, n) => new MyRmsPropObject((float)options.LearningRate, (float)options.Rho, (float)options.Epsilon, n).Step);
    // README: object end

    [Fact]
    public void An_optimizer_object_passes_every_law_that_can_see_it()
    {
        RmsPropLawReport report = RmsPropLaws.Check(MyObject);

        Assert.True(report.Passed, report.ToString());
        Assert.Equal([1, 4, 9, 10, 12], report.NotApplicable.Select(r => r.Law.Number));
    }

    [Fact]
    public void The_same_lines_report_a_hand_written_mistake_naming_the_law_and_the_case()
    {
        static void EpsilonInside(RmsPropOptions options, double[] w, double[] g, double[] s)
        {
            for (int i = 0; i < w.Length; i++)
            {
                s[i] = options.Rho * s[i] + (1 - options.Rho) * g[i] * g[i];
                w[i] -= options.LearningRate * g[i] / Math.Sqrt(s[i] + options.Epsilon);   // declared outside, written inside
            }
        }

        RmsPropLawResult result = RmsPropLaws.CheckLaw(RmsPropLaws.FirstStepHasClosedForm, RmsPropImplementation.InPlace<double>("eps misplaced", EpsilonInside));

        Assert.Equal(RmsPropLawVerdict.Failed, result.Verdict);
        Assert.Contains("eps misplaced", result.Message);
        Assert.Contains("plain RMSProp: lr, rho, eps outside the root; double only", result.Message);
        Assert.Contains("expected", result.Message);
        Assert.Contains($"seed {RmsPropLawSettings.DefaultSeed}", result.Message);
        Assert.NotNull(result.Replay);
    }

    [Fact]
    public void A_pure_step_that_writes_into_the_state_it_was_handed_fails_purity()
    {
        static RmsPropStepState<double> Careless(RmsPropOptions options, RmsPropStepState<double> state, double[] gradient)
        {
            MyRmsProp(options, state.Parameters, gradient, state.SquareAverage);
            return state;
        }

        RmsPropLawResult result = RmsPropLaws.CheckLaw(RmsPropLaws.StepIsPure, RmsPropImplementation.Pure<double>("forgot to copy", Careless));

        Assert.Equal(RmsPropLawVerdict.Failed, result.Verdict);
        Assert.Contains("changed its input state", result.Message);
    }
}
