using System;
using System.Linq;
using System.Numerics;
using RmsProp.Functional;
using RmsProp.Functional.Transforms;
using Xunit.Abstractions;
using static RmsProp.Properties.Foundation.Bits;

namespace RmsProp.Properties.Kernel;

/// <summary>
/// The pieces run the fused kernel's stages over spans, so a chain of them equals <see cref="RmsPropOptimizer"/> in
/// Optax's order to the bit: random Optax-ordered options (every variant the fused step has), float and double,
/// lengths around the vector width, several steps, every output and every buffer compared bit for bit.
/// </summary>
public sealed class ComposedEquivalenceTests(ITestOutputHelper output)
{
    private const int Seed = 20261130;
    private const int Trials = 40;
    private const int Steps = 4;

    [Fact]
    public void Composed_rmsprop_equals_the_fused_optax_step_bit_for_bit_in_double() => Check<double>();

    [Fact]
    public void Composed_rmsprop_equals_the_fused_optax_step_bit_for_bit_in_float() => Check<float>();

    [Fact]
    public void Options_in_pytorch_order_have_no_chain()
    {
        // PyTorch fuses (1-rho)*g*g + rho*s into one rounding and divides by the root; pieces round each operation.
        var error = Assert.Throws<ArgumentException>(() => Compose.RmsProp<double>(RmsPropOptions.PyTorch));
        Assert.Equal("options", error.ParamName);
    }

    [Fact]
    public void Epsilon_zero_makes_a_nan_that_the_fused_step_passes_on_and_a_piece_refuses()
    {
        // The one place the chain and the fused step part: eps = 0 and a coordinate whose average is still 0 give
        // 0 * (1 / sqrt(0)) = 0 * inf = NaN in both (as in Optax). The fused step carries the NaN into its output;
        // a piece after the scaling (here add_decayed_weights, decoupled) is handed it as input and refuses it.
        var options = RmsPropOptions.Optax(0.1) with { Epsilon = 0, DecoupledWeightDecay = 0.1 };
        double[] parameters = [1.0, 2.0], gradient = [0.0, 1.0];
        RmsPropUpdate<double> fused = RmsPropOptimizer.UpdateWithParameters<double>(RmsPropOptimizer.InitMoments<double>(options, 2), gradient, parameters);
        Assert.True(double.IsNaN(fused.Updates[0]));
        Chain<double> chain = Compose.RmsProp<double>(options);
        var error = Assert.Throws<ArgumentException>(() => chain.Update(gradient, chain.Init(parameters), parameters));
        Assert.Equal("updates", error.ParamName);
    }

    [Fact]
    public void Optax_signature_builds_the_chain_of_the_optax_preset()
    {
        var random = new Random(Seed);
        var options = RmsPropOptions.Optax(0.01) with { Rho = 0.8, Epsilon = 1e-6, Centered = true, Momentum = 0.7, Nesterov = true, BiasCorrection = true, InitialSquareAverage = 0.25 };
        Chain<double> optaxSignature = Compose.RmsProp<double>(0.01, decay: 0.8, epsilon: 1e-6, initialScale: 0.25, centered: true, momentum: 0.7, nesterov: true, biasCorrection: true);
        Chain<double> fromOptions = Compose.RmsProp<double>(options);
        double[] parameters = Enumerable.Range(0, 37).Select(_ => random.NextDouble() - 0.5).ToArray();
        ChainState left = optaxSignature.Init(parameters), right = fromOptions.Init(parameters);
        for (int step = 0; step < Steps; step++)
        {
            double[] gradient = parameters.Select(_ => (random.NextDouble() * 4) - 2).ToArray();
            (var leftUpdates, left) = optaxSignature.Update(gradient, left, parameters);
            (var rightUpdates, right) = fromOptions.Update(gradient, right, parameters);
            Assert.True(Identical<double>(leftUpdates.AsSpan(), rightUpdates.AsSpan()), $"seed {Seed}, step {step}");
        }
    }

