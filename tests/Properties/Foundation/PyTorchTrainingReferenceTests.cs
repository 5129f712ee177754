using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using RmsProp.Functional;
using static RmsProp.Properties.Foundation.Bits;

namespace RmsProp.Properties.Foundation;

/// <summary>
/// The recorded PyTorch training runs (parameter groups, <c>clip_grad_norm_</c>, ExponentialLR, StepLR,
/// CosineAnnealingLR), replayed through <see cref="RmsPropModel"/> in double and float, bit for bit.
/// </summary>
public sealed class PyTorchTrainingReferenceTests
{
    public static TheoryData<string> DoubleCases() => new(PyTorchTrainingReference.Cases.Where(c => c.DType == "double").Select(c => c.Name));

    public static TheoryData<string> FloatCases() => new(PyTorchTrainingReference.Cases.Where(c => c.DType == "float").Select(c => c.Name));

    [Fact]
    public void The_training_file_covers_groups_clipping_and_three_schedulers_in_both_types()
    {
        string[] expected =
        [
            "parameter_groups", "clip_grad_norm", "exponential_lr", "step_lr", "cosine_annealing_lr",
        ];
        foreach (string name in expected)
        {
            foreach (string dtype in new[] { "double", "float" })
            {
                PyTorchTrainingCase reference = PyTorchTrainingReference.Case($"{name}_{dtype}");
                Assert.True(reference.Steps >= 30, reference.Name);
                Assert.Equal(reference.Steps, reference.Gradients.Count);
                Assert.Equal(reference.Steps, reference.LearningRates.Length);
            }
        }

        Assert.Equal(2, PyTorchTrainingReference.Case("parameter_groups_double").Groups.Count);
        Assert.NotNull(PyTorchTrainingReference.Case("groups_clip_cosine_double").TotalNorms);
    }

    [Fact]
    public void Clipping_is_active_on_some_steps_and_not_on_others()
    {
        // Otherwise the replay would not tell a wrong scale factor from none at all.
        foreach (PyTorchTrainingCase reference in PyTorchTrainingReference.Cases.Where(c => c.ClipMaxNorm is not null))
        {
            Assert.Contains(reference.TotalNorms!, norm => norm > reference.ClipMaxNorm!.Value);
            Assert.Contains(reference.TotalNorms!, norm => norm < reference.ClipMaxNorm!.Value);
        }
    }

    [Fact]
    public void Schedulers_change_the_rate_of_every_group_and_cosine_annealing_rises_again_after_T_max()
    {
        foreach (PyTorchTrainingCase reference in PyTorchTrainingReference.Cases.Where(c => c.Scheduler is not null))
        {
            for (int group = 0; group < reference.Groups.Count; group++)
            {
                Assert.True(reference.LearningRates.Select(rates => rates[group]).Distinct().Count() > 1, $"{reference.Name}, group {group}");
            }
        }

        double[] cosine = PyTorchTrainingReference.Case("cosine_annealing_lr_double").LearningRates.Select(r => r[0]).ToArray();
        Assert.True(cosine[11] > cosine[10], "after T_max the recorded rate rises again");
    }

    [Theory]
    [MemberData(nameof(DoubleCases))]
    public void Double_training_run_matches_PyTorch_bit_for_bit(string name) => Replay<double>(PyTorchTrainingReference.Case(name));

    [Theory]
    [MemberData(nameof(FloatCases))]
    public void Float_training_run_matches_PyTorch_bit_for_bit(string name) => Replay<float>(PyTorchTrainingReference.Case(name));

    private static void Replay<T>(PyTorchTrainingCase reference)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RmsPropModelState<T> state = RmsPropModel.Init<T>(
            reference.Groups.Select(group => new RmsPropGroup(group.Name, group.Options, group.Tensors)),
            reference.Tensors.Select(tensor => NamedTensor.Create<T>(tensor.Name, tensor.Shape, Narrow<T>(tensor.Initial))));

