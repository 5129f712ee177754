using System;
using System.Linq;
using System.Threading;
using RmsProp.Functional;
using static RmsProp.Properties.Foundation.Bits;

namespace RmsProp.Properties.Kernel;

/// <summary>
/// The kernel checks the gradient in the same pass as it updates (pure path) or in a scan before it writes
/// (in-place path): a NaN, an infinity, or a finite entry whose square would make the average overflow is an error
/// naming the entry, and every input is left as it was, also when the step runs on several threads.
/// </summary>
public sealed class KernelValidationTests
{
    private static readonly int Large = 3 * RmsPropKernel.ParallelThreshold + 7;

    [Theory]
    [InlineData(0, double.NaN)]
    [InlineData(1, double.PositiveInfinity)]
    [InlineData(2, 1e200)]
    public void StepInPlace_refuses_a_bad_gradient_entry_anywhere_and_writes_nothing(int where, double bad)
    {
        foreach (int index in new[] { 0, Large / 2, Large - 1 })
        {
            var options = new RmsPropOptions { Centered = true, Momentum = 0.9 };
            double[] parameters = Enumerable.Range(0, Large).Select(i => Math.Cos(i)).ToArray();
            double[] gradient = Enumerable.Range(0, Large).Select(i => Math.Sin(i)).ToArray();
            double[] square = Enumerable.Range(0, Large).Select(i => 0.5 + Math.Sin(i) * Math.Sin(i)).ToArray();
            double[] average = new double[Large];
            double[] buffer = Enumerable.Range(0, Large).Select(i => 0.01 * i).ToArray();
            gradient[index] = bad;
            double[][] before = [(double[])parameters.Clone(), (double[])square.Clone(), (double[])average.Clone(), (double[])buffer.Clone()];

            var error = Assert.Throws<ArgumentException>(() => RmsPropOptimizer.StepInPlace<double>(options, parameters, gradient, square, average, buffer));

            Assert.Equal("gradient", error.ParamName);
            Assert.Contains($"gradient[{index}]", error.Message, StringComparison.Ordinal);
            Assert.Contains(where == 2 ? "overflow" : "finite", error.Message, StringComparison.Ordinal);
            Assert.True(Identical<double>(before[0], parameters), "parameters changed");
            Assert.True(Identical<double>(before[1], square), "square average changed");
            Assert.True(Identical<double>(before[2], average), "gradient average changed");
            Assert.True(Identical<double>(before[3], buffer), "momentum buffer changed");
        }
    }

    [Theory]
    [InlineData(double.NaN, "finite")]
    [InlineData(1e200, "overflow")]
    public void Step_refuses_a_bad_gradient_entry_and_leaves_the_state_as_it_was(double bad, string says)
    {
        RmsPropState<double> state = RmsPropOptimizer.Init<double>(new RmsPropOptions(), Enumerable.Range(0, Large).Select(i => Math.Cos(i)).ToArray());
        RmsPropState<double> copy = RmsPropCheckpoint.Load<double>(RmsPropCheckpoint.Save(state));
        double[] gradient = Enumerable.Range(0, Large).Select(i => Math.Sin(i)).ToArray();
        gradient[Large - 2] = bad;

        var error = Assert.Throws<ArgumentException>(() => RmsPropOptimizer.Step<double>(state, gradient));

        Assert.Equal("gradient", error.ParamName);
        Assert.Contains($"gradient[{Large - 2}]", error.Message, StringComparison.Ordinal);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
        Assert.Equal(copy, state);
    }