    private void Check<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = RmsPropKernel.VectorWidth<T>();
        int[] lengths = new[] { 0, 1, width - 1, width, width + 1, (3 * width) + 5, 1037 }.Where(n => n >= 0).Distinct().ToArray();
        output.WriteLine($"seed {Seed}, {typeof(T).Name}, vector width {width}, lengths {string.Join(", ", lengths)}");
        var random = new Random(Seed);
        for (int trial = 0; trial < Trials; trial++)
        {
            RmsPropOptions options = RandomOptaxOptions(random);
            foreach (int length in lengths)
            {
                CheckOne<T>(options, length, new Random(random.Next()), $"seed {Seed}, trial {trial}, {typeof(T).Name}, n = {length}, {options}");
            }
        }
    }

    private static void CheckOne<T>(RmsPropOptions options, int length, Random random, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] parameters = Enumerable.Range(0, length).Select(_ => T.CreateChecked((random.NextDouble() * 2) - 1)).ToArray();
        Chain<T> chain = Compose.RmsProp<T>(options);
        ChainState state = chain.Init(parameters);
        RmsPropMoments<T> moments = RmsPropOptimizer.InitMoments<T>(options, length);
        for (int step = 0; step < Steps; step++)
        {
            // Mostly ordinary gradients, with exact zeros and a spread of magnitudes.
            T[] gradient = Enumerable.Range(0, length)
                .Select(_ => random.Next(8) == 0 ? T.Zero : T.CreateChecked(((random.NextDouble() * 2) - 1) * Math.Pow(10, random.Next(-3, 3))))
                .ToArray();
            RmsPropMoments<T> before = moments;
            RmsPropUpdate<T> fused = RmsPropOptimizer.UpdateWithParameters<T>(moments, gradient, parameters);
            (var updates, state) = chain.Update(gradient, state, parameters);
            string at = $"{what}, step {step}";
            AssertIdentical<T>(fused.Updates.AsSpan(), updates.AsSpan(), $"updates, {at}");
            moments = fused.Moments;
            foreach (object piece in state)
            {
                switch (piece)
                {
                    case ScaleByRmsState<T> rms:
                        AssertIdentical<T>(moments.SquareAverage.AsSpan(), rms.Nu.AsSpan(), $"square average, {at}");
                        break;
                    case ScaleByStdDevState<T> stdDev:
                        AssertIdentical<T>(moments.SquareAverage.AsSpan(), stdDev.Nu.AsSpan(), $"square average, {at}");
                        AssertIdentical<T>(moments.GradientAverage.AsSpan(), stdDev.Mu.AsSpan(), $"gradient average, {at}");
                        break;
                    case TraceState<T> trace:
                        AssertIdentical<T>(moments.MomentumBuffer.AsSpan(), trace.Trace.AsSpan(), $"momentum buffer, {at}");
                        break;
                }
            }

            // apply_updates against the fused step that adds the parameters itself.
            T[] next = [.. RmsPropOptimizer.ApplyUpdates<T>(parameters, updates.AsSpan())];
            RmsPropState<T> stepped = RmsPropOptimizer.Step(RmsPropState<T>.Restore(parameters, before), gradient);
            AssertIdentical<T>(stepped.Parameters.AsSpan(), next, $"parameters, {at}");
            parameters = next;
        }
    }

    private static void AssertIdentical<T>(ReadOnlySpan<T> expected, ReadOnlySpan<T> actual, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} entries, expected {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Identical(expected[i], actual[i]), $"{what}: [{i}] is {actual[i]:R}, the fused step gives {expected[i]:R}");
        }
    }

    private static RmsPropOptions RandomOptaxOptions(Random random)
    {
        double momentum = new[] { 0.0, 0.0, 0.5, 0.9 }[random.Next(4)];
        return RmsPropOptions.Optax(new[] { 0.1, 0.01, 1e-3 }[random.Next(3)]) with
        {
            Rho = new[] { 0.9, 0.99, 0.5 }[random.Next(3)],
            // Not 0: see Epsilon_zero_makes_a_nan_that_the_fused_step_passes_on_and_a_piece_refuses.
            Epsilon = new[] { 1e-8, 1e-3, 1e-30 }[random.Next(3)],
            EpsilonPlacement = random.Next(2) == 0 ? EpsilonPlacement.InsideRoot : EpsilonPlacement.OutsideRoot,
            Centered = random.Next(2) == 0,
            BiasCorrection = random.Next(3) == 0,
            InitialSquareAverage = random.Next(3) == 0 ? 0.1 : 0,
            WeightDecay = random.Next(3) == 0 ? 0.01 : 0,
            DecoupledWeightDecay = random.Next(3) == 0 ? 0.1 : 0,
            Maximize = random.Next(4) == 0,
            Momentum = momentum,
            MomentumConvention = random.Next(2) == 0 ? MomentumConvention.LearningRateInsideBuffer : MomentumConvention.LearningRateOutsideBuffer,
            Nesterov = momentum != 0 && random.Next(2) == 0,
        };
    }
}
