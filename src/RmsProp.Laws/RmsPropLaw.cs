using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck;

namespace RmsProp.Laws;

/// <summary>One law of the suite: its number, its statement (with the tolerance it allows) and how many cases it tries.</summary>
public sealed class RmsPropLaw
{
    private readonly Func<RmsPropImplementation, Property> _property;
    private readonly Func<RmsPropImplementation, string?> _whyNotApplicable;

    internal RmsPropLaw(int number, string name, string statement, int maxTest, Func<RmsPropImplementation, Property> property, Func<RmsPropImplementation, string?>? whyNotApplicable = null)
    {
        Number = number;
        Name = name;
        Statement = statement;
        MaxTest = maxTest;
        _property = property;
        _whyNotApplicable = whyNotApplicable ?? (_ => null);
    }

    /// <summary>The law's number, 1 to 13, as the documentation numbers them.</summary>
    public int Number { get; }

    /// <summary>A one-line summary.</summary>
    public string Name { get; }

    /// <summary>The exact statement: what is quantified over, what must hold, and the tolerance.</summary>
    public string Statement { get; }

    /// <summary>How many generated cases a check tries before it accepts the law.</summary>
    public int MaxTest { get; }

    /// <summary>This law, trying another number of cases (more for a release gate, fewer for a quick run).</summary>
    /// <param name="maxTest">At least 1.</param>
    /// <returns>The law with that budget.</returns>
    public RmsPropLaw WithMaxTest(int maxTest) =>
        maxTest >= 1
            ? new RmsPropLaw(Number, Name, Statement, maxTest, _property, _whyNotApplicable)
            : throw new ArgumentOutOfRangeException(nameof(maxTest), maxTest, "A law needs at least one case.");

    /// <summary>The FsCheck property of this law for <paramref name="implementation"/>, to run with FsCheck's own tools.</summary>
    /// <param name="implementation">The implementation under test.</param>
    /// <returns>The property.</returns>
    public Property PropertyFor(RmsPropImplementation implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        return _property(implementation);
    }

    /// <summary>
    /// Null when the law applies to <paramref name="implementation"/>; else why not, in words (for example "it
    /// needs centred RMSProp, which is not declared").
    /// </summary>
    /// <param name="implementation">The implementation under test.</param>
    /// <returns>The reason, or null.</returns>
    public string? WhyNotApplicable(RmsPropImplementation implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        return _whyNotApplicable(implementation);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Law {Number}: {Name}";
}

/// <summary>What a law concluded about an implementation.</summary>
public enum RmsPropLawVerdict
{
    /// <summary>Every generated case satisfied the law.</summary>
    Passed,

    /// <summary>A case broke the law; the result holds it, shrunk.</summary>
    Failed,

    /// <summary>The law needs something the implementation does not declare or cannot do; nothing was run.</summary>
    NotApplicable,
}

/// <summary>Where a failing case was drawn: enough to draw it again on another machine.</summary>
/// <param name="Seed">The random generator's seed at the failing case.</param>
/// <param name="Gamma">The random generator's stream (odd).</param>
/// <param name="Size">The size FsCheck drew the failing case at.</param>
public sealed record RmsPropLawReplay(ulong Seed, ulong Gamma, int Size)
{
    /// <summary>The replay as text, <c>seed,gamma,size</c>, as failure messages print it.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Seed},{Gamma},{Size}";

    /// <summary>Reads the text a failure message printed.</summary>
    /// <param name="text"><c>seed,gamma,size</c>.</param>
    /// <returns>The replay.</returns>
    /// <exception cref="FormatException">The text is not three comma-separated numbers.</exception>
    public static RmsPropLawReplay Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split(',');
        return parts.Length == 3
            && ulong.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ulong seed)
            && ulong.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ulong gamma)
            && int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int size)
                ? new RmsPropLawReplay(seed, gamma, size)
                : throw new FormatException($"A replay is 'seed,gamma,size' as a failure message prints it, not '{text}'.");
    }
}

/// <summary>How the laws draw their cases: a fixed seed by default, so a run is the same on every machine.</summary>
public sealed record RmsPropLawSettings
{
    /// <summary>The seed every run uses unless told otherwise.</summary>
    public const ulong DefaultSeed = 20240917;

    /// <summary>The default: seed <see cref="DefaultSeed"/>, each law's own budget.</summary>
    public static RmsPropLawSettings Default { get; } = new();

    /// <summary>The seed of the first case; change it to explore other cases.</summary>
    public ulong Seed { get; init; } = DefaultSeed;

    /// <summary>When set, only the case a failure message printed is drawn again (and shrunk again).</summary>
    public RmsPropLawReplay? Replay { get; init; }
}

