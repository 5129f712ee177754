using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RmsProp.Analyzers.Shape;

namespace RmsProp.Analyzers.Benchmarks;

/// <summary>One piece of what <see cref="RmsPropAnalyzer"/> does on a type with no square root, on its own.</summary>
public enum CostPart
{
    /// <summary>Resolving the well-known symbols (Math, MathF, TensorPrimitives, the SIMD vectors) at compilation start.</summary>
    KnownSymbols,

    /// <summary>The syntactic look for a root name in each type's declarations, from its symbol-start action.</summary>
    RootSearch,

    /// <summary>The caller gate: the text search of every tree for a root (once), then each type's look for step names.</summary>
    CallerGate,

    /// <summary>The compilation-end action (the join of the caller facts, empty here) and its CompilationEnd-tagged descriptor.</summary>
    CompilationEnd,
}

/// <summary>
/// The empty control (<see cref="EmptyTypeAnalyzer"/>) plus one <see cref="CostPart"/> of the rules, so that the
/// control-to-rules difference can be split into its parts: compile + part minus compile + control is that part.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CostPartAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("RMSPPART", "Never reported", "Never reported", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);
    private readonly CostPart _part;

    /// <summary>An analyzer that does the control's registration and <paramref name="part"/>.</summary>
    public CostPartAnalyzer(CostPart part)
    {
        _part = part;
        SupportedDiagnostics = part == CostPart.CompilationEnd
            ? ImmutableArray.Create(Never, Rmsp004AccumulatorReset.CallerDescriptor)
            : ImmutableArray.Create(Never);
    }

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            switch (_part)
            {
                case CostPart.KnownSymbols:
                    CompilationFacts.For(start.Compilation);
                    start.RegisterSymbolStartAction(_ => { }, SymbolKind.NamedType);
                    break;
                case CostPart.RootSearch:
                    var roots = new RootSyntax();
                    start.RegisterSymbolStartAction(symbol => roots.MayTakeRoot((INamedTypeSymbol)symbol.Symbol, symbol.CancellationToken), SymbolKind.NamedType);
                    break;
                case CostPart.CallerGate:
                    var callers = new CallerFacts(CallerSyntax.StepNames(start.Compilation, new RootSyntax(), start.CancellationToken));
                    start.RegisterSymbolStartAction(symbol => callers.MayCallStep((INamedTypeSymbol)symbol.Symbol, symbol.CancellationToken), SymbolKind.NamedType);
                    break;
                case CostPart.CompilationEnd:
                    var none = new CallerFacts(StepNames.None);
                    start.RegisterSymbolStartAction(_ => { }, SymbolKind.NamedType);
                    start.RegisterCompilationEndAction(end => Rmsp004AccumulatorReset.AnalyzeCallers(none, end));
                    break;
            }
        });
    }
}

/// <summary>
/// `-- parts [rounds]`: where the rules' time beyond the control goes, two ways. (1) Each part alone, called directly
/// over a fresh clone of the compilation, its processor time per call (no driver, so no noise from it: the figure to
/// read on a shared machine); (2) each part as an analyzer beside the control in interleaved serial rounds, each
/// configuration's difference to the control in the same round. (The driver's own per-analyzer execution time,
/// logAnalyzerExecutionTime with GetAnalyzerTelemetryInfoAsync, read 0 ms for every analyzer with this Roslyn.)
/// </summary>
public static class CostParts
{
    /// <summary>Runs the three attributions for every source and prints them.</summary>
    public static void Run(int rounds)
    {
        Console.WriteLine($"load average at start: {Load()}; {rounds} rounds");
        foreach (string source in CostSources.Names())
        {
            Compilation compilation = CostSources.Compile(source, concurrent: false);
            Console.WriteLine($"{source}:");
            Direct(compilation, rounds);
            Interleaved(compilation, rounds);
            Console.WriteLine($"  (load average now {Load()})");
        }
    }

