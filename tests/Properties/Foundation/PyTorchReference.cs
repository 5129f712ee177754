using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using RmsProp.Functional;

namespace RmsProp.Properties.Foundation;

/// <summary>
/// One trajectory recorded from <c>torch.optim.RMSprop</c> (PyTorch 1.13, single-tensor path): options in PyTorch's
/// names, the initial parameters, the gradients (or a quadratic whose gradient is <c>a*w - b</c>), the parameters
/// after every step and the final optimizer state.
/// </summary>
public sealed record PyTorchCase(
    string Name,
    string DType,
    RmsPropOptions Options,
    double[] Initial,
    double[][]? Gradients,
    double[]? QuadraticA,
    double[]? QuadraticB,
    double[][] Trajectory,
    double[] FinalSquareAverage,
    double[]? FinalGradientAverage,
    double[]? FinalMomentumBuffer,
    long FinalStep)
{
    public override string ToString() => Name;

    /// <summary>The gradient PyTorch saw at <paramref name="step"/>, given the parameters then.</summary>
    public double[] GradientAt(int step, IReadOnlyList<double> parameters) =>
        Gradients is not null
            ? Gradients[step]
            : parameters.Select((w, i) => QuadraticA![i] * w - QuadraticB![i]).ToArray();

    public int Steps => Trajectory.Length;
}

/// <summary>Loads <c>Reference/pytorch-rmsprop.json</c>, a copy of the project's shared reference file.</summary>
public static class PyTorchReference
{
    private static readonly Lazy<IReadOnlyList<PyTorchCase>> Loaded = new(Load);

    public static IReadOnlyList<PyTorchCase> Cases => Loaded.Value;

    public static PyTorchCase Case(string name) => Cases.Single(c => c.Name == name);

    public static IEnumerable<object[]> Names(string dtype) =>
        Cases.Where(c => c.DType == dtype).Select(c => new object[] { c.Name });

    private static IReadOnlyList<PyTorchCase> Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Reference", "pytorch-rmsprop.json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(Parse).ToList();
    }

    private static PyTorchCase Parse(JsonElement json)
    {
        RmsPropOptions rmsOptions = Options(json.GetProperty("options"));
        JsonElement final = json.GetProperty("final_state");
        json.TryGetProperty("quadratic", out JsonElement quadratic);
        return new PyTorchCase(
            json.GetProperty("name").GetString()!,
            json.GetProperty("dtype").GetString()!,
            rmsOptions,
            Vector(json.GetProperty("initial")),
            json.TryGetProperty("gradients", out var gradients) ? gradients.EnumerateArray().Select(Vector).ToArray() : null,
            quadratic.ValueKind == JsonValueKind.Object ? Vector(quadratic.GetProperty("a")) : null,
            quadratic.ValueKind == JsonValueKind.Object ? Vector(quadratic.GetProperty("b")) : null,
            json.GetProperty("trajectory").EnumerateArray().Select(Vector).ToArray(),
            Vector(final.GetProperty("square_avg")),
            final.TryGetProperty("grad_avg", out var gradAvg) ? Vector(gradAvg) : null,
            final.TryGetProperty("momentum_buffer", out var buffer) ? Vector(buffer) : null,
            final.GetProperty("step").GetInt64());
    }

    /// <summary>PyTorch's option names mapped onto <see cref="RmsPropOptions"/>; a missing one takes PyTorch's default.</summary>
    public static RmsPropOptions Options(JsonElement options)
    {
        double Number(string name, double fallback) => options.TryGetProperty(name, out var v) ? v.GetDouble() : fallback;
        bool Flag(string name) => options.TryGetProperty(name, out var v) && v.GetBoolean();

        return new RmsPropOptions
        {
            LearningRate = Number("lr", 0.01),
            Rho = Number("alpha", 0.99),
            Epsilon = Number("eps", 1e-8),
            WeightDecay = Number("weight_decay", 0),
            Momentum = Number("momentum", 0),
            Centered = Flag("centered"),
            Maximize = Flag("maximize"),
        };
    }

    private static double[] Vector(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
