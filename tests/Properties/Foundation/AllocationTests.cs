using System;
using RmsProp.Functional;

namespace RmsProp.Properties.Foundation;

/// <summary>
/// The in-place path must not allocate. Counted with the runtime's per-thread allocation counter, which is exact
/// and does not depend on timing (speed itself is measured by the benchmarks, never here).
/// </summary>
public sealed class AllocationTests
{
    [Theory]
    [InlineData(false, 0.0)]
    [InlineData(true, 0.9)]
    public void StepInPlace_allocates_nothing(bool centered, double momentum)
    {
        var options = new RmsPropOptions { Centered = centered, Momentum = momentum, WeightDecay = 1e-3 };
        const int Length = 1027;
        double[] parameters = new double[Length];
        double[] gradient = new double[Length];
        for (int i = 0; i < Length; i++)
        {
            gradient[i] = Math.Sin(i);
        }

        double[] square = new double[Length];
        double[] average = centered ? new double[Length] : [];
        double[] buffer = momentum != 0 ? new double[Length] : [];
        RmsPropOptimizer.StepInPlace<double>(options, parameters, gradient, square, average, buffer);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int step = 0; step < 100; step++)
        {
            RmsPropOptimizer.StepInPlace<double>(options, parameters, gradient, square, average, buffer);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Step_allocates_only_the_arrays_of_the_new_state()
    {
        // Guards against scratch buffers sneaking into the pure path: it may allocate the new state's arrays and
        // small objects, not a second copy of anything.
        const int Length = 100_000;
        RmsPropState<double> state = RmsPropOptimizer.Init<double>(new RmsPropOptions(), new double[Length]);
        double[] gradient = new double[Length];
        state = RmsPropOptimizer.Step<double>(state, gradient);

        long before = GC.GetAllocatedBytesForCurrentThread();
        RmsPropOptimizer.Step<double>(state, gradient);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        long twoArrays = 2L * Length * sizeof(double);
        Assert.InRange(allocated, twoArrays, twoArrays + 1024);
    }
}
