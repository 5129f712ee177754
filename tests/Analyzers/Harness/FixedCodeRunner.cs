using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace RmsProp.Analyzers.Tests.Harness;

/// <summary>
/// A method of the fixed code to run: the ordinary method a fixed diagnostic was in, or every ordinary method of its
/// type when the diagnostic was outside one (a field initializer, a constructor, a default parameter value).
/// </summary>
/// <param name="TypeName">The type's reflection name (<c>Namespace.Outer+Inner</c>).</param>
/// <param name="MethodName">The method's name; null for every ordinary method the type declares.</param>
public sealed record RunTarget(string TypeName, string? MethodName)
{
    /// <summary>The target a diagnostic at <paramref name="location"/> stands for, or null outside any type.</summary>
    public static RunTarget? Enclosing(Compilation compilation, Location location, CancellationToken cancellationToken)
    {
        var model = compilation.GetSemanticModel(location.SourceTree!);
        var symbol = model.GetEnclosingSymbol(location.SourceSpan.Start, cancellationToken);
        while (symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction })
        {
            symbol = symbol.ContainingSymbol;
        }

        var type = symbol as INamedTypeSymbol ?? symbol?.ContainingType;
        if (type is null)
        {
            return null;
        }

        var method = symbol is IMethodSymbol { MethodKind: MethodKind.Ordinary } ordinary ? ordinary.Name : null;
        return new RunTarget(ReflectionName(type), method);
    }

    private static string ReflectionName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        if (type.ContainingType is { } outer)
        {
            return ReflectionName(outer) + "+" + name;
        }

        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }
}

/// <summary>
/// Runs fixed code: emits it in memory, loads it into a collectible load context, and calls each target method
/// <see cref="Steps"/> times on sample inputs built from its parameter types, the instance and the inputs kept between
/// steps (state carried from step to step is what RMSProp code gets wrong). A run fails when a call throws or when
/// any floating-point number reachable from the inputs, the result, the instance or the type's static fields is NaN
/// or infinite.
/// </summary>
public static class FixedCodeRunner
{
    /// <summary>Steps per target: enough for state created at step one to be read back at step two and on.</summary>
    public const int Steps = 5;

    /// <summary>
    /// The sample coordinates every floating-point input is made of: a valid value for any buffer a caller may pass
    /// (a weight, a gradient, an average of squares, which is never negative), in several magnitudes, and one zero: a
    /// zero gradient over a zero average is where a denominator with no epsilon divides zero by zero.
    /// </summary>
    public static readonly double[] SampleCoordinates = { 0.5, 1.5, 0.0, 2.0 };

    /// <summary>Sizes, counts and other integers: the length of every sample array, so that sizes agree.</summary>
    public const int SampleInteger = 4;

    /// <summary>The class a driver's statements are compiled into.</summary>
    public const string DriverTypeName = "FixedCodeDriver";

    /// <summary>The source of a driver class whose <c>Run</c> method holds <paramref name="statements"/>.</summary>
    public static string DriverSource(string statements) =>
        $"public static class {DriverTypeName}{Environment.NewLine}{{{Environment.NewLine}public static object? Run(){Environment.NewLine}{{{Environment.NewLine}{statements}{Environment.NewLine}}}{Environment.NewLine}}}";

