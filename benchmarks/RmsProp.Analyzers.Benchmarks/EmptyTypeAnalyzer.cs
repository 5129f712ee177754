using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RmsProp.Analyzers.Benchmarks;

/// <summary>
/// The control of the cost benchmarks: an analyzer that asks the driver for what <see cref="RmsPropAnalyzer"/> asks
/// for on every named type (a symbol-start action, under the same concurrency and generated-code settings) and does
/// nothing in it. Compile + control minus compile is what merely attaching such an analyzer costs; compile + rules
/// minus compile + control is what the rules' own work costs.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EmptyTypeAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new(
        "RMSPCTRL",
        "Never reported",
        "Never reported",
        "Benchmark",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Never);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start => start.RegisterSymbolStartAction(_ => { }, SymbolKind.NamedType));
    }
}
