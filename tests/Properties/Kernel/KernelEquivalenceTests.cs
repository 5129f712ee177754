using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RmsProp.Functional;
using static RmsProp.Properties.Foundation.Bits;

namespace RmsProp.Properties.Kernel;

/// <summary>
/// Every fast path of the kernel (vector loop, one thread and split across threads) gives bitwise what the
/// reference loop gives, for every combination of options, both number types, both output modes, and the lengths
/// where loops change hands: 0, 1, width - 1, width, width + 1, the thread threshold +/- 1, and large.
/// </summary>
public sealed class KernelEquivalenceTests
{
    private const int Seed = 20261129;

    /// <summary>Every combination of the options that change the kernel's loop (640 of them).</summary>
    public static IEnumerable<RmsPropOptions> AllVariants()
    {
        foreach (OperationOrder order in Enum.GetValues<OperationOrder>())
        foreach (bool maximize in new[] { false, true })
        foreach (double weightDecay in new[] { 0.0, 0.01 })
        foreach (double decoupled in new[] { 0.0, 0.05 })
        foreach (bool centered in new[] { false, true })
        foreach (EpsilonPlacement placement in Enum.GetValues<EpsilonPlacement>())
        foreach (bool biasCorrection in new[] { false, true })
        foreach ((double momentum, MomentumConvention convention, bool nesterov) in new[]
                 {
                     (0.0, MomentumConvention.LearningRateOutsideBuffer, false),
                     (0.9, MomentumConvention.LearningRateOutsideBuffer, false),
                     (0.9, MomentumConvention.LearningRateOutsideBuffer, true),
                     (0.9, MomentumConvention.LearningRateInsideBuffer, false),
                     (0.9, MomentumConvention.LearningRateInsideBuffer, true),
                 })
        {
            yield return new RmsPropOptions
            {
                LearningRate = 0.03,
                Rho = 0.9,
                Epsilon = 1e-6,
                OperationOrder = order,
                Maximize = maximize,
                WeightDecay = weightDecay,
                DecoupledWeightDecay = decoupled,
                Centered = centered,
                EpsilonPlacement = placement,
                BiasCorrection = biasCorrection,
                Momentum = momentum,
                MomentumConvention = convention,
                Nesterov = nesterov,
            };
        }
    }

    private static int[] SmallLengths<T>()
        where T : unmanaged
    {
        int width = Math.Max(1, RmsPropKernel.VectorWidth<T>());
        return [0, 1, width - 1, width, width + 1, 3 * width + 5];
    }

    [Fact]
    public void Every_variant_at_short_lengths_equals_the_reference_loop()
    {
        int checkedCases = 0;
        foreach (RmsPropOptions options in AllVariants())
        {
            foreach (bool add in new[] { false, true })
            {
                foreach (int length in SmallLengths<float>())
                {
                    Compare<float>(options, length, add, stepNumber: 3);
                }

                foreach (int length in SmallLengths<double>())
                {
                    Compare<double>(options, length, add, stepNumber: 3);
                }

                checkedCases++;
            }
        }

        Assert.Equal(2 * 2 * 2 * 2 * 2 * 2 * 2 * 5 * 2, checkedCases);
    }

    [Fact]
    public void Sampled_variants_at_thread_boundaries_and_large_lengths_equal_the_reference_loop()
    {
        // Long arrays cost seconds per variant in the scalar reference loop, so a fixed sample of the variants runs
        // at these lengths; the short lengths above cover all of them.
        var random = new Random(Seed);
        RmsPropOptions[] variants = AllVariants().ToArray();
        // A step of two chunks or more is shared out among threads chunk by chunk; the last chunk is short.
        int[] Lengths(int chunk) => [chunk - 1, chunk, chunk + 1, 2 * chunk - 1, 2 * chunk, 2 * chunk + 1, 5 * chunk + 13];
        int[] floatLengths = Lengths(RmsPropKernel.ChunkLength<float>());
        int[] doubleLengths = Lengths(RmsPropKernel.ChunkLength<double>());
        for (int sample = 0; sample < 14; sample++)
        {
            RmsPropOptions options = variants[random.Next(variants.Length)];
            Compare<float>(options, floatLengths[sample % floatLengths.Length], add: sample % 2 == 0, stepNumber: 1 + sample);
            Compare<double>(options, doubleLengths[sample % doubleLengths.Length], add: sample % 2 == 1, stepNumber: 1 + sample);
        }
    }

