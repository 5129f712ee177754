using System;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace RmsProp.Benchmarks;

/// <summary>
/// Calls every benchmark body once at N = 1000, float and double, without BenchmarkDotNet's measurement: proves in
/// seconds (for CI) that the benchmarks build, set up and run. Times nothing.
/// </summary>
internal static class Smoke
{
    internal static int Run()
    {
        var watch = Stopwatch.StartNew();
        int calls = 0;
        foreach (Type open in typeof(Smoke).Assembly.GetTypes().Where(t => t.IsGenericTypeDefinition && t.GetCustomAttributes<GenericTypeArgumentsAttribute>().Any()))
        {
            foreach (GenericTypeArgumentsAttribute arguments in open.GetCustomAttributes<GenericTypeArgumentsAttribute>())
            {
                Type type = open.MakeGenericType(arguments.GenericTypeArguments);
                object instance = Activator.CreateInstance(type)!;
                type.GetProperty("N")?.SetValue(instance, 1_000);
                foreach (MethodInfo setup in type.GetMethods().Where(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null))
                {
                    setup.Invoke(instance, null);
                }

                foreach (MethodInfo benchmark in type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
                {
                    benchmark.Invoke(instance, null);
                    calls++;
                }
            }
        }

        Console.WriteLine($"benchmark smoke run: {calls} benchmark bodies ran once each in {watch.Elapsed.TotalSeconds:0.0} s");
        return calls > 0 ? 0 : 1;
    }
}
