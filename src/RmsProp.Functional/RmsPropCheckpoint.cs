using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace RmsProp.Functional;

/// <summary>
/// Saves and loads optimizer states as JSON, so training can stop and resume with bitwise the same trajectory:
/// single-tensor states and moments (<c>"rmsprop-state"</c>) and whole models with their groups
/// (<c>"rmsprop-model"</c>).
/// </summary>
/// <remarks>
/// <para>
/// Numbers are written as the shortest text that reads back to the same binary value (System.Text.Json's
/// round-trip formatting of <see cref="double"/>; a <see cref="float"/> is widened to double first, which is exact),
/// so a save and a load change no bit, negative zero and subnormals included. The document names its number
/// type, and a load into another type, or of a number the type cannot hold exactly, is refused rather than
/// silently rounded.
/// </para>
/// <para>
/// Format version 2 writes every option of <see cref="RmsPropOptions"/> and the model format; version 1 files
/// (single states and moments, written before version 2) still load, as single states or as a model of one tensor.
/// A corrupt file is refused with a message that names the field (<c>options.epsilonPlacement</c>,
/// <c>tensors[1].squareAverage[3]</c>) and what it holds.
/// </para>
/// <para>
/// The writer and reader are written against <see cref="Utf8JsonWriter"/> and <see cref="JsonDocument"/> rather
/// than the reflection serializer: the library stays trimming- and AOT-safe, and the format is spelled out here.
/// </para>
/// </remarks>
public static class RmsPropCheckpoint
{
    private const string StateFormat = "rmsprop-state";
    private const string ModelFormat = "rmsprop-model";
    private const int Version = 2;