    [Fact]
    public void Sampled_variants_with_streamed_outputs_equal_the_reference_loop_whether_the_outputs_line_up_or_not()
    {
        // Streaming stores need every output at the same offset from a 64-byte boundary (aligning one aligns all);
        // outputs that do not line up take the plain stores. Both, at a length long enough to align (the kernel aligns
        // from 4,096 coordinates) with a head and a tail of narrower vectors. Only the store instruction differs from
        // the plain loop, so a fixed sample of the variants covers it (each variant compiles a loop of its own, ~50 ms
        // of JIT: all 640 took over a minute).
        int[] together = [24, 24, 24, 24], apart = [0, 8, 16, 40];
        var random = new Random(Seed);
        RmsPropOptions[] variants = AllVariants().Where(_ => random.Next(8) == 0).ToArray();
        foreach ((RmsPropOptions options, int index) in variants.Select((options, index) => (options, index)))
        {
            bool add = index % 2 == 0;
            CompareStreamed<float>(options, 4_096 + (3 * RmsPropKernel.VectorWidth<float>()) + 5, add, together);
            CompareStreamed<float>(options, 4_096 + 7, add, apart);
            CompareStreamed<double>(options, 4_096 + (3 * RmsPropKernel.VectorWidth<double>()) + 5, add, together);
            CompareStreamed<double>(options, 4_096 + 7, add, apart);
        }

        // Every output array (the new parameters or update, s, m and the momentum buffer) is written in some variant.
        Assert.Contains(variants, v => v.Centered && v.Momentum != 0);
    }

    private static void CompareStreamed<T>(RmsPropOptions options, int length, bool add, int[] lineOffsets)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = new KernelData<T>(options, length, Seed + length);
        var coefficients = new RmsPropKernel.Coefficients<T>(options, stepNumber: 2);
        KernelData<T>.Outputs reference = data.Run(coefficients, add, (in RmsPropKernel.Coefficients<T> c, RmsPropKernel.Buffers<T> b) => RmsPropKernel.Reference(c, b));
        KernelData<T>.Outputs streamed = data.RunAtLineOffsets(coefficients, add, lineOffsets, (in RmsPropKernel.Coefficients<T> c, RmsPropKernel.Buffers<T> b) => RmsPropKernel.Run(c, b, streamFromBytes: 0));
        reference.AssertIdentical(streamed, $"streamed, outputs at {string.Join('/', lineOffsets)} bytes from a line: {typeof(T).Name}, n = {length}, add = {add}, seed {Seed + length}, {options}");
    }

    private static void Compare<T>(RmsPropOptions options, int length, bool add, long stepNumber)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = new KernelData<T>(options, length, Seed + length);
        var coefficients = new RmsPropKernel.Coefficients<T>(options, stepNumber);
        KernelData<T>.Outputs reference = data.Run(coefficients, add, (in RmsPropKernel.Coefficients<T> c, RmsPropKernel.Buffers<T> b) => RmsPropKernel.Reference(c, b));
        KernelData<T>.Outputs oneThread = data.Run(coefficients, add, (in RmsPropKernel.Coefficients<T> c, RmsPropKernel.Buffers<T> b) => RmsPropKernel.Run(c, b, maxParts: 1));
        KernelData<T>.Outputs threads = data.Run(coefficients, add, (in RmsPropKernel.Coefficients<T> c, RmsPropKernel.Buffers<T> b) => RmsPropKernel.Run(c, b));
        KernelData<T>.Outputs inPlace = data.RunInPlace(coefficients, add);
        KernelData<T>.Outputs streamed = data.Run(coefficients, add, (in RmsPropKernel.Coefficients<T> c, RmsPropKernel.Buffers<T> b) => RmsPropKernel.Run(c, b, streamFromBytes: 0));
        string what = $"{typeof(T).Name}, n = {length}, add = {add}, step {stepNumber}, seed {Seed + length}, {options}";
        reference.AssertIdentical(oneThread, $"one thread: {what}");
        reference.AssertIdentical(threads, $"threads: {what}");
        reference.AssertIdentical(inPlace, $"in place: {what}");
        reference.AssertIdentical(streamed, $"threads, outputs streamed: {what}");
    }
}

