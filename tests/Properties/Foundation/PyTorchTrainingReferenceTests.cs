using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using RmsProp.Functional;
using static RmsProp.Properties.Foundation.Bits;

namespace RmsProp.Properties.Foundation;

/// <summary>
/// The recorded PyTorch training runs (parameter groups, <c>clip_grad_norm_</c>, ExponentialLR, StepLR,
/// CosineAnnealingLR), replayed through <see cref="RmsPropModel"/> with the library's own schedules
/// (<see cref="Schedule.PyTorchExponentialLR"/>, ...) and <see cref="GradientClipping.ByGlobalNorm"/> in an
/// <see cref="RmsPropPlan"/>, in double and float, bit for bit: the trajectories, every scheduled rate and the
/// final buffers.
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

        foreach (string name in new[] { "one_cycle_lr_cos", "one_cycle_lr_linear_three_phase", "one_cycle_lr_cycle_momentum", "cosine_annealing_warm_restarts" })
        {
            foreach (string dtype in new[] { "double", "float" })
            {
                Assert.True(PyTorchTrainingReference.Case($"{name}_{dtype}").Steps >= 30, name);
            }
        }

        Assert.NotNull(PyTorchTrainingReference.Case("one_cycle_lr_cycle_momentum_float").Momentums);
        PyTorchTrainingCase offGrid = PyTorchTrainingReference.Case("clip_grad_norm_float_off_grid");
        Assert.Equal(5, offGrid.Tensors.Count);
        Assert.Contains(offGrid.Gradients, step => step.Values.Any(g => g.Any(v => v * 16 != Math.Round(v * 16))));
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

    [Fact]
    public void PyTorchs_schedulers_step_by_their_recursive_forms_which_round_unlike_the_closed_forms()
    {
        // Why the replay needs Schedule.PyTorch*: the closed forms give other bits at most steps of every scheduler.
        string[] recursive = ["ExponentialLR", "StepLR", "CosineAnnealingLR"];
        foreach (PyTorchTrainingCase reference in PyTorchTrainingReference.Cases.Where(c => recursive.Contains(c.Scheduler?.Kind) && c.DType == "double"))
        {
            PyTorchScheduler s = reference.Scheduler!;
            double baseRate = reference.LearningRates[0][0];
            int differing = Enumerable.Range(0, reference.Steps).Count(t =>
            {
                double closed = s.Kind switch
                {
                    "ExponentialLR" => baseRate * Math.Pow(s.Gamma, t),
                    "StepLR" => baseRate * Math.Pow(s.Gamma, t / s.StepSize),
                    _ => s.EtaMin + ((baseRate - s.EtaMin) * (1 + Math.Cos(Math.PI * t / s.TMax)) / 2),
                };
                return !Identical(closed, reference.LearningRates[t][0]);
            });
            Assert.True(differing > 0, $"{reference.Name}: the closed form gives PyTorch's bits at every step");
        }
    }

    [Theory]
    [MemberData(nameof(DoubleCases))]
    public void Double_training_run_matches_PyTorch_bit_for_bit(string name) => Replay<double>(PyTorchTrainingReference.Case(name));

    [Theory]
    [MemberData(nameof(FloatCases))]
    public void Float_training_run_matches_PyTorch_bit_for_bit(string name) => Replay<float>(PyTorchTrainingReference.Case(name));

    [Theory]
    [MemberData(nameof(DoubleCases))]
    public void Double_training_run_matches_PyTorch_bit_for_bit_in_place(string name) => ReplayInPlace<double>(PyTorchTrainingReference.Case(name));

    [Theory]
    [MemberData(nameof(FloatCases))]
    public void Float_training_run_matches_PyTorch_bit_for_bit_in_place(string name) => ReplayInPlace<float>(PyTorchTrainingReference.Case(name));

    [Theory]
    [MemberData(nameof(ClippedCases))]
    public void The_readable_clip_grad_norm_reference_reproduces_PyTorchs_total_norms(string name)
    {
        PyTorchTrainingCase reference = PyTorchTrainingReference.Case(name);
        for (int step = 0; step < reference.Steps; step++)
        {
            if (reference.DType == "double")
            {
                double total = PyTorchClipGradNorm.Clip(Gradients<double>(reference, step), reference.ClipMaxNorm!.Value);
                Assert.True(Identical(reference.TotalNorms![step], total), $"{name}: step {step + 1}: PyTorch {reference.TotalNorms[step]:R}, here {total:R}");
            }
            else
            {
                float total = PyTorchClipGradNorm.Clip(Gradients<float>(reference, step), reference.ClipMaxNorm!.Value);
                Assert.True(Identical((float)reference.TotalNorms![step], total), $"{name}: step {step + 1}: PyTorch {reference.TotalNorms[step]:R}, here {total:R}");
            }
        }
    }

    public static TheoryData<string> ClippedCases() => new(PyTorchTrainingReference.Cases.Where(c => c.ClipMaxNorm is not null).Select(c => c.Name));

    /// <summary>The library's own schedule for a group, as a training loop would attach it.</summary>
    private static Schedule? LibrarySchedule(PyTorchScheduler? scheduler, double learningRate) => scheduler?.Kind switch
    {
        null => null,
        "ExponentialLR" => Schedule.PyTorchExponentialLR(learningRate, scheduler.Gamma),
        "StepLR" => Schedule.PyTorchStepLR(learningRate, scheduler.StepSize, scheduler.Gamma),
        "CosineAnnealingLR" => Schedule.PyTorchCosineAnnealingLR(learningRate, scheduler.TMax, scheduler.EtaMin),
        "CosineAnnealingWarmRestarts" => Schedule.PyTorchCosineAnnealingWarmRestarts(
            learningRate, scheduler.Integer("T_0", 0), scheduler.Integer("T_mult", 1), scheduler.EtaMin),
        "OneCycleLR" => Schedule.PyTorchOneCycleLR(
            scheduler.Number("max_lr", 0),
            scheduler.Integer("total_steps", 0),
            scheduler.Number("pct_start", 0.3),
            Anneal(scheduler),
            scheduler.Number("div_factor", 25),
            scheduler.Number("final_div_factor", 1e4),
            scheduler.Flag("three_phase", false)),
        string kind => throw new NotSupportedException($"no schedule for {kind}"),
    };

    /// <summary>The momentum schedule <c>OneCycleLR</c> sets when <c>cycle_momentum</c> (its default) is on.</summary>
    private static Schedule? MomentumSchedule(PyTorchScheduler? scheduler) =>
        scheduler is { Kind: "OneCycleLR" } && scheduler.Flag("cycle_momentum", true)
            ? Schedule.PyTorchOneCycleMomentum(
                scheduler.Integer("total_steps", 0),
                scheduler.Number("pct_start", 0.3),
                Anneal(scheduler),
                scheduler.Number("base_momentum", 0.85),
                scheduler.Number("max_momentum", 0.95),
                scheduler.Flag("three_phase", false))
            : null;

    private static AnnealStrategy Anneal(PyTorchScheduler scheduler) => scheduler.Text("anneal_strategy", "cos") switch
    {
        "cos" => AnnealStrategy.Cosine,
        "linear" => AnnealStrategy.Linear,
        string other => throw new NotSupportedException($"anneal_strategy {other}"),
    };

    private static void Replay<T>(PyTorchTrainingCase reference)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RmsPropModelState<T> state = RmsPropModel.Init<T>(
            reference.Groups.Select(group => new RmsPropGroup(group.Name, group.Options, group.Tensors)),
            reference.Tensors.Select(tensor => NamedTensor.Create<T>(tensor.Name, tensor.Shape, Narrow<T>(tensor.Initial))));

        // What a training loop attaches: each group's schedule and the global-norm clipping, applied by Step.
        RmsPropPlan plan = Plan(reference);
        Schedule?[] schedules = reference.Groups.Select(group => LibrarySchedule(reference.Scheduler, group.Options.LearningRate)).ToArray();
        Schedule? momentum = MomentumSchedule(reference.Scheduler);

        for (int step = 0; step < reference.Steps; step++)
        {
            for (int group = 0; group < reference.Groups.Count; group++)
            {
                double expectedRate = reference.LearningRates[step][group];
                double rate = schedules[group]?.ValueAt(step) ?? reference.Groups[group].Options.LearningRate;
                Assert.True(Identical(expectedRate, rate), $"{reference.Name}: step {step + 1}, group {group}: PyTorch's rate {expectedRate:R}, the schedule's {rate:R}");
                if (reference.Momentums is { } momentums)
                {
                    double mu = momentum!.ValueAt(step);
                    Assert.True(Identical(momentums[step][group], mu), $"{reference.Name}: step {step + 1}, group {group}: PyTorch's momentum {momentums[step][group]:R}, the schedule's {mu:R}");
                }
            }

            state = RmsPropModel.Step<T>(state, Gradients<T>(reference, step).Select((g, i) => (reference.Tensors[i].Name, g)).ToDictionary(p => p.Name, p => p.g), plan);
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

    /// <summary>The same run through <see cref="RmsPropModel.StepInPlace{T}(RmsPropModelBuffers{T}, IReadOnlyDictionary{string, T[]}, RmsPropPlan)"/> over the test's own arrays.</summary>
    private static void ReplayInPlace<T>(PyTorchTrainingCase reference)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Dictionary<string, T[]> parameters = reference.Tensors.ToDictionary(t => t.Name, t => Narrow<T>(t.Initial));
        RmsPropModelBuffers<T> buffers = RmsPropModel.CreateBuffers(
            reference.Groups.Select(group => new RmsPropGroup(group.Name, group.Options, group.Tensors)), parameters);
        RmsPropPlan plan = Plan(reference);
        for (int step = 0; step < reference.Steps; step++)
        {
            RmsPropModel.StepInPlace(buffers, Gradients<T>(reference, step).Select((g, i) => (reference.Tensors[i].Name, g)).ToDictionary(p => p.Name, p => p.g), plan);
            foreach ((string tensor, double[] values) in reference.Trajectory[step])
            {
                T[] expected = Narrow<T>(values);
                Assert.True(Identical<T>(expected, parameters[tensor]), $"{reference.Name}: step {step + 1}, {tensor} differs from PyTorch");
            }
        }
    }

    private static RmsPropPlan Plan(PyTorchTrainingCase reference)
    {
        RmsPropPlan plan = RmsPropPlan.None;
        foreach (PyTorchGroup group in reference.Groups)
        {
            if (LibrarySchedule(reference.Scheduler, group.Options.LearningRate) is { } schedule)
            {
                plan = plan.WithLearningRate(group.Name, schedule);
            }

            if (MomentumSchedule(reference.Scheduler) is { } momentum)
            {
                plan = plan.WithSchedule(group.Name, plan.Schedules[group.Name].WithMomentum(momentum));
            }
        }

        return reference.ClipMaxNorm is double maxNorm ? plan.WithClipping(GradientClipping.ByGlobalNorm(maxNorm)) : plan;
    }

    /// <summary>The step's gradients in the tensors' order, fresh arrays.</summary>
    private static List<T[]> Gradients<T>(PyTorchTrainingCase reference, int step)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        reference.Tensors.Select(tensor => Narrow<T>(reference.Gradients[step][tensor.Name])).ToList();

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
    /// <c>torch.norm</c> on the CPU. A double tensor: a sequential sum of squares in which the compiler fuses each
    /// multiply-add (<c>acc = fma(x, x, acc)</c>), then the square root. A float tensor: <see cref="FloatNorm"/>.
    /// </summary>
    private static T Norm<T>(T[] values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (values is float[] floats)
        {
            return T.CreateChecked(FloatNorm(floats));
        }

        T sum = T.Zero;
        foreach (T value in values)
        {
            sum = T.FusedMultiplyAdd(value, value, sum);
        }

        return T.Sqrt(sum);
    }

    /// <summary>
    /// The float32 fast path of <c>norm_kernel_tensor_iterator_impl</c> (aten/src/ATen/native/cpu/ReduceOpsKernel.cpp)
    /// as Debian's AVX2 build runs it: eight lanes of <c>lane += x * x</c> (fused) over whole vectors, the lanes
    /// added left to right, then the scalar loop over the rest, which the compiler vectorised by four: four
    /// squares rounded and added one by one when four or more are left, each later entry fused.
    /// </summary>
    private static float FloatNorm(float[] x)
    {
        var lanes = new float[8];
        int d = 0;
        for (; d + 8 <= x.Length; d += 8)
        {
            for (int lane = 0; lane < 8; lane++)
            {
                lanes[lane] = MathF.FusedMultiplyAdd(x[d + lane], x[d + lane], lanes[lane]);
            }
        }

        float sum = lanes[0];
        for (int lane = 1; lane < 8; lane++)
        {
            sum += lanes[lane];
        }

        int byFour = x.Length - d >= 4 ? 4 : 0;
        for (int k = 0; k < byFour; k++, d++)
        {
            float square = x[d] * x[d];
            sum += square;
        }

        for (; d < x.Length; d++)
        {
            sum = MathF.FusedMultiplyAdd(x[d], x[d], sum);
        }

        return MathF.Sqrt(sum);
    }
}