    private static void Direct(Compilation compilation, int rounds)
    {
        compilation.GetDiagnostics();   // binds once, so the syntax trees' nodes exist as they do when the analyzers run
        List<INamedTypeSymbol> types = SourceTypes(compilation.GlobalNamespace).ToList();
        var parts = new (string Name, Func<Compilation, int> Run)[]
        {
            ("known symbols (new KnownSymbols)", c => new KnownSymbols(c).VectorTypes.Count),
            ("root search (RootSyntax, every type)", c =>
            {
                var roots = new RootSyntax();
                return types.Count(t => roots.MayTakeRoot(t, CancellationToken.None));
            }),
            ("caller gate: step names (CallerSyntax.StepNames)", c => CallerSyntax.StepNames(c, new RootSyntax(), CancellationToken.None).Names.Count),
            ("every gate, every type, as the analyzer does", c =>
            {
                var roots = new RootSyntax();
                StepNames names = CallerSyntax.StepNames(c, roots, CancellationToken.None);
                var callers = new CallerFacts(names);
                var baseHelpers = new BaseTypeHelpers(roots);
                ParameterStartFacts? parameterStarts = ParameterStartFacts.Create(c, roots, CancellationToken.None);
                return types.Count(t => baseHelpers.MayInheritRoot(t, CancellationToken.None) | roots.MayTakeRoot(t, CancellationToken.None)
                    | callers.MayCallStep(t, CancellationToken.None) | (parameterStarts?.MayPassState(t, CancellationToken.None) ?? false));
            }),
        };
        Console.WriteLine($"  direct, {types.Count} source types, processor time per call on a fresh clone (median of {rounds}):");
        foreach ((string name, Func<Compilation, int> run) in parts)
        {
            var times = new List<double>();
            int result = 0;
            double first = 0;
            for (int round = 0; round <= rounds; round++)
            {
                Compilation clone = compilation.Clone();
                var process = Process.GetCurrentProcess();
                TimeSpan start = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                result = run(clone);
                watch.Stop();
                process.Refresh();
                double elapsed = (process.TotalProcessorTime - start).TotalMilliseconds;
                if (round > 0)
                {
                    times.Add(elapsed);
                }
                else
                {
                    first = elapsed;
                }
            }

            times.Sort();
            Console.WriteLine($"    {name,-52} CPU median {times[times.Count / 2],7:F2} ms (min {times[0]:F2}; first call in the process {first:F2})  result {result}");
        }
    }

    private static void Interleaved(Compilation compilation, int rounds)
    {
        var configurations = new List<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)>
        {
            ("control", CostSources.Control),
            ("rules", CostSources.AllRules()),
        };
        configurations.AddRange(Enum.GetValues<CostPart>().Select(part => ($"control + {part}", ImmutableArray.Create<DiagnosticAnalyzer>(new CostPartAnalyzer(part)))));
        var cpu = configurations.ToDictionary(c => c.Name, _ => new List<double>());
        for (int round = 0; round <= rounds; round++)
        {
            var order = round % 2 == 0 ? configurations : Enumerable.Reverse(configurations).ToList();
            foreach ((string name, ImmutableArray<DiagnosticAnalyzer> analyzers) in order)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var process = Process.GetCurrentProcess();
                TimeSpan start = process.TotalProcessorTime;
                CostSources.CompileWith(compilation, analyzers, concurrent: false);
                process.Refresh();
                if (round > 0)
                {
                    cpu[name].Add((process.TotalProcessorTime - start).TotalMilliseconds);
                }
            }
        }

        List<double> control = cpu["control"];
        Console.WriteLine($"  interleaved, serial, {rounds} rounds: control CPU median {Median(control):F0} ms; each configuration minus the control in the same round:");
        foreach ((string name, _) in configurations.Skip(1))
        {
            List<double> differences = cpu[name].Select((value, i) => value - control[i]).ToList();
            Console.WriteLine($"    {name,-30} median {Median(differences),7:F1} ms, quartiles {Quantile(differences, 0.25):F1} / {Quantile(differences, 0.75):F1} ms");
        }
    }

    private static IEnumerable<INamedTypeSymbol> SourceTypes(INamespaceOrTypeSymbol container)
    {
        foreach (ISymbol member in container.GetMembers())
        {
            if (member is INamespaceSymbol ns)
            {
                foreach (INamedTypeSymbol type in SourceTypes(ns))
                {
                    yield return type;
                }
            }
            else if (member is INamedTypeSymbol type && type.Locations.Any(l => l.IsInSource))
            {
                yield return type;
                foreach (INamedTypeSymbol nested in SourceTypes(type))
                {
                    yield return nested;
                }
            }
        }
    }

    private static double Median(List<double> values) => Quantile(values, 0.5);

    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.OrderBy(v => v).ToList();
        double position = q * (sorted.Count - 1);
        int low = (int)Math.Floor(position);
        int high = Math.Min(sorted.Count - 1, low + 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }

    private static string Load() =>
        System.IO.File.Exists("/proc/loadavg") ? string.Join(" ", System.IO.File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
