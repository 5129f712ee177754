using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using RmsProp.Functional;
using static RmsProp.Properties.Foundation.Bits;

namespace RmsProp.Properties.Kernel;

/// <summary>
/// The in-place step checks every chunk before it updates any, on all threads: a bad entry in the last chunk leaves
/// every input as it was (float and double), and an entry above the check's conservative bound that does not really
/// overflow is stepped, not refused, bitwise as the reference loop steps it (one tensor and many).
/// </summary>
public sealed class KernelChunkTests
{
    private static readonly RmsPropOptions Options = new() { Momentum = 0.9, Centered = true };

    private static T[] Wave<T>(int length, double phase, double scale)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        [.. Enumerable.Range(0, length).Select(i => T.CreateChecked(scale * Math.Sin((0.37 * i) + phase)))];

    [Fact]
    public void A_bad_entry_in_the_last_chunk_leaves_every_input_as_it_was()
    {
        Check<float>();
        Check<double>();

        static void Check<T>()
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            int length = (4 * RmsPropKernel.ChunkLength<T>()) + 5;
            T[] parameters = Wave<T>(length, 0, 1), gradient = Wave<T>(length, 1, 1), square = Wave<T>(length, 2, 0.1).Select(T.Abs).ToArray();
            T[] average = Wave<T>(length, 3, 0.1), buffer = Wave<T>(length, 4, 0.1);
            T[][] before = [.. new[] { parameters, square, average, buffer }.Select(a => (T[])a.Clone())];
            gradient[length - 1] = T.NaN;

            var error = Assert.Throws<ArgumentException>(() => RmsPropOptimizer.StepInPlace<T>(Options, parameters, gradient, square, average, buffer));

            Assert.Contains($"gradient[{length - 1}]", error.Message, StringComparison.Ordinal);
            Assert.True(Identical<T>(before[0], parameters) && Identical<T>(before[1], square) && Identical<T>(before[2], average) && Identical<T>(before[3], buffer), $"{typeof(T).Name}: an input changed");
        }
    }

    [Fact]
    public void An_entry_above_the_conservative_bound_that_does_not_overflow_is_stepped_as_the_reference_steps_it()
    {
        Check<float>();
        Check<double>();

        static void Check<T>()
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            int length = (3 * RmsPropKernel.ChunkLength<T>()) + 9;
            T[] parameters = Wave<T>(length, 0, 1), gradient = Wave<T>(length, 1, 1), square = Wave<T>(length, 2, 0.1).Select(T.Abs).ToArray();
            T[] average = Wave<T>(length, 3, 0.1), buffer = Wave<T>(length, 4, 0.1);

            // 1.5 times the bound: its square times (1 - rho) = 0.01 is about half the largest finite value.
            T large = RmsPropKernel.SafeGradient<T>() * T.CreateChecked(1.5);
            Assert.True(T.IsFinite(T.CreateChecked(0.01) * large * large), "the test's entry must not overflow");
            gradient[length - 2] = large;
            var coefficients = new RmsPropKernel.Coefficients<T>(Options);
            T[] w = (T[])parameters.Clone(), s = (T[])square.Clone(), m = (T[])average.Clone(), b = (T[])buffer.Clone();
            RmsPropKernel.Reference(coefficients, new RmsPropKernel.Buffers<T>
            {
                Gradient = gradient,
                Parameters = w,
                SquareAverageIn = s,
                SquareAverageOut = s,
                GradientAverageIn = m,
                GradientAverageOut = m,
                MomentumIn = b,
                MomentumOut = b,
                Output = w,
                AddParameters = true,
            });

            RmsPropOptimizer.StepInPlace<T>(Options, parameters, gradient, square, average, buffer);

            Assert.True(Identical<T>(w, parameters) && Identical<T>(s, square) && Identical<T>(m, average) && Identical<T>(b, buffer), $"{typeof(T).Name}: not the reference step");
        }
    }

    [Fact]
    public void The_multi_tensor_step_steps_an_entry_above_the_bound_that_does_not_overflow()
    {
        var parameters = new Dictionary<string, double[]>();
        var gradients = new Dictionary<string, double[]>();
        for (int t = 0; t < 40; t++)
        {
            parameters[$"t{t}"] = Wave<double>(1000 + t, t, 1);
            gradients[$"t{t}"] = Wave<double>(1000 + t, t + 0.5, 1);
        }

        gradients["t39"][7] = RmsPropKernel.SafeGradient<double>() * 1.5;
        var alone = parameters.ToDictionary(p => p.Key, p => (W: (double[])p.Value.Clone(), S: new double[p.Value.Length], M: new double[p.Value.Length], B: new double[p.Value.Length]));
        RmsPropModelBuffers<double> model = RmsPropModel.CreateBuffers<double>([new RmsPropGroup("all", Options, parameters.Keys)], parameters);

        RmsPropModel.StepInPlace(model, gradients);

        foreach (var (name, (w, s, m, b)) in alone)
        {
            RmsPropOptimizer.StepInPlace<double>(Options, w, gradients[name], s, m, b);
            Assert.True(Identical<double>(w, parameters[name]), $"tensor {name}");
        }
    }
}