    /// <summary>Emits, loads and runs <paramref name="compilation"/>; returns every problem, empty when the run is clean.</summary>
    public static IReadOnlyList<string> Run(Compilation compilation, IReadOnlyList<RunTarget> targets, CancellationToken cancellationToken)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image, cancellationToken: cancellationToken);
        if (!emitted.Success)
        {
            return emitted.Diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
                .Select(diagnostic => $"the fixed code does not emit: {diagnostic}").ToList();
        }

        var context = new AssemblyLoadContext("FixedCode", isCollectible: true);
        try
        {
            image.Position = 0;
            var assembly = context.LoadFromStream(image);
            return assembly.GetType(DriverTypeName) is { } driver
                ? RunDriver(driver)
                : RunTargets(assembly, targets);
        }
        finally
        {
            context.Unload();
        }
    }

    private static IReadOnlyList<string> RunDriver(Type driver)
    {
        var problems = new List<string>();
        try
        {
            var result = driver.GetMethod("Run")!.Invoke(null, null);
            NonFinite.Find(result, "the driver's result", problems);
        }
        catch (TargetInvocationException thrown) when (thrown.InnerException is { } inner)
        {
            problems.Add($"the fixed code threw {Describe(inner)}");
        }

        return problems;
    }

    private static IReadOnlyList<string> RunTargets(Assembly assembly, IReadOnlyList<RunTarget> targets)
    {
        var problems = new List<string>();
        var calls = new List<Call>();
        foreach (var target in targets)
        {
            if (assembly.GetType(target.TypeName) is not { } type)
            {
                problems.Add($"the fixed code has no type {target.TypeName} to run");
                continue;
            }

            var methods = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(method => !method.IsSpecialName && !method.IsAbstract && method.GetCustomAttribute<CompilerGeneratedAttribute>() is null
                    && (target.MethodName is null ? !method.Name.Contains('<') : method.Name == target.MethodName))
                .ToList();
            if (methods.Count == 0 && target.MethodName is not null)
            {
                problems.Add($"the fixed code has no method {target.TypeName}.{target.MethodName} to run");
            }

            foreach (var method in methods)
            {
                calls.Add(new Call(type, method));
            }
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        if (calls.Count == 0)
        {
            return new[] { "nothing in the fixed code to run: no diagnostic was in a method or a type with one; say why with WithoutRunning, or give AndRunWith statements" };
        }

        var instances = new Dictionary<Type, object?>();
        foreach (var call in calls.DistinctBy(call => call.Method))
        {
            if (!call.Prepare(instances, out var unrunnable))
            {
                problems.Add(unrunnable + "; give AndRunWith statements that call it");
            }
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        var ready = calls.DistinctBy(call => call.Method).ToList();
        for (var step = 1; step <= Steps; step++)
        {
            foreach (var call in ready)
            {
                if (call.Invoke(step) is { } failure)
                {
                    problems.Add(failure);
                    return problems;
                }

                NonFinite.Find(call, step, problems);
                foreach (var (type, instance) in instances)
                {
                    NonFinite.Find(instance, $"after step {step} of {call.Name}, the {type.Name} instance", problems);
                    foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
                    {
                        if (!field.IsLiteral)
                        {
                            NonFinite.Find(field.GetValue(null), $"after step {step} of {call.Name}, static {type.Name}.{field.Name}", problems);
                        }
                    }
                }

                if (problems.Count > 0)
                {
                    return problems;
                }
            }
        }

        return problems;
    }

    internal static string Describe(Exception exception)
    {
        var frame = exception.StackTrace?.Split('\n').FirstOrDefault()?.Trim();
        return $"{exception.GetType().Name}: {exception.Message} ({frame})";
    }

    /// <summary>One method with its receiver and its arguments, which persist from step to step.</summary>
    internal sealed class Call
    {
        private readonly Type _type;
        private MethodInfo _method;
        private object? _instance;
        private object?[] _arguments = Array.Empty<object?>();

        public Call(Type type, MethodInfo method)
        {
            _type = type;
            _method = method;
        }

        public MethodInfo Method => _method;

        public string Name => $"{_type.Name}.{_method.Name}";

        public object?[] Arguments => _arguments;

        public object? Result { get; private set; }

        public bool Prepare(Dictionary<Type, object?> instances, out string? problem)
        {
            problem = null;
            if (_method.IsGenericMethodDefinition)
            {
                try
                {
                    _method = _method.MakeGenericMethod(_method.GetGenericArguments().Select(_ => typeof(double)).ToArray());
                }
                catch (ArgumentException)
                {
                    problem = $"cannot run {Name}: its type parameters do not accept double";
                    return false;
                }
            }

            if (!_method.IsStatic)
            {
                if (!instances.TryGetValue(_type, out _instance))
                {
                    if (!Samples.TryCreate(_type, 0, out _instance, out problem))
                    {
                        problem = $"cannot run {Name}: cannot create a {_type.Name} ({problem})";
                        return false;
                    }

                    instances[_type] = _instance;
                }
            }

            var parameters = _method.GetParameters();
            _arguments = new object?[parameters.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                var parameter = parameters[i];
                if (parameter.HasDefaultValue && !parameter.ParameterType.IsByRef)
                {
                    _arguments[i] = parameter.DefaultValue;
                }
                else if (parameter.IsOut)
                {
                    _arguments[i] = null;
                }
                else if (!Samples.TryCreate(parameter.ParameterType.IsByRef ? parameter.ParameterType.GetElementType()! : parameter.ParameterType, 0, out _arguments[i], out var why))
                {
                    problem = $"cannot run {Name}: no sample for parameter '{parameter.Name}' of type {parameter.ParameterType} ({why})";
                    return false;
                }
            }

            return true;
        }

        /// <summary>Calls the method once; a result of a parameter's type (a functional step's new state) replaces that argument.</summary>
        public string? Invoke(int step)
        {
            try
            {
                Result = _method.Invoke(_instance, _arguments);
            }
            catch (TargetInvocationException thrown) when (thrown.InnerException is { } inner)
            {
                return $"the fixed code threw at step {step} of {Name}: {Describe(inner)}";
            }

            var parameters = _method.GetParameters();
            var fedBack = Array.FindIndex(parameters, parameter => parameter.ParameterType == _method.ReturnType);
            if (fedBack >= 0 && _method.ReturnType != typeof(void))
            {
                _arguments[fedBack] = Result;
            }

            return null;
        }
    }
}

/// <summary>Sample inputs built from a type: scalars, arrays, jagged arrays, lists, vectors, tuples and the test's own types.</summary>
internal static class Samples
{
    private const int MaximumDepth = 4;

    public static bool TryCreate(Type type, int depth, out object? value, out string? problem)
    {
        value = null;
        problem = null;
        if (depth > MaximumDepth)
        {
            problem = "nested too deeply";
            return false;
        }

        if (type.IsByRefLike || type.IsPointer)
        {
            problem = "reflection cannot pass a span or a pointer";
            return false;
        }

        if (Scalar(type, FixedCodeRunner.SampleCoordinates[0]) is { } scalar)
        {
            value = scalar;
            return true;
        }

        if (type == typeof(bool))
        {
            value = false;
            return true;
        }

        if (type == typeof(string))
        {
            value = "sample";
            return true;
        }

        if (type.IsEnum)
        {
            value = Enum.GetValues(type).GetValue(0);
            return true;
        }

        if (type.IsArray)
        {
            var element = type.GetElementType()!;
            var rank = type.GetArrayRank();
            var lengths = Enumerable.Repeat(FixedCodeRunner.SampleInteger, rank).ToArray();
            var array = Array.CreateInstance(element, lengths);
            var index = 0;
            foreach (var indices in AllIndices(lengths))
            {
                object? item;
                if (Scalar(element, FixedCodeRunner.SampleCoordinates[index++ % FixedCodeRunner.SampleCoordinates.Length]) is { } coordinate)
                {
                    item = coordinate;
                }
                else if (!TryCreate(element, depth + 1, out item, out problem))
                {
                    return false;
                }

                array.SetValue(item, indices);
            }

            value = array;
            return true;
        }

        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var arguments = type.GetGenericArguments();
            if (arguments.Length == 1 && (definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IReadOnlyList<>)
                || definition == typeof(IEnumerable<>) || definition == typeof(ICollection<>) || definition == typeof(IReadOnlyCollection<>)))
            {
                if (!TryCreate(arguments[0].MakeArrayType(), depth, out var items, out problem))
                {
                    return false;
                }

                value = Activator.CreateInstance(typeof(List<>).MakeGenericType(arguments[0]), items);
                return true;
            }

            if (definition == typeof(Vector<>) && Scalar(arguments[0], FixedCodeRunner.SampleCoordinates[0]) is { } lane)
            {
                value = Activator.CreateInstance(type, lane);
                return true;
            }
        }

        return TryConstruct(type, depth, out value, out problem);
    }

    private static bool TryConstruct(Type type, int depth, out object? value, out string? problem)
    {
        value = null;
        problem = null;
        if (type.IsAbstract || type.IsInterface || type.ContainsGenericParameters)
        {
            problem = $"{type.Name} is abstract, an interface or open generic";
            return false;
        }

        var constructors = type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(constructor => !constructor.GetParameters().Any(parameter => parameter.ParameterType == type))
            .OrderBy(constructor => constructor.GetParameters().Length)
            .ToList();
        if (constructors.Count == 0 && type.IsValueType)
        {
            value = Activator.CreateInstance(type);
            return true;
        }

        foreach (var constructor in constructors)
        {
            var parameters = constructor.GetParameters();
            var arguments = new object?[parameters.Length];
            var ok = true;
            for (var i = 0; i < parameters.Length && ok; i++)
            {
                if (parameters[i].HasDefaultValue)
                {
                    arguments[i] = parameters[i].DefaultValue;
                }
                else
                {
                    ok = TryCreate(parameters[i].ParameterType, depth + 1, out arguments[i], out problem);
                }
            }

            if (!ok)
            {
                continue;
            }

            try
            {
                value = constructor.Invoke(arguments);
                return true;
            }
            catch (TargetInvocationException thrown) when (thrown.InnerException is { } inner)
            {
                problem = $"its constructor threw {FixedCodeRunner.Describe(inner)}";
                return false;
            }
        }

        problem ??= $"{type.Name} has no constructor the samples can call";
        return false;
    }

    private static object? Scalar(Type type, double coordinate) =>
        type == typeof(double) ? coordinate
        : type == typeof(float) ? (float)coordinate
        : type == typeof(decimal) ? (decimal)coordinate
        : type == typeof(Half) ? (Half)coordinate
        : type == typeof(int) ? FixedCodeRunner.SampleInteger
        : type == typeof(long) ? (long)FixedCodeRunner.SampleInteger
        : null;

    private static IEnumerable<int[]> AllIndices(int[] lengths)
    {
        var total = lengths.Aggregate(1, (product, length) => product * length);
        for (var flat = 0; flat < total; flat++)
        {
            var indices = new int[lengths.Length];
            var rest = flat;
            for (var dimension = lengths.Length - 1; dimension >= 0; dimension--)
            {
                indices[dimension] = rest % lengths[dimension];
                rest /= lengths[dimension];
            }

            yield return indices;
        }
    }
}

