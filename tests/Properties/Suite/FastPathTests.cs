using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RmsProp.Functional;
using RmsProp.Laws;

namespace RmsProp.Properties.Suite;

/// <summary>
/// Law 11's second face, for RmsProp.Functional's own kernel: the vector loop gives bitwise what the plain
/// reference loop gives, on every length (including lengths that are not multiples of the vector width, and 0),
/// every combination of options, both output modes (updates, or parameters plus updates) and both number types.
/// </summary>
public sealed class FastPathTests
{
    /// <summary>Inputs of one kernel call. Buffers the options do not use are empty, as the kernel expects.</summary>
    public sealed record KernelCase(RmsPropOptions Options, double[] Gradient, double[] Parameters, double[] Square, double[] Average, double[] Buffer, bool AddParameters)
    {
        public override string ToString() =>
            $"{{{Options}; n = {Gradient.Length}; add = {AddParameters}; g = [{string.Join(", ", Gradient)}]; w = [{string.Join(", ", Parameters)}]; s = [{string.Join(", ", Square)}]; m = [{string.Join(", ", Average)}]; b = [{string.Join(", ", Buffer)}]}}";
    }

    /// <summary>The arbitrary for <see cref="KernelCase"/>: lengths 0 to 70, every option, shrinking the length first.</summary>
    public static class Cases
    {
        private static readonly OptionSpace Kernel = OptionSpace.Everything with { ZeroEpsilon = true, CenteredWithWeightDecay = true };

        /// <summary>Found by FsCheck.Xunit through the Property attribute.</summary>
        /// <returns>The arbitrary.</returns>
        public static Arbitrary<KernelCase> Arbitrary() =>
            Arb.From(
                from options in RmsPropArbitraries.OptionsIn(Kernel).Generator
                from length in Gen.Frequency((1, Gen.Choose(0, 9)), (3, Gen.Choose(10, 70)))
                from gradient in Gen.ArrayOf(Draw.Gradient(zeros: true), length)
                from parameters in Gen.ArrayOf(Draw.Parameter(), length)
                from square in Gen.ArrayOf(Draw.Gradient(zeros: true).Select(x => x * x), length)
                from average in Gen.ArrayOf(Draw.Gradient(zeros: true), length)
                from buffer in Gen.ArrayOf(Draw.Gradient(zeros: true), length)
                from add in Gen.Elements(false, true)
                select new KernelCase(
                    options,
                    gradient,
                    parameters,
                    square,
                    options.Centered ? average : [],
                    options.Momentum != 0 ? buffer : [],
                    add),
                Shrinks);

        private static IEnumerable<KernelCase> Shrinks(KernelCase c)
        {
            int n = c.Gradient.Length;
            T[] Keep<T>(T[] values, int count) => values.Length == 0 ? values : values[..count];
            if (n > 0)
            {
                foreach (int count in new[] { n / 2, n - 1 }.Distinct())
                {
                    yield return c with
                    {
                        Gradient = c.Gradient[..count],
                        Parameters = c.Parameters[..count],
                        Square = c.Square[..count],
                        Average = Keep(c.Average, count),
                        Buffer = Keep(c.Buffer, count),
                    };
                }
            }

            foreach (RmsPropOptions options in Shrink.Options(Kernel, c.Options).Where(o => o.Centered == c.Options.Centered && (o.Momentum != 0) == (c.Options.Momentum != 0)))
            {
                yield return c with { Options = options };
            }
        }
    }

    [Property(Arbitrary = [typeof(Cases)], MaxTest = 300)]
    public void The_vector_loop_equals_the_reference_loop_bit_for_bit(KernelCase c)
    {
        Compare<float>(c);
        Compare<double>(c);
    }

    private static void Compare<T>(KernelCase c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (T[] Output, T[] Square, T[] Average, T[] Buffer) Run(bool fast)
        {
            int n = c.Gradient.Length;
            var output = new T[n];
            var square = new T[n];
            var average = new T[c.Average.Length];
            var buffer = new T[c.Buffer.Length];
            var coefficients = new RmsPropKernel.Coefficients<T>(c.Options);
            var buffers = new RmsPropKernel.Buffers<T>
            {
                Gradient = Convert<T>(c.Gradient),
                Parameters = Convert<T>(c.Parameters),
                SquareAverageIn = Convert<T>(c.Square),
                SquareAverageOut = square,
                GradientAverageIn = Convert<T>(c.Average),
                GradientAverageOut = average,
                MomentumIn = Convert<T>(c.Buffer),
                MomentumOut = buffer,
                Output = output,
                AddParameters = c.AddParameters,
            };
            if (fast)
            {
                RmsPropKernel.Run(coefficients, buffers);
            }
            else
            {
                RmsPropKernel.Reference(coefficients, buffers);
            }

            return (output, square, average, buffer);
        }

        var reference = Run(fast: false);
        var vector = Run(fast: true);
        foreach ((string name, T[] expected, T[] actual) in new[]
        {
            ("output", reference.Output, vector.Output),
            ("square average", reference.Square, vector.Square),
            ("gradient average", reference.Average, vector.Average),
            ("momentum buffer", reference.Buffer, vector.Buffer),
        })
        {
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(
                    Runs.Identical(expected[i], actual[i]),
                    $"{typeof(T).Name} {name}[{i}] of {expected.Length} (vector width {Vector<T>.Count}): vector loop {Runs.Text(actual[i])}, reference loop {Runs.Text(expected[i])}");
            }
        }
    }

    private static T[] Convert<T>(double[] values)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        values.Select(T.CreateChecked).ToArray();
}
