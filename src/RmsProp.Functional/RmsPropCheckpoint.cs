using System;
using System.Buffers;
using System.Collections.Generic;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace RmsProp.Functional;

/// <summary>
/// Saves and loads optimizer states as JSON, so training can stop and resume with bitwise the same trajectory.
/// </summary>
/// <remarks>
/// <para>
/// Numbers are written as the shortest text that reads back to the same binary value (System.Text.Json's
/// round-trip formatting of <see cref="double"/>; a <see cref="float"/> is widened to double first, which is exact),
/// so a save and a load change no bit. The document names its number type, and a load into another type is refused
/// rather than silently rounded.
/// </para>
/// <para>
/// The writer and reader are written against <see cref="Utf8JsonWriter"/> and <see cref="JsonDocument"/> rather
/// than the reflection serializer: the library stays trimming- and AOT-safe, and the format is spelled out here.
/// </para>
/// </remarks>
public static class RmsPropCheckpoint
{
    private const string Format = "rmsprop-state";
    private const int Version = 1;

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
            WriteHeader<T>(writer, state.Options, state.StepCount);
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
            WriteHeader<T>(writer, moments.Options, moments.StepCount);
            WriteMoments(writer, moments);
        });
    }

    /// <summary>Reads a state written by <see cref="Save{T}"/>.</summary>
    /// <typeparam name="T">The number type; must be the type the state was saved with.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <returns>The state, equal bit for bit to the one saved.</returns>
    /// <exception cref="ArgumentException">The text is not such a document, or holds values no state can hold.</exception>
    public static RmsPropState<T> Load<T>(string json)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Read(json, root =>
        {
            RmsPropMoments<T> moments = ReadMoments<T>(root);
            return RmsPropState<T>.Restore(ReadArray<T>(root, "parameters"), moments);
        });

    /// <summary>Reads moments written by <see cref="SaveMoments{T}"/> (or the moments inside a saved state).</summary>
    /// <typeparam name="T">The number type; must be the type the moments were saved with.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <returns>The moments, equal bit for bit to the ones saved.</returns>
    /// <exception cref="ArgumentException">The text is not such a document, or holds values no moments can hold.</exception>
    public static RmsPropMoments<T> LoadMoments<T>(string json)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Read(json, ReadMoments<T>);

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

    private static void WriteHeader<T>(Utf8JsonWriter writer, RmsPropOptions options, long stepCount)
    {
        writer.WriteString("format", Format);
        writer.WriteNumber("version", Version);
        writer.WriteString("numberType", typeof(T).Name);
        writer.WriteNumber("stepCount", stepCount);
        writer.WriteStartObject("options");
        writer.WriteNumber("learningRate", options.LearningRate);
        writer.WriteNumber("rho", options.Rho);
        writer.WriteNumber("epsilon", options.Epsilon);
        writer.WriteString("epsilonPlacement", options.EpsilonPlacement.ToString());
        writer.WriteBoolean("centered", options.Centered);
        writer.WriteNumber("momentum", options.Momentum);
        writer.WriteString("momentumConvention", options.MomentumConvention.ToString());
        writer.WriteNumber("weightDecay", options.WeightDecay);
        writer.WriteBoolean("maximize", options.Maximize);
        writer.WriteNumber("initialSquareAverage", options.InitialSquareAverage);
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
            return body(document.RootElement);
        }
        catch (JsonException error)
        {
            throw new ArgumentException($"The checkpoint is not valid JSON: {error.Message}", nameof(json), error);
        }
        catch (Exception error) when (error is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ArgumentException($"The checkpoint is not an RMSProp {Format} document of version {Version}: {error.Message}", nameof(json), error);
        }
    }

    private static RmsPropMoments<T> ReadMoments<T>(JsonElement root)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (root.GetProperty("format").GetString() != Format || root.GetProperty("version").GetInt32() != Version)
        {
            throw new FormatException($"expected \"format\": \"{Format}\" and \"version\": {Version}");
        }

        string? numberType = root.GetProperty("numberType").GetString();
        if (numberType != typeof(T).Name)
        {
            throw new ArgumentException(
                $"The checkpoint holds {numberType} values and cannot be loaded as {typeof(T).Name} without rounding; load it as {numberType}.",
                "json");
        }

        JsonElement options = root.GetProperty("options");
        var rmsOptions = new RmsPropOptions
        {
            LearningRate = options.GetProperty("learningRate").GetDouble(),
            Rho = options.GetProperty("rho").GetDouble(),
            Epsilon = options.GetProperty("epsilon").GetDouble(),
            EpsilonPlacement = Enum.Parse<EpsilonPlacement>(options.GetProperty("epsilonPlacement").GetString()!),
            Centered = options.GetProperty("centered").GetBoolean(),
            Momentum = options.GetProperty("momentum").GetDouble(),
            MomentumConvention = Enum.Parse<MomentumConvention>(options.GetProperty("momentumConvention").GetString()!),
            WeightDecay = options.GetProperty("weightDecay").GetDouble(),
            Maximize = options.GetProperty("maximize").GetBoolean(),
            InitialSquareAverage = options.GetProperty("initialSquareAverage").GetDouble(),
        };

        return RmsPropMoments<T>.Restore(
            rmsOptions,
            ReadArray<T>(root, "squareAverage"),
            ReadArray<T>(root, "gradientAverage"),
            ReadArray<T>(root, "momentumBuffer"),
            root.GetProperty("stepCount").GetInt64());
    }

    private static T[] ReadArray<T>(JsonElement root, string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        JsonElement array = root.GetProperty(name);
        var values = new T[array.GetArrayLength()];
        int i = 0;
        foreach (JsonElement element in array.EnumerateArray())
        {
            values[i++] = T.CreateChecked(element.GetDouble());
        }

        return values;
    }
}