        for (int step = 0; step < reference.Steps; step++)
        {
            // The rate each group had during this step, as PyTorch's scheduler left it in param_groups.
            for (int group = 0; group < reference.Groups.Count; group++)
            {
                string groupName = reference.Groups[group].Name;
                RmsPropOptions options = state.Group(groupName).Options;
                state = state.WithGroupOptions(groupName, options.WithLearningRate(reference.LearningRates[step][group]));
            }

            Dictionary<string, T[]> gradients = reference.Gradients[step].ToDictionary(g => g.Key, g => Narrow<T>(g.Value));
            if (reference.ClipMaxNorm is double maxNorm)
            {
                T total = PyTorchClipGradNorm.Clip(reference.Tensors.Select(t => gradients[t.Name]).ToList(), maxNorm);
                T expectedTotal = T.CreateChecked(reference.TotalNorms![step]);
                Assert.True(Identical(expectedTotal, total), $"{reference.Name}: step {step + 1}: total norm PyTorch {expectedTotal}, here {total}");
            }

            state = RmsPropModel.Step<T>(state, gradients);
            foreach ((string tensor, double[] values) in reference.Trajectory[step])
            {
                T[] expected = Narrow<T>(values);
                T[] actual = state.ParametersOf(tensor).ToArray();
                for (int i = 0; i < expected.Length; i++)
                {
                    Assert.True(
                        Identical(expected[i], actual[i]),
                        $"{reference.Name}: step {step + 1}, {tensor}[{i}]: PyTorch {expected[i]:R}, here {actual[i]:R}");
                }
            }
        }

        foreach ((string tensor, PyTorchTensorState expected) in reference.FinalState)
        {
            RmsPropMoments<T> moments = state[tensor].Moments;
            Assert.Equal(expected.Step, moments.StepCount);
            Assert.Equal(Narrow<T>(expected.SquareAverage), moments.SquareAverage.ToArray());
            Assert.Equal(Narrow<T>(expected.GradientAverage ?? []), moments.GradientAverage.ToArray());
            Assert.Equal(Narrow<T>(expected.MomentumBuffer ?? []), moments.MomentumBuffer.ToArray());
        }
    }

    // The file stores float32 values widened to double, which is exact, so narrowing them back compares bits.
    private static T[] Narrow<T>(double[] values)
        where T : unmanaged, IFloatingPointIeee754<T> => values.Select(T.CreateChecked).ToArray();
}

/// <summary>
/// PyTorch 1.13's <c>torch.nn.utils.clip_grad_norm_</c> (L2), operation for operation, as the readable reference
/// the library's clipping is held equal to.
/// </summary>
internal static class PyTorchClipGradNorm
{
    /// <summary>Scales <paramref name="gradients"/> in place and returns the total norm, as PyTorch does.</summary>
    /// <remarks>
    /// <c>total = norm(stack([norm(g) for g in grads]))</c>; <c>clip_coef = max_norm / (total + 1e-6)</c>, which
    /// PyTorch evaluates as <c>(total + 1e-6).reciprocal() * max_norm</c> (<c>Tensor.__rtruediv__</c>) in the
    /// gradients' type; clamped to at most 1 and multiplied into every gradient, also when it is 1.
    /// </remarks>
    internal static T Clip<T>(IReadOnlyList<T[]> gradients, double maxNorm)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T total = Norm(gradients.Select(Norm).ToArray());
        T coefficient = T.One / (total + T.CreateChecked(1e-6)) * T.CreateChecked(maxNorm);
        coefficient = T.Min(coefficient, T.One);
        foreach (T[] gradient in gradients)
        {
            for (int i = 0; i < gradient.Length; i++)
            {
                gradient[i] *= coefficient;
            }
        }

        return total;
    }

    /// <summary>
    /// <c>torch.norm</c> of a double tensor on the CPU: a sequential sum of squares in which the compiler fuses each
    /// multiply-add (<c>acc = fma(x, x, acc)</c>), then the square root. The float32 kernel adds in vectorised
    /// lanes; the float cases keep every sum of squares exact (gradients on a 1/16 grid) or short (three norms),
    /// where both orders agree.
    /// </summary>
    private static T Norm<T>(T[] values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        foreach (T value in values)
        {
            sum = T.FusedMultiplyAdd(value, value, sum);
        }

        return T.Sqrt(sum);
    }
}