/// <summary>How one implementation fared against one law.</summary>
public sealed class RmsPropLawResult
{
    internal RmsPropLawResult(RmsPropLaw law, RmsPropImplementation implementation, RmsPropLawVerdict verdict, int testsRun, string counterexample, string message, RmsPropLawReplay? replay)
    {
        Law = law;
        Implementation = implementation.Name;
        Declared = $"{implementation.Support}; {implementation.NumberTypes}";
        Verdict = verdict;
        TestsRun = testsRun;
        Counterexample = counterexample;
        Message = message;
        Replay = replay;
    }

    /// <summary>The law checked.</summary>
    public RmsPropLaw Law { get; }

    /// <summary>The name of the implementation checked.</summary>
    public string Implementation { get; }

    /// <summary>What the implementation declared, as the report prints it.</summary>
    public string Declared { get; }

    /// <summary>Passed, failed or not applicable.</summary>
    public RmsPropLawVerdict Verdict { get; }

    /// <summary>Whether every case satisfied the law (false when the law did not apply).</summary>
    public bool Passed => Verdict == RmsPropLawVerdict.Passed;

    /// <summary>Whether a case broke the law.</summary>
    public bool Failed => Verdict == RmsPropLawVerdict.Failed;

    /// <summary>How many cases ran (up to the failing one).</summary>
    public int TestsRun { get; }

    /// <summary>The shrunk counterexample when the law failed; empty otherwise.</summary>
    public string Counterexample { get; }

    /// <summary>
    /// The account: on failure the law in words, the declaration, the shrunk case, what was expected and what
    /// came, the seed and size and how to replay; when not applicable, why.
    /// </summary>
    public string Message { get; }

    /// <summary>Where the failing case was drawn, to pass back in <see cref="RmsPropLawSettings.Replay"/>; null unless failed.</summary>
    public RmsPropLawReplay? Replay { get; }

    /// <inheritdoc/>
    public override string ToString() => Verdict switch
    {
        RmsPropLawVerdict.Passed => $"passed {Law} ({TestsRun} cases)",
        RmsPropLawVerdict.NotApplicable => $"not applicable {Law}: {Message}",
        _ => $"FAILED {Law}{Environment.NewLine}{Message}",
    };
}

/// <summary>How one implementation fared against a set of laws.</summary>
public sealed class RmsPropLawReport
{
    internal RmsPropLawReport(string implementation, IReadOnlyList<RmsPropLawResult> results)
    {
        Implementation = implementation;
        Results = results;
    }

    /// <summary>The name of the implementation checked.</summary>
    public string Implementation { get; }

    /// <summary>One result per law, in law order.</summary>
    public IReadOnlyList<RmsPropLawResult> Results { get; }

    /// <summary>Whether no law failed (laws that do not apply neither pass nor fail; see <see cref="NotApplicable"/>).</summary>
    public bool Passed => !Results.Any(r => r.Failed);

    /// <summary>The laws that failed, with their counterexamples.</summary>
    public IReadOnlyList<RmsPropLawResult> Failures => Results.Where(r => r.Failed).ToArray();

    /// <summary>The laws that did not apply, with the reason in each message.</summary>
    public IReadOnlyList<RmsPropLawResult> NotApplicable => Results.Where(r => r.Verdict == RmsPropLawVerdict.NotApplicable).ToArray();

    /// <summary>Throws <see cref="RmsPropLawException"/> naming every failed law, for use inside any test framework.</summary>
    /// <exception cref="RmsPropLawException">A law failed.</exception>
    public void ThrowIfFailed()
    {
        if (!Passed)
        {
            throw new RmsPropLawException(this);
        }
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Implementation).Append(": ").Append(Results.Count(r => r.Passed)).Append(" of ").Append(Results.Count - NotApplicable.Count)
            .Append(" applicable laws hold");
        if (NotApplicable.Count > 0)
        {
            text.Append(" (").Append(NotApplicable.Count).Append(" not applicable)");
        }

        foreach (RmsPropLawResult result in Results)
        {
            text.AppendLine().Append(result.Verdict switch
            {
                RmsPropLawVerdict.Passed => "  ok    ",
                RmsPropLawVerdict.Failed => "  FAIL  ",
                _ => "  n/a   ",
            }).Append(result.Law);
            if (result.Verdict == RmsPropLawVerdict.NotApplicable)
            {
                text.Append(": ").Append(result.Message);
            }
        }

        foreach (RmsPropLawResult failure in Failures)
        {
            text.AppendLine().AppendLine().Append(failure);
        }

        return text.ToString();
    }
}

/// <summary>Thrown by <see cref="RmsPropLawReport.ThrowIfFailed"/> when an implementation breaks a law.</summary>
public sealed class RmsPropLawException : Exception
{
    /// <summary>The exception for a failed report.</summary>
    /// <param name="report">The report; its text is the message.</param>
    public RmsPropLawException(RmsPropLawReport report)
        : base((report ?? throw new ArgumentNullException(nameof(report))).ToString())
    {
        Report = report;
    }

    /// <summary>The report with every result.</summary>
    public RmsPropLawReport Report { get; }
}
