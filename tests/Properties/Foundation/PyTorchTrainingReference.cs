using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using RmsProp.Functional;

namespace RmsProp.Properties.Foundation;

/// <summary>A tensor of a recorded training run: its name, shape and initial values (flat, row-major).</summary>
public sealed record PyTorchTensor(string Name, int[] Shape, double[] Initial);

/// <summary>A PyTorch <c>param_group</c>: its options (defaults filled in) and the tensors it holds.</summary>
public sealed record PyTorchGroup(string Name, RmsPropOptions Options, string[] Tensors);

/// <summary>A tensor's optimizer state after the last step.</summary>
public sealed record PyTorchTensorState(double[] SquareAverage, double[]? GradientAverage, double[]? MomentumBuffer, long Step);

/// <summary>
/// A <c>torch.optim.lr_scheduler</c> stepped once after every <c>optimizer.step()</c>, with its keyword arguments
/// under PyTorch's names.
/// </summary>
public sealed record PyTorchScheduler(string Kind, IReadOnlyDictionary<string, JsonElement> Arguments)
{
    public double Gamma => Number("gamma", 0);

    public long StepSize => Integer("step_size", 0);

    public long TMax => Integer("T_max", 0);

    public double EtaMin => Number("eta_min", 0);

    /// <summary>A numeric argument, or PyTorch's default when the file leaves it out.</summary>
    public double Number(string name, double pyTorchDefault) => Arguments.TryGetValue(name, out JsonElement value) ? value.GetDouble() : pyTorchDefault;

    public long Integer(string name, long pyTorchDefault) => Arguments.TryGetValue(name, out JsonElement value) ? value.GetInt64() : pyTorchDefault;

    public bool Flag(string name, bool pyTorchDefault) => Arguments.TryGetValue(name, out JsonElement value) ? value.GetBoolean() : pyTorchDefault;

    public string Text(string name, string pyTorchDefault) => Arguments.TryGetValue(name, out JsonElement value) ? value.GetString()! : pyTorchDefault;
}

/// <summary>
/// One training run recorded from PyTorch 1.13 (<c>Reference/pytorch-training.json</c>): tensors in parameter
/// groups, optionally <c>clip_grad_norm_</c> before each step and a scheduler after it.
/// </summary>
public sealed record PyTorchTrainingCase(
    string Name,
    string DType,
    IReadOnlyList<PyTorchGroup> Groups,
    IReadOnlyList<PyTorchTensor> Tensors,
    IReadOnlyList<IReadOnlyDictionary<string, double[]>> Gradients,
    double? ClipMaxNorm,
    double[]? TotalNorms,
    PyTorchScheduler? Scheduler,
    double[][] LearningRates,
    double[][]? Momentums,
    IReadOnlyList<IReadOnlyDictionary<string, double[]>> Trajectory,
    IReadOnlyDictionary<string, PyTorchTensorState> FinalState)
{
    public override string ToString() => Name;

    public int Steps => Trajectory.Count;
}

/// <summary>Loads <c>Reference/pytorch-training.json</c>, written by <c>Reference/generate_pytorch_reference.py</c>.</summary>
public static class PyTorchTrainingReference
{
    private static readonly Lazy<IReadOnlyList<PyTorchTrainingCase>> Loaded = new(Load);

    public static IReadOnlyList<PyTorchTrainingCase> Cases => Loaded.Value;

    public static PyTorchTrainingCase Case(string name) => Cases.Single(c => c.Name == name);

    /// <summary>The name a group gets here: PyTorch's groups have only their index.</summary>
    public static string GroupName(int index) => $"group{index}";

    private static IReadOnlyList<PyTorchTrainingCase> Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Reference", "pytorch-training.json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(Parse).ToList();
    }

    private static PyTorchTrainingCase Parse(JsonElement json)
    {
        PyTorchGroup[] groups = json.GetProperty("groups").EnumerateArray()
            .Select((group, index) => new PyTorchGroup(
                GroupName(index),
                PyTorchReference.Options(group.GetProperty("options")),
                group.GetProperty("tensors").EnumerateArray().Select(name => name.GetString()!).ToArray()))
            .ToArray();
        PyTorchTensor[] tensors = json.GetProperty("tensors").EnumerateArray()
            .Select(tensor => new PyTorchTensor(
                tensor.GetProperty("name").GetString()!,
                tensor.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray(),
                Vector(tensor.GetProperty("initial"))))
            .ToArray();
        bool clipped = json.TryGetProperty("clip_grad_norm", out JsonElement clip);
        PyTorchScheduler? scheduler = json.TryGetProperty("scheduler", out JsonElement s)
            ? new PyTorchScheduler(
                s.GetProperty("kind").GetString()!,
                s.EnumerateObject().Where(p => p.Name != "kind").ToDictionary(p => p.Name, p => p.Value.Clone()))
            : null;

        return new PyTorchTrainingCase(
            json.GetProperty("name").GetString()!,
            json.GetProperty("dtype").GetString()!,
            groups,
            tensors,
            json.GetProperty("gradients").EnumerateArray().Select(ByName).ToList(),
            clipped ? clip.GetProperty("max_norm").GetDouble() : null,
            clipped ? Vector(json.GetProperty("total_norms")) : null,
            scheduler,
            json.GetProperty("learning_rates").EnumerateArray().Select(Vector).ToArray(),
            json.TryGetProperty("momentums", out JsonElement momentums) ? momentums.EnumerateArray().Select(Vector).ToArray() : null,
            json.GetProperty("trajectory").EnumerateArray().Select(ByName).ToList(),
            json.GetProperty("final_state").EnumerateObject().ToDictionary(
                tensor => tensor.Name,
                tensor => new PyTorchTensorState(
                    Vector(tensor.Value.GetProperty("square_avg")),
                    tensor.Value.TryGetProperty("grad_avg", out var gradAvg) ? Vector(gradAvg) : null,
                    tensor.Value.TryGetProperty("momentum_buffer", out var buffer) ? Vector(buffer) : null,
                    tensor.Value.GetProperty("step").GetInt64())));
    }

    private static IReadOnlyDictionary<string, double[]> ByName(JsonElement tensors) =>
        tensors.EnumerateObject().ToDictionary(tensor => tensor.Name, tensor => Vector(tensor.Value));

    private static double[] Vector(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