/// <summary>Random inputs of one kernel call, with signed zeros among them, and ways to run it.</summary>
internal sealed class KernelData<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    internal delegate void Kernel(in RmsPropKernel.Coefficients<T> c, RmsPropKernel.Buffers<T> b);

    internal sealed record Outputs(T[] Output, T[] Square, T[] Average, T[] Buffer)
    {
        internal void AssertIdentical(Outputs actual, string what)
        {
            foreach ((string name, T[] expected, T[] got) in new[] { ("output", Output, actual.Output), ("s", Square, actual.Square), ("m", Average, actual.Average), ("b", Buffer, actual.Buffer) })
            {
                Assert.Equal(expected.Length, got.Length);
                for (int i = 0; i < expected.Length; i++)
                {
                    Assert.True(Identical(expected[i], got[i]), $"{name}[{i}]: reference {expected[i]:R}, fast {got[i]:R}; {what}");
                }
            }
        }
    }

    private readonly RmsPropOptions _options;

    internal KernelData(RmsPropOptions options, int length, int seed)
    {
        _options = options;
        var random = new Random(seed);
        T Draw(double scale)
        {
            int kind = random.Next(20);
            return kind == 0 ? T.Zero : kind == 1 ? -T.Zero : T.CreateChecked(scale * (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 3)));
        }

        Gradient = Enumerable.Range(0, length).Select(_ => Draw(2)).ToArray();
        Parameters = Enumerable.Range(0, length).Select(_ => Draw(4)).ToArray();
        Square = Enumerable.Range(0, length).Select(_ => T.Abs(Draw(1))).ToArray();
        Average = options.Centered ? Enumerable.Range(0, length).Select(_ => Draw(0.1)).ToArray() : [];
        Buffer = options.Momentum != 0 ? Enumerable.Range(0, length).Select(_ => Draw(1)).ToArray() : [];
    }

    internal T[] Gradient { get; }

    internal T[] Parameters { get; }

    internal T[] Square { get; }

    internal T[] Average { get; }

    internal T[] Buffer { get; }

    internal Outputs Run(in RmsPropKernel.Coefficients<T> c, bool add, Kernel kernel)
    {
        int n = Gradient.Length;
        var outputs = new Outputs(new T[n], new T[n], new T[Average.Length], new T[Buffer.Length]);
        kernel(c, new RmsPropKernel.Buffers<T>
        {
            Gradient = Gradient,
            Parameters = Parameters,
            SquareAverageIn = Square,
            SquareAverageOut = outputs.Square,
            GradientAverageIn = Average,
            GradientAverageOut = outputs.Average,
            MomentumIn = Buffer,
            MomentumOut = outputs.Buffer,
            Output = outputs.Output,
            AddParameters = add,
        });
        return outputs;
    }

    /// <summary>
    /// Runs <paramref name="kernel"/> with its outputs (output, s, m, b) starting <paramref name="lineOffsets"/> bytes
    /// after a 64-byte boundary, in pinned arrays so the placement holds during the call.
    /// </summary>
    internal Outputs RunAtLineOffsets(in RmsPropKernel.Coefficients<T> c, bool add, int[] lineOffsets, Kernel kernel)
    {
        int n = Gradient.Length;
        Span<T> Place(int length, int lineOffset)
        {
            int size = Unsafe.SizeOf<T>();
            T[] array = GC.AllocateArray<T>(length + (128 / size), pinned: true);
            nint first = Marshal.UnsafeAddrOfPinnedArrayElement(array, 0);
            int start = (int)((lineOffset - first) & 63) / size;
            Assert.Equal(lineOffset, (int)((first + (start * size)) & 63));
            return array.AsSpan(start, length);
        }

        Span<T> output = Place(n, lineOffsets[0]), square = Place(n, lineOffsets[1]);
        Span<T> average = Place(Average.Length, lineOffsets[2]), buffer = Place(Buffer.Length, lineOffsets[3]);
        kernel(c, new RmsPropKernel.Buffers<T>
        {
            Gradient = Gradient,
            Parameters = Parameters,
            SquareAverageIn = Square,
            SquareAverageOut = square,
            GradientAverageIn = Average,
            GradientAverageOut = average,
            MomentumIn = Buffer,
            MomentumOut = buffer,
            Output = output,
            AddParameters = add,
        });
        return new Outputs(output.ToArray(), square.ToArray(), average.ToArray(), buffer.ToArray());
    }

    /// <summary>Runs the checked in-place entry point over copies, every output aliasing its input.</summary>
    internal Outputs RunInPlace(in RmsPropKernel.Coefficients<T> c, bool add)
    {
        var outputs = new Outputs(add ? (T[])Parameters.Clone() : new T[Gradient.Length], (T[])Square.Clone(), (T[])Average.Clone(), (T[])Buffer.Clone());
        T[] parameters = add ? outputs.Output : Parameters;
        RmsPropKernel.StepInPlace(
            c,
            new RmsPropKernel.Buffers<T>
            {
                Gradient = Gradient,
                Parameters = parameters,
                SquareAverageIn = outputs.Square,
                SquareAverageOut = outputs.Square,
                GradientAverageIn = outputs.Average,
                GradientAverageOut = outputs.Average,
                MomentumIn = outputs.Buffer,
                MomentumOut = outputs.Buffer,
                Output = outputs.Output,
                AddParameters = add,
            },
            "gradient",
            "gradient");
        return outputs;
    }
}
