using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using RmsProp.Functional;
using Xunit.Abstractions;

namespace RmsProp.Properties.Foundation;

/// <summary>
/// One trajectory recorded from TensorFlow.js's <c>tf.train.rmsprop</c> (CPU backend, float32): TF.js's options,
/// the initial parameters, the gradients (or a quadratic <c>a*w - b</c>), the rate of each step when it changes,
/// the parameters after every step and the final slots (<c>ms</c>, <c>mom</c>, <c>mg</c>).
/// </summary>
public sealed record TfjsCase(
    string Name,
    double LearningRate,
    double Decay,
    double Momentum,
    double Epsilon,
    bool Centered,
    float[] Initial,
    float[][]? Gradients,
    float[]? QuadraticA,
    float[]? QuadraticB,
    double[]? LearningRates,
    float[][] Trajectory,
    float[] FinalMeanSquare,
    float[] FinalMoment,
    float[]? FinalMeanGradient)
{
    public override string ToString() => Name;

    public int Steps => Trajectory.Length;

    /// <summary>The gradient at <paramref name="step"/>: recorded, or the quadratic's <c>a*w - b</c> in float32 as TF.js computed it.</summary>
    public float[] GradientAt(int step, IReadOnlyList<float> parameters) =>
        Gradients is not null
            ? Gradients[step]
            : parameters.Select((w, i) => QuadraticA![i] * w - QuadraticB![i]).ToArray();

    /// <summary>
    /// TF.js's options as this library's: TensorFlow 1's convention (eps inside the root, lr inside the momentum
    /// buffer) with the average starting at 0, which is where TF.js departs from TF1's slot initialiser.
    /// </summary>
    public RmsPropOptions Options => RmsPropOptions.TensorFlow1(LearningRate) with
    {
        Rho = Decay,
        Momentum = Momentum,
        Epsilon = Epsilon,
        Centered = Centered,
        InitialSquareAverage = 0,
    };
}

/// <summary>Loads <c>Reference/tfjs-rmsprop.json</c>, written by <c>Reference/tfjs/generate.mjs</c>.</summary>
public static class TfjsReference
{
    private static readonly Lazy<IReadOnlyList<TfjsCase>> Loaded = new(Load);

    public static IReadOnlyList<TfjsCase> Cases => Loaded.Value;

    public static TfjsCase Case(string name) => Cases.Single(c => c.Name == name);

    private static IReadOnlyList<TfjsCase> Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Reference", "tfjs-rmsprop.json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(Parse).ToList();
    }

    private static TfjsCase Parse(JsonElement json)
    {
        JsonElement options = json.GetProperty("options");
        JsonElement final = json.GetProperty("final_state");
        json.TryGetProperty("quadratic", out JsonElement quadratic);
        bool isQuadratic = quadratic.ValueKind == JsonValueKind.Object;
        return new TfjsCase(
            json.GetProperty("name").GetString()!,
            options.GetProperty("learningRate").GetDouble(),
            options.GetProperty("decay").GetDouble(),
            options.GetProperty("momentum").GetDouble(),
            options.GetProperty("epsilon").GetDouble(),
            options.GetProperty("centered").GetBoolean(),
            Vector(json.GetProperty("initial")),
            json.TryGetProperty("gradients", out var gradients) ? gradients.EnumerateArray().Select(Vector).ToArray() : null,
            isQuadratic ? Vector(quadratic.GetProperty("a")) : null,
            isQuadratic ? Vector(quadratic.GetProperty("b")) : null,
            json.TryGetProperty("learning_rates", out var rates) ? rates.EnumerateArray().Select(r => r.GetDouble()).ToArray() : null,
            json.GetProperty("trajectory").EnumerateArray().Select(Vector).ToArray(),
            Vector(final.GetProperty("ms")),
            Vector(final.GetProperty("mom")),
            final.TryGetProperty("mg", out var mg) ? Vector(mg) : null);
    }

    // JSON holds float32 values as the shortest decimal that round-trips in double; narrowing gives the float back.
    private static float[] Vector(JsonElement array) => array.EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();
}

/// <summary>
/// The TF.js trajectories replayed in float32 with TensorFlow's convention (eps inside the root, lr inside the
/// momentum buffer), each vector within a relative 1e-6 of TF.js's
/// (normwise: the largest difference over the vector's largest magnitude).
/// </summary>
public sealed class TfjsReferenceTests(ITestOutputHelper output)
{
    /// <summary>
    /// About 16 float32 ulps. TF.js rounds after every op (<c>ms*decay + g^2*(1 - decay)</c>, with <c>1 - decay</c>
    /// rounded from double); the library's kernel orders and fuses the same arithmetic its own way, so the two agree
    /// to rounding, not to the bit.
    /// </summary>
    private const double RelativeTolerance = 1e-6;

