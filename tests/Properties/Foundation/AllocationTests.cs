using System;
using RmsProp.Functional;

namespace RmsProp.Properties.Foundation;

/// <summary>
/// The pure path allocates only its outputs (the in-place path's tests, which count every thread, are
/// KernelAllocationTests). Counted with the runtime's per-thread allocation counter, which is exact
/// and does not depend on timing (speed itself is measured by the benchmarks, never here).
/// </summary>
public sealed class AllocationTests
{
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