/// <summary>Finds NaN and infinities in whatever a run leaves behind, through arrays, collections, tuples and fields.</summary>
internal static class NonFinite
{
    private const int MaximumDepth = 5;

    public static void Find(FixedCodeRunner.Call call, int step, List<string> problems)
    {
        var parameters = call.Method.GetParameters();
        for (var i = 0; i < parameters.Length; i++)
        {
            Find(call.Arguments[i], $"after step {step} of {call.Name}, parameter '{parameters[i].Name}'", problems);
        }

        Find(call.Result, $"after step {step} of {call.Name}, the result", problems);
    }

    public static void Find(object? value, string where, List<string> problems) =>
        Walk(value, where, problems, new HashSet<object>(ReferenceEqualityComparer.Instance), 0);

    private static void Walk(object? value, string where, List<string> problems, HashSet<object> seen, int depth)
    {
        if (value is null || depth > MaximumDepth || problems.Count > 10)
        {
            return;
        }

        switch (value)
        {
            case double number when !double.IsFinite(number):
            case float single when !float.IsFinite(single):
            case Half half when !Half.IsFinite(half):
                problems.Add($"{where} is {value}, not a finite number");
                return;
            case double or float or Half or decimal or int or long or bool or string or Enum:
                return;
        }

        var type = value.GetType();
        if (!type.IsValueType && !seen.Add(value))
        {
            return;
        }

        if (value is IEnumerable sequence and not string)
        {
            var index = 0;
            foreach (var item in sequence)
            {
                Walk(item, $"{where}[{index++}]", problems, seen, depth + 1);
            }

            return;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Vector<>))
        {
            var count = (int)type.GetProperty(nameof(Vector<double>.Count))!.GetValue(null)!;
            var item = type.GetProperty("Item")!;
            for (var lane = 0; lane < count; lane++)
            {
                Walk(item.GetValue(value, new object[] { lane }), $"{where}[{lane}]", problems, seen, depth + 1);
            }

            return;
        }

        if (type.Assembly == typeof(object).Assembly && !type.Name.StartsWith("ValueTuple", StringComparison.Ordinal))
        {
            return;
        }

        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Walk(field.GetValue(value), $"{where}.{field.Name.Replace("k__BackingField", string.Empty).Trim('<', '>')}", problems, seen, depth + 1);
        }
    }
}