    public static TheoryData<string> ReplayedCases() =>
        new(TfjsReference.Cases.Where(c => c.Name != "centered_eps_subtracted").Select(c => c.Name));

    [Fact]
    public void The_file_covers_eps_inside_momentum_with_lr_inside_a_changing_rate_and_centered()
    {
        Assert.Equal(9, TfjsReference.Cases.Count);
        Assert.Contains(TfjsReference.Cases, c => c.Momentum > 0 && c.LearningRates is not null && c.LearningRates.Distinct().Count() > 1);
        Assert.Contains(TfjsReference.Cases, c => c.Centered && c.Momentum > 0);
        Assert.Contains(TfjsReference.Cases, c => c.QuadraticA is not null);
    }

    [Theory]
    [MemberData(nameof(ReplayedCases))]
    public void Float_trajectory_agrees_with_TensorFlow_js_within_1e_minus_6(string name)
    {
        TfjsCase reference = TfjsReference.Case(name);
        double worst = Replay(reference, reference.Options, out string where);
        output.WriteLine($"{name}: worst relative error {worst:E2} at {where}");
        Assert.True(worst <= RelativeTolerance, $"{name}: relative error {worst:E2} at {where} exceeds {RelativeTolerance:E0}");
    }

    [Fact]
    public void Centered_TensorFlow_js_subtracts_eps_under_the_root_where_TF1_adds_it()
    {
        TfjsCase reference = TfjsReference.Case("centered_eps_subtracted");

        // TF.js's first step, op by op in float32: sqrt(ms - (mg^2 + eps)). With + eps (TF1's kernel) it misses.
        float g = reference.Gradients![0][0];
        float oneMinusDecay = (float)(1 - reference.Decay);
        float ms = 0f * (float)reference.Decay + g * g * oneMinusDecay;
        float mg = 0f * (float)reference.Decay + g * oneMinusDecay;
        float update = g * (float)reference.LearningRate;
        float subtracted = reference.Initial[0] - update / MathF.Sqrt(ms - (mg * mg + (float)reference.Epsilon));
        float added = reference.Initial[0] - update / MathF.Sqrt(ms - mg * mg + (float)reference.Epsilon);
        Assert.Equal(subtracted, reference.Trajectory[0][0]);
        Assert.NotEqual(added, reference.Trajectory[0][0]);

        // So this library, which follows TF1 here, departs from TF.js by far more than rounding once eps matters.
        double worst = Replay(reference, reference.Options, out string where);
        output.WriteLine($"centered_eps_subtracted with TF1's + eps: relative difference {worst:E2} at {where}");
        Assert.True(worst > 1000 * RelativeTolerance, $"expected the sign of eps to show, got {worst:E2}");
    }

    private static double Replay(TfjsCase reference, RmsPropOptions options, out string where)
    {
        RmsPropState<float> state = RmsPropOptimizer.Init<float>(options, reference.Initial);
        double worst = 0;
        string worstAt = "nowhere";

        // Normwise: each vector's largest difference over its largest magnitude. The averages cancel (mg of
        // gradients of both signs can end near 0), so an entry's own size is not the scale its rounding lives on.
        void Compare(IReadOnlyList<float> expected, IReadOnlyList<float> actual, string what)
        {
            double scale = expected.Max(v => Math.Abs((double)v));
            for (int i = 0; i < expected.Count; i++)
            {
                double error = Math.Abs((double)actual[i] - expected[i]) / scale;
                if (!(error <= worst))
                {
                    worst = error;
                    worstAt = $"{what}[{i}]: TF.js {expected[i]:R}, here {actual[i]:R}";
                }
            }
        }

        for (int step = 0; step < reference.Steps; step++)
        {
            if (reference.LearningRates is { } rates)
            {
                state = state.WithOptions(state.Options.WithLearningRate(rates[step]));
            }

            state = RmsPropOptimizer.Step<float>(state, reference.GradientAt(step, state.Parameters));
            Compare(reference.Trajectory[step], state.Parameters, $"step {step + 1}, w");
        }

        Compare(reference.FinalMeanSquare, state.SquareAverage, "final ms");
        if (state.Moments.MomentumBuffer.Length > 0)
        {
            Compare(reference.FinalMoment, state.Moments.MomentumBuffer, "final mom");
        }

        if (reference.FinalMeanGradient is { } meanGradient)
        {
            Compare(meanGradient, state.Moments.GradientAverage, "final mg");
        }

        where = worstAt;
        return worst;
    }
}
