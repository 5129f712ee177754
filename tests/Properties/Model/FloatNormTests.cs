using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using RmsProp.Functional;

namespace RmsProp.Properties.Model;

/// <summary>
/// The float32 norm behind <see cref="GradientClipping"/>: PyTorch 1.13's <c>torch.norm(x, 2)</c> bit for bit on
/// the recorded vectors (<c>float32_norms</c> in <c>Reference/pytorch-training.json</c>, 1 to 40 entries, off any
/// grid), and within a derived bound of the exact norm whatever the summation order, which is how far a PyTorch
/// that sums in another order (its AVX-512 kernels, sixteen lanes) can be from it.
/// </summary>
public sealed class FloatNormTests
{
    private static readonly (float[] X, float Norm)[] Recorded = Load();

    [Fact]
    public void The_float_norm_is_PyTorchs_bit_for_bit_on_every_recorded_vector()
    {
        Assert.Equal(40, Recorded.Length);
        foreach ((float[] x, float norm) in Recorded)
        {
            float here = Clipper.PyTorchFloatNorm(x);
            Assert.True(BitConverter.SingleToInt32Bits(norm) == BitConverter.SingleToInt32Bits(here), $"{x.Length} entries: PyTorch {norm:R}, here {here:R}");
        }
    }

    [Fact]
    public void The_recorded_vectors_tell_PyTorchs_order_from_a_double_sum_and_from_a_sequential_float_sum()
    {
        // Otherwise the replay above could not fail: each simpler order misses PyTorch's bits on some vector.
        int doubleSum = Recorded.Count(r => (float)Math.Sqrt(r.X.Sum(v => (double)v * v)) != r.Norm);
        int sequential = Recorded.Count(r => MathF.Sqrt(r.X.Aggregate(0f, (sum, v) => MathF.FusedMultiplyAdd(v, v, sum))) != r.Norm);
        Assert.True(doubleSum > 0, "a double sum gives PyTorch's bits on every recorded vector");
        Assert.True(sequential > 0, "a sequential fused float sum gives PyTorch's bits on every recorded vector");
    }

    [Fact]
    public void The_float_norm_is_within_its_rounding_bound_of_the_exact_norm()
    {
        // Any order of summing n squares (each exact under fma, or rounded once) is within (n + 1) u of the sum,
        // u = 2^-24; the root halves that and adds u of its own: |norm - exact| <= ((n + 1) / 2 + 1) u * exact.
        // PyTorch built for AVX-512 sums in another order within the same bound, so it and this norm are at most
        // twice the bound apart. Seed 20261130, printed on failure.
        const int seed = 20261130;
        var random = new Random(seed);
        double worst = 0;
        foreach (int n in new[] { 1, 3, 4, 7, 8, 9, 15, 16, 17, 31, 100, 1000, 4096, 10_000 })
        {
            for (int repeat = 0; repeat < 20; repeat++)
            {
                double scale = Math.Pow(10, (random.NextDouble() * 6) - 3);
                float[] x = [.. Enumerable.Range(0, n).Select(_ => (float)(scale * ((random.NextDouble() * 2) - 1)))];
                double exact = Math.Sqrt(x.Sum(v => (double)v * v));   // squares of floats are exact in double; the double sum's error is far below float's
                double relative = Math.Abs(Clipper.PyTorchFloatNorm(x) - exact) / exact;
                double bound = (((n + 1) / 2.0) + 1) * Math.Pow(2, -24);
                Assert.True(relative <= bound, $"seed {seed}, n = {n}, repeat {repeat}: relative error {relative:E3} > bound {bound:E3}");
                worst = Math.Max(worst, relative / bound);
            }
        }

        Assert.True(worst > 0, "every norm was exact, so the bound was never exercised");
    }

    private static (float[] X, float Norm)[] Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Reference", "pytorch-training.json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        return [.. document.RootElement.GetProperty("float32_norms").EnumerateArray().Select(record => (
            record.GetProperty("x").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray(),
            (float)record.GetProperty("norm").GetDouble()))];
    }
}