    [Fact]
    public void A_float_gradient_whose_square_overflows_the_average_is_an_error_naming_it()
    {
        // (1 - 0.99) * (1e21)^2 = 1e40 > float.MaxValue (3.4e38); the gradient itself is finite.
        float[] gradient = [1f, 1e21f, 2f];
        RmsPropMoments<float> moments = RmsPropOptimizer.InitMoments<float>(new RmsPropOptions(), 3);

        var error = Assert.Throws<ArgumentException>(() => RmsPropOptimizer.Update<float>(moments, gradient));

        Assert.Contains("gradient[1]", error.Message, StringComparison.Ordinal);
        Assert.Contains("overflow", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Coupled_weight_decay_that_overflows_the_effective_gradient_is_an_error_naming_the_entry()
    {
        var options = new RmsPropOptions { WeightDecay = 1e10 };
        double[] parameters = [1.0, 1e300, 1.0];
        double[] gradient = [0.1, 0.1, 0.1];
        double[] square = new double[3];

        var error = Assert.Throws<ArgumentException>(() => RmsPropOptimizer.StepInPlace<double>(options, parameters, gradient, square, [], []));

        Assert.Contains("gradient[1]", error.Message, StringComparison.Ordinal);
        Assert.Contains("weight decay", error.Message, StringComparison.Ordinal);
        Assert.Equal([1.0, 1e300, 1.0], parameters);
        Assert.Equal([0.0, 0.0, 0.0], square);
    }

    [Theory]
    [InlineData(1e154)]
    [InlineData(-1.3e155)]
    public void Large_gradients_that_do_not_overflow_step_normally(double large)
    {
        // Above the kernel's quick bound sqrt(max)/2 (6.7e153), so they are checked exactly, and pass: with
        // rho = 0.99 the new average (1e306 or 1.69e308) is still finite.
        var options = new RmsPropOptions();
        double[] gradient = Enumerable.Range(0, Large).Select(i => i == 77 ? large : Math.Sin(i)).ToArray();
        double[] parameters = new double[Large];
        double[] square = new double[Large];
        RmsPropOptimizer.StepInPlace<double>(options, parameters, gradient, square, [], []);
        RmsPropUpdate<double> pure = RmsPropOptimizer.Update<double>(RmsPropOptimizer.InitMoments<double>(options, Large), gradient);

        Assert.True(double.IsFinite(square[77]));
        Assert.True(Identical<double>(square, pure.Moments.SquareAverage.AsSpan()));
        Assert.Equal(-0.01 * Math.Sign(large) / Math.Sqrt(0.01), parameters[77], 12);
    }

}

/// <summary>Tests that must run with no other test at the same time.</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone
{
}

/// <summary>
/// The in-place steps allocate nothing on any thread they run on (the calling thread and the kernel's helpers, on
/// every path of the helpers: running, waiting, waking), also when a step wakes a helper that has gone to sleep.
/// Alone, so that no other test's steps run on the helpers meanwhile.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class KernelAllocationTests
{
    private static readonly int Large = 2 * RmsPropKernel.ParallelThreshold + 7;

    /// <summary>
    /// Bytes allocated by the calling thread and the helper threads while <paramref name="step"/> runs 30 times, before
    /// every other call a pause long enough for the helpers to stop polling and block (the path of a training loop,
    /// whose forward and backward passes come between steps). Not <see cref="GC.GetTotalAllocatedBytes(bool)"/>: the
    /// test host's own threads allocate while a test runs (168 B in every window of about half the runs here, 0 in
    /// the same loop outside the test host).
    /// </summary>
    internal static long AllocatedOnTheStepsThreads(Action step)
    {
        for (int warmUp = 0; warmUp < 20; warmUp++)
        {
            // The helper threads start, their first sleep and wake-up happen, the per-thread job object is made.
            step();
            Thread.Sleep(warmUp % 2);
        }

        long before = GC.GetAllocatedBytesForCurrentThread() + KernelWorkers.AllocatedByHelpers;
        for (int call = 0; call < 30; call++)
        {
            if (call % 2 == 0)
            {
                Thread.Sleep(1);
            }

            step();
        }

        return GC.GetAllocatedBytesForCurrentThread() + KernelWorkers.AllocatedByHelpers - before;
    }

    [Fact]
    public void StepInPlace_allocates_nothing_on_its_threads_when_it_runs_on_several_threads()
    {
        var options = new RmsPropOptions { Centered = true, Momentum = 0.9 };
        double[] parameters = new double[Large];
        double[] gradient = Enumerable.Range(0, Large).Select(i => Math.Sin(i)).ToArray();
        double[] square = new double[Large];
        double[] average = new double[Large];
        double[] buffer = new double[Large];

        long allocated = AllocatedOnTheStepsThreads(() => RmsPropOptimizer.StepInPlace<double>(options, parameters, gradient, square, average, buffer));

        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData(false, 0.0)]
    [InlineData(true, 0.9)]
    public void StepInPlace_allocates_nothing_on_one_thread(bool centered, double momentum)
    {
        var options = new RmsPropOptions { Centered = centered, Momentum = momentum, WeightDecay = 1e-3 };
        const int Length = 1027;
        float[] parameters = new float[Length];
        float[] gradient = Enumerable.Range(0, Length).Select(i => MathF.Sin(i)).ToArray();
        float[] square = new float[Length];
        float[] average = centered ? new float[Length] : [];
        float[] buffer = momentum != 0 ? new float[Length] : [];

        long allocated = AllocatedOnTheStepsThreads(() => RmsPropOptimizer.StepInPlace<float>(options, parameters, gradient, square, average, buffer));

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void The_multi_tensor_step_allocates_nothing_on_its_threads()
    {
        var (model, names, _, gradients) = MultiTensorTests.BuildMixed<float>([.. Enumerable.Range(0, 400).Select(t => 1 + (t * 53 % 1500)), 2 * RmsPropKernel.ParallelThreshold + 5]);
        var byName = names.Select((name, t) => (name, t)).ToDictionary(p => p.name, p => gradients[p.t]);

        long allocated = AllocatedOnTheStepsThreads(() => RmsPropModel.StepInPlace(model, byName));

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void The_multi_tensor_step_from_a_list_allocates_nothing_on_its_threads()
    {
        var (model, names, _, gradients) = MultiTensorTests.BuildMixed<float>([.. Enumerable.Range(0, 400).Select(t => 1 + (t * 53 % 1500)), 2 * RmsPropKernel.ParallelThreshold + 5]);
        float[][] inModelOrder = MultiTensorTests.InModelOrder(model, names, gradients);

        long allocated = AllocatedOnTheStepsThreads(() => RmsPropModel.StepInPlace(model, inModelOrder));

        Assert.Equal(0, allocated);
    }
}