    /// <summary>The JSON text of a whole state: options, parameters, moments and step count.</summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="state">The state to save.</param>
    /// <returns>A JSON document.</returns>
    public static string Save<T>(RmsPropState<T> state)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(state, nameof(state));
        return Write(writer =>
        {
            WriteHeader<T>(writer, StateFormat, state.StepCount);
            WriteOptions(writer, state.Options);
            WriteArray<T>(writer, "parameters", state.Parameters.AsSpan());
            WriteMoments(writer, state.Moments);
        });
    }

    /// <summary>The JSON text of moments alone (for callers who keep their parameters themselves).</summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="moments">The moments to save.</param>
    /// <returns>A JSON document.</returns>
    public static string SaveMoments<T>(RmsPropMoments<T> moments)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(moments, nameof(moments));
        return Write(writer =>
        {
            WriteHeader<T>(writer, StateFormat, moments.StepCount);
            WriteOptions(writer, moments.Options);
            WriteMoments(writer, moments);
        });
    }

    /// <summary>
    /// The JSON text of a whole model: the step count, every group with its options and tensor names, and every
    /// tensor with its name, shape, group, parameters and moments.
    /// </summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="state">The state to save.</param>
    /// <returns>A JSON document.</returns>
    public static string SaveModel<T>(RmsPropModelState<T> state)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(state, nameof(state));
        return Write(writer =>
        {
            WriteHeader<T>(writer, ModelFormat, state.StepCount);
            writer.WriteStartArray("groups");
            foreach (RmsPropGroup group in state.Groups)
            {
                writer.WriteStartObject();
                writer.WriteString("name", group.Name);
                WriteOptions(writer, group.Options);
                writer.WriteStartArray("tensors");
                foreach (string name in group.TensorNames)
                {
                    writer.WriteStringValue(name);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("tensors");
            foreach (RmsPropTensorState<T> tensor in state.Tensors)
            {
                writer.WriteStartObject();
                writer.WriteString("name", tensor.Name);
                writer.WriteStartArray("shape");
                foreach (int extent in tensor.Shape)
                {
                    writer.WriteNumberValue(extent);
                }

                writer.WriteEndArray();
                writer.WriteString("group", tensor.GroupName);
                WriteArray<T>(writer, "parameters", tensor.Parameters.AsSpan());
                WriteMoments(writer, tensor.Moments);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    /// <summary>Reads a state written by <see cref="Save{T}"/> (format version 1 or 2).</summary>
    /// <typeparam name="T">The number type; must be the type the state was saved with.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <returns>The state, equal bit for bit to the one saved.</returns>
    /// <exception cref="ArgumentException">The text is not such a document, or holds values no state can hold; the message names the field.</exception>
    public static RmsPropState<T> Load<T>(string json)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Read(json, root =>
        {
            ReadHeader<T>(root, StateFormat);
            RmsPropMoments<T> moments = ReadMoments<T>(root, ReadOptions(root, "options"), string.Empty);
            return RmsPropState<T>.Restore(ReadArray<T>(root, "parameters", string.Empty), moments);
        });

    /// <summary>Reads moments written by <see cref="SaveMoments{T}"/> (or the moments inside a saved state).</summary>
    /// <typeparam name="T">The number type; must be the type the moments were saved with.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <returns>The moments, equal bit for bit to the ones saved.</returns>
    /// <exception cref="ArgumentException">The text is not such a document, or holds values no moments can hold; the message names the field.</exception>
    public static RmsPropMoments<T> LoadMoments<T>(string json)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Read(json, root =>
        {
            ReadHeader<T>(root, StateFormat);
            return ReadMoments<T>(root, ReadOptions(root, "options"), string.Empty);
        });

    /// <summary>
    /// Reads a model written by <see cref="SaveModel{T}"/>; a single state written by <see cref="Save{T}"/> (version
    /// 1 or 2) loads as a model of one tensor called <c>"parameters"</c> in the group <see cref="RmsPropModel.DefaultGroupName"/>.
    /// </summary>
    /// <typeparam name="T">The number type; must be the type the model was saved with.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model state, equal bit for bit to the one saved.</returns>
    /// <exception cref="ArgumentException">The text is not such a document, or holds values no model can hold; the message names the field.</exception>
    public static RmsPropModelState<T> LoadModel<T>(string json)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Read(json, root =>
        {
            string format = ReadHeader<T>(root, ModelFormat, StateFormat);
            long stepCount = ReadInt64(Field(root, "stepCount", string.Empty), "stepCount");
            if (format == StateFormat)
            {
                RmsPropOptions options = ReadOptions(root, "options");
                RmsPropState<T> single = RmsPropState<T>.Restore(ReadArray<T>(root, "parameters", string.Empty), ReadMoments<T>(root, options, string.Empty));
                const string Name = "parameters";
                return new RmsPropModelState<T>(
                    [new RmsPropTensorState<T>(Name, [single.Parameters.Length], RmsPropModel.DefaultGroupName, single)],
                    [new RmsPropGroup(RmsPropModel.DefaultGroupName, options, [Name])],
                    stepCount);
            }

            var groups = new List<RmsPropGroup>();
            JsonElement groupArray = Field(root, "groups", string.Empty, JsonValueKind.Array);
            int g = 0;
            foreach (JsonElement group in groupArray.EnumerateArray())
            {
                string path = $"groups[{g++}]";
                string name = ReadString(Field(group, "name", path), $"{path}.name");
                JsonElement names = Field(group, "tensors", path, JsonValueKind.Array);
                groups.Add(new RmsPropGroup(name, ReadOptions(group, $"{path}.options"), names.EnumerateArray().Select((n, i) => ReadString(n, $"{path}.tensors[{i}]")).ToList()));
            }

            ImmutableArray<RmsPropGroup> checkedGroups = RmsPropModel.CheckGroups(groups);
            var tensors = new List<RmsPropTensorState<T>>();
            int t = 0;
            foreach (JsonElement tensor in Field(root, "tensors", string.Empty, JsonValueKind.Array).EnumerateArray())
            {
                string path = $"tensors[{t++}]";
                string name = ReadString(Field(tensor, "name", path), $"{path}.name");
                int[] shape = [.. Field(tensor, "shape", path, JsonValueKind.Array).EnumerateArray().Select((e, i) => ReadInt32(e, $"{path}.shape[{i}]"))];
                string groupName = ReadString(Field(tensor, "group", path), $"{path}.group");
                RmsPropGroup group = checkedGroups.FirstOrDefault(candidate => candidate.Name == groupName)
                    ?? throw new FormatException($"{path}.group is \"{groupName}\", which is not the name of any group.");
                if (!group.TensorNames.Contains(name))
                {
                    throw new FormatException($"{path}.group is \"{groupName}\", but that group does not list tensor \"{name}\".");
                }

                T[] parameters = ReadArray<T>(tensor, "parameters", path);
                if (NamedTensor.ShapeLength(shape, name, $"{path}.shape") != parameters.Length)
                {
                    throw new FormatException($"{path}.shape is [{string.Join(", ", shape)}] but {path}.parameters holds {parameters.Length} values.");
                }

                try
                {
                    RmsPropMoments<T> moments = ReadMoments<T>(tensor, group.Options, path, stepCount);
                    tensors.Add(new RmsPropTensorState<T>(name, [.. shape], groupName, RmsPropState<T>.Restore(parameters, moments)));
                }
                catch (ArgumentException error)
                {
                    throw new FormatException($"{path} (tensor \"{name}\"): {error.Message}", error);
                }
            }

            var duplicate = tensors.GroupBy(tensor => tensor.Name).FirstOrDefault(same => same.Count() > 1);
            if (duplicate is not null)
            {
                throw new FormatException($"tensors holds two tensors called \"{duplicate.Key}\".");
            }

            RmsPropModel.GroupOfEachTensor(checkedGroups, tensors.Select(tensor => tensor.Name).ToList(), "json");
            return new RmsPropModelState<T>([.. tensors], checkedGroups, stepCount);
        });

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteHeader<T>(Utf8JsonWriter writer, string format, long stepCount)
    {
        writer.WriteString("format", format);
        writer.WriteNumber("version", Version);
        writer.WriteString("numberType", typeof(T).Name);
        writer.WriteNumber("stepCount", stepCount);
    }

    private static void WriteOptions(Utf8JsonWriter writer, RmsPropOptions options)
    {
        writer.WriteStartObject("options");
        foreach (OptionField field in OptionField.All)
        {
            field.Write(writer, options);
        }

        writer.WriteEndObject();
    }

    private static void WriteMoments<T>(Utf8JsonWriter writer, RmsPropMoments<T> moments)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        WriteArray<T>(writer, "squareAverage", moments.SquareAverage.AsSpan());
        WriteArray<T>(writer, "gradientAverage", moments.GradientAverage.AsSpan());
        WriteArray<T>(writer, "momentumBuffer", moments.MomentumBuffer.AsSpan());
    }

    private static void WriteArray<T>(Utf8JsonWriter writer, string name, ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        writer.WriteStartArray(name);
        foreach (T value in values)
        {
            // Widening float (or Half) to double is exact, and double text round-trips exactly.
            writer.WriteNumberValue(double.CreateChecked(value));
        }

        writer.WriteEndArray();
    }

    private static TResult Read<TResult>(string json, Func<JsonElement, TResult> body)
    {
        Guard.NotNull(json, nameof(json));
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"the document is {Describe(document.RootElement)}, not an object");
            }

            return body(document.RootElement);
        }
        catch (JsonException error)
        {
            throw new ArgumentException($"The checkpoint is not valid JSON: {error.Message}", nameof(json), error);
        }
        catch (FormatException error)
        {
            throw new ArgumentException($"The checkpoint is not a valid RMSProp checkpoint: {error.Message}", nameof(json), error);
        }
    }

    /// <summary>Checks format, version and number type; returns the format found.</summary>
    private static string ReadHeader<T>(JsonElement root, params string[] formats)
    {
        string format = ReadString(Field(root, "format", string.Empty), "format");
        if (!formats.Contains(format))
        {
            throw new FormatException($"format is \"{format}\"; expected {string.Join(" or ", formats.Select(f => $"\"{f}\""))}.");
        }

        int version = ReadInt32(Field(root, "version", string.Empty), "version");
        if (version is < 1 or > Version || (version == 1 && format != StateFormat))
        {
            throw new FormatException($"version is {version}; this library reads \"{StateFormat}\" versions 1 and 2 and \"{ModelFormat}\" version 2.");
        }

        string numberType = ReadString(Field(root, "numberType", string.Empty), "numberType");
        if (numberType != typeof(T).Name)
        {
            throw new ArgumentException(
                $"The checkpoint holds {numberType} values and cannot be loaded as {typeof(T).Name} without rounding; load it as {numberType}.",
                "json");
        }

        return format;
    }

    private static RmsPropOptions ReadOptions(JsonElement parent, string path)
    {
        string name = path.Contains('.', StringComparison.Ordinal) ? path[(path.LastIndexOf('.') + 1)..] : path;
        string parentPath = path.Contains('.', StringComparison.Ordinal) ? path[..path.LastIndexOf('.')] : string.Empty;
        JsonElement options = Field(parent, name, parentPath, JsonValueKind.Object);
        var known = OptionField.All.ToDictionary(field => field.JsonName, StringComparer.Ordinal);
        foreach (JsonProperty property in options.EnumerateObject())
        {
            if (!known.ContainsKey(property.Name))
            {
                throw new FormatException($"{path}.{property.Name} is not an option this library knows ({string.Join(", ", known.Keys)}).");
            }
        }

        var result = new RmsPropOptions();
        foreach (OptionField field in OptionField.All)
        {
            if (options.TryGetProperty(field.JsonName, out JsonElement value))
            {
                result = field.Read(result, value, $"{path}.{field.JsonName}");
            }
            else if (field.InVersion1)
            {
                throw new FormatException($"{path}.{field.JsonName} is missing.");
            }
        }

        return result;
    }

    private static RmsPropMoments<T> ReadMoments<T>(JsonElement parent, RmsPropOptions options, string path, long? stepCount = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        return RmsPropMoments<T>.Restore(
            options,
            ReadArray<T>(parent, "squareAverage", path),
            ReadArray<T>(parent, "gradientAverage", path),
            ReadArray<T>(parent, "momentumBuffer", path),
            stepCount ?? ReadInt64(Field(parent, "stepCount", path), Join(path, "stepCount")));
    }

    private static T[] ReadArray<T>(JsonElement parent, string name, string path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string arrayPath = Join(path, name);
        JsonElement array = Field(parent, name, path, JsonValueKind.Array);
        var values = new T[array.GetArrayLength()];
        int i = 0;
        foreach (JsonElement element in array.EnumerateArray())
        {
            string elementPath = $"{arrayPath}[{i}]";
            if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out double number) || !double.IsFinite(number))
            {
                throw new FormatException($"{elementPath} is {Describe(element)}; expected a finite number.");
            }

            T value = T.CreateChecked(number);
            if (double.CreateChecked(value) != number)
            {
                throw new FormatException($"{elementPath} is {element.GetRawText()}, which {typeof(T).Name} cannot hold exactly.");
            }

            values[i++] = value;
        }

        return values;
    }

    private static JsonElement Field(JsonElement parent, string name, string path, JsonValueKind? kind = null)
    {
        string fieldPath = Join(path, name);
        if (!parent.TryGetProperty(name, out JsonElement value))
        {
            throw new FormatException($"{fieldPath} is missing.");
        }

        if (kind is JsonValueKind expected && value.ValueKind != expected)
        {
            throw new FormatException($"{fieldPath} is {Describe(value)}; expected {(expected == JsonValueKind.Array ? "an array" : "an object")}.");
        }

        return value;
    }

    private static string ReadString(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw new FormatException($"{path} is {Describe(element)}; expected a string.");

    private static int ReadInt32(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out int value)
            ? value
            : throw new FormatException($"{path} is {Describe(element)}; expected a whole number.");

    private static long ReadInt64(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out long value)
            ? value
            : throw new FormatException($"{path} is {Describe(element)}; expected a whole number.");

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{element.GetString()}\"",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {element.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    /// <summary>
    /// One option as the checkpoint writes and reads it. Listed by hand so the format is spelled out and stays
    /// AOT-safe; a property of <see cref="RmsPropOptions"/> missing here is caught by a test that compares this
    /// list with the record's properties.
    /// </summary>
    internal sealed class OptionField
    {
        private readonly Action<Utf8JsonWriter, RmsPropOptions> _write;
        private readonly Func<RmsPropOptions, JsonElement, string, RmsPropOptions> _read;

        private OptionField(string jsonName, bool inVersion1, Action<Utf8JsonWriter, RmsPropOptions> write, Func<RmsPropOptions, JsonElement, string, RmsPropOptions> read)
        {
            JsonName = jsonName;
            InVersion1 = inVersion1;
            _write = write;
            _read = read;
        }

        internal string JsonName { get; }

        /// <summary>Whether version 1 files have it (and so every file must); later options default when absent.</summary>
        internal bool InVersion1 { get; }

        internal static ImmutableArray<OptionField> All { get; } =
        [
            Number("learningRate", o => o.LearningRate, (o, v) => o with { LearningRate = v }),
            Number("rho", o => o.Rho, (o, v) => o with { Rho = v }),
            Number("epsilon", o => o.Epsilon, (o, v) => o with { Epsilon = v }),
            Enum("epsilonPlacement", o => o.EpsilonPlacement, (o, v) => o with { EpsilonPlacement = v }),
            Boolean("centered", o => o.Centered, (o, v) => o with { Centered = v }),
            Number("momentum", o => o.Momentum, (o, v) => o with { Momentum = v }),
            Enum("momentumConvention", o => o.MomentumConvention, (o, v) => o with { MomentumConvention = v }),
            Number("weightDecay", o => o.WeightDecay, (o, v) => o with { WeightDecay = v }),
            Boolean("maximize", o => o.Maximize, (o, v) => o with { Maximize = v }),
            Number("initialSquareAverage", o => o.InitialSquareAverage, (o, v) => o with { InitialSquareAverage = v }),
            Boolean("nesterov", o => o.Nesterov, (o, v) => o with { Nesterov = v }, inVersion1: false),
            Number("decoupledWeightDecay", o => o.DecoupledWeightDecay, (o, v) => o with { DecoupledWeightDecay = v }, inVersion1: false),
            Boolean("biasCorrection", o => o.BiasCorrection, (o, v) => o with { BiasCorrection = v }, inVersion1: false),
            Enum("operationOrder", o => o.OperationOrder, (o, v) => o with { OperationOrder = v }, inVersion1: false),
        ];

        internal void Write(Utf8JsonWriter writer, RmsPropOptions options) => _write(writer, options);

        internal RmsPropOptions Read(RmsPropOptions options, JsonElement value, string path)
        {
            try
            {
                return _read(options, value, path);
            }
            catch (ArgumentException error)
            {
                throw new FormatException($"{path} is {value.GetRawText()}: {error.Message}", error);
            }
        }

        private static OptionField Number(string name, Func<RmsPropOptions, double> get, Func<RmsPropOptions, double, RmsPropOptions> set, bool inVersion1 = true) =>
            new(name, inVersion1, (w, o) => w.WriteNumber(name, get(o)), (o, e, path) =>
                e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double v) ? set(o, v) : throw new FormatException($"{path} is {Describe(e)}; expected a number."));

        private static OptionField Boolean(string name, Func<RmsPropOptions, bool> get, Func<RmsPropOptions, bool, RmsPropOptions> set, bool inVersion1 = true) =>
            new(name, inVersion1, (w, o) => w.WriteBoolean(name, get(o)), (o, e, path) =>
                e.ValueKind is JsonValueKind.True or JsonValueKind.False ? set(o, e.GetBoolean()) : throw new FormatException($"{path} is {Describe(e)}; expected true or false."));

        /// <summary>An enum written by name and read only by an exact name: "1", "insideroot" or a number are refused (Enum.Parse would accept them).</summary>
        private static OptionField Enum<TEnum>(string name, Func<RmsPropOptions, TEnum> get, Func<RmsPropOptions, TEnum, RmsPropOptions> set, bool inVersion1 = true)
            where TEnum : struct, System.Enum =>
            new(name, inVersion1, (w, o) => w.WriteString(name, get(o).ToString()), (o, e, path) =>
            {
                string[] names = System.Enum.GetNames<TEnum>();
                if (e.ValueKind == JsonValueKind.String && names.Contains(e.GetString(), StringComparer.Ordinal))
                {
                    return set(o, System.Enum.Parse<TEnum>(e.GetString()!));
                }

                throw new FormatException($"{path} is {Describe(e)}; expected one of {string.Join(", ", names.Select(n => $"\"{n}\""))}.");
            });
    }
}
