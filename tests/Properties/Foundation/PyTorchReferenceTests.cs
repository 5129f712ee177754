using System;
using System.Linq;
using RmsProp.Functional;
using static RmsProp.Properties.Foundation.Bits;

namespace RmsProp.Properties.Foundation;

/// <summary>Every recorded PyTorch trajectory, replayed through the public API.</summary>
public sealed class PyTorchReferenceTests
{
    public static TheoryData<string> DoubleCases() => new(PyTorchReference.Cases.Where(c => c.DType == "double").Select(c => c.Name));

    public static TheoryData<string> FloatCases() => new(PyTorchReference.Cases.Where(c => c.DType == "float").Select(c => c.Name));

    [Fact]
    public void The_reference_file_holds_all_28_cases()
    {
        Assert.Equal(28, PyTorchReference.Cases.Count);
        Assert.All(PyTorchReference.Cases, c => Assert.True(c.Steps > 0, c.Name));
    }

    [Theory]
    [MemberData(nameof(DoubleCases))]
    public void Double_trajectory_matches_PyTorch_bit_for_bit(string name)
    {
        PyTorchCase reference = PyTorchReference.Case(name);
        RmsPropState<double> state = RmsPropOptimizer.Init<double>(reference.Options, reference.Initial);
        for (int step = 0; step < reference.Steps; step++)
        {
            state = RmsPropOptimizer.Step<double>(state, reference.GradientAt(step, state.Parameters));
            double[] expected = reference.Trajectory[step];
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(
                    Identical(expected[i], state.Parameters[i]),
                    $"{name}: step {step + 1}, parameter {i}: PyTorch {expected[i]:R}, here {state.Parameters[i]:R}");
            }
        }

        Assert.Equal(reference.FinalStep, state.StepCount);
        Assert.Equal(reference.FinalSquareAverage, state.SquareAverage.ToArray());
        Assert.Equal(reference.FinalGradientAverage ?? [], state.Moments.GradientAverage.ToArray());
        Assert.Equal(reference.FinalMomentumBuffer ?? [], state.Moments.MomentumBuffer.ToArray());
    }

    [Theory]
    [MemberData(nameof(FloatCases))]
    public void Float_trajectory_matches_PyTorch_bit_for_bit(string name)
    {
        // The file stores float32 values widened to double, which is exact, so narrowing them back compares bits.
        PyTorchCase reference = PyTorchReference.Case(name);
        RmsPropState<float> state = RmsPropOptimizer.Init<float>(reference.Options, Narrow(reference.Initial));
        for (int step = 0; step < reference.Steps; step++)
        {
            double[] parameters = state.Parameters.Select(v => (double)v).ToArray();
            state = RmsPropOptimizer.Step<float>(state, Narrow(reference.GradientAt(step, parameters)));
            float[] expected = Narrow(reference.Trajectory[step]);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(
                    Identical(expected[i], state.Parameters[i]),
                    $"{name}: step {step + 1}, parameter {i}: PyTorch {expected[i]:R}, here {state.Parameters[i]:R}");
            }
        }

        Assert.Equal(Narrow(reference.FinalSquareAverage), state.SquareAverage.ToArray());
    }

    private static float[] Narrow(double[] values) => values.Select(v => (float)v).ToArray();
}
