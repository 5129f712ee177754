using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace RmsProp.Analyzers.Runner;

/// <summary>One diagnostic of a rule, or a file the rules could not check, located in a source file.</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="Line">One-based line.</param>
/// <param name="Column">One-based column.</param>
/// <param name="Id">The rule id (RMSP001...), <see cref="Finding.NotBoundId"/> or AD0001 for an analyzer that threw.</param>
/// <param name="Severity">The severity in effect (after .editorconfig, for a loaded project).</param>
/// <param name="Message">The message.</param>
/// <param name="HelpLink">The rule's page, when it has one.</param>
public sealed record Finding(string Path, int Line, int Column, string Id, DiagnosticSeverity Severity, string Message, string? HelpLink)
{
    /// <summary>The id of the report that a file takes a square root but its names do not resolve.</summary>
    public const string NotBoundId = "NOTBOUND";

    /// <summary>Orders findings by file, position and id, as a compiler prints them.</summary>
    public static IComparer<Finding> SourceOrder { get; } = Comparer<Finding>.Create((a, b) =>
    {
        var byPath = string.CompareOrdinal(a.Path, b.Path);
        if (byPath != 0)
        {
            return byPath;
        }

        var byLine = a.Line.CompareTo(b.Line);
        if (byLine != 0)
        {
            return byLine;
        }

        var byColumn = a.Column.CompareTo(b.Column);
        return byColumn != 0 ? byColumn : string.CompareOrdinal(a.Id, b.Id);
    });
}

/// <summary>What a whole run saw.</summary>
/// <param name="Findings">Rule findings and not-bound reports, in source order, after the severity filter.</param>
/// <param name="Compilations">How many compilations were analysed (a project per target framework counts once per target).</param>
/// <param name="Files">How many distinct source files were analysed.</param>
/// <param name="LoadErrors">One line per input that could not be read or loaded.</param>
/// <param name="Elapsed">Wall time of the run.</param>
/// <param name="Mutations">What the rules made of each mutation asked for (none unless <c>--mutations</c> was given).</param>
public sealed record RunResult(
    IReadOnlyList<Finding> Findings,
    int Compilations,
    int Files,
    IReadOnlyList<string> LoadErrors,
    TimeSpan Elapsed,
    IReadOnlyList<MutationOutcome> Mutations);
