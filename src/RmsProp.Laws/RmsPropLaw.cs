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

    internal RmsPropLaw(int number, string name, string statement, int maxTest, Func<RmsPropImplementation, Property> property)
    {
        Number = number;
        Name = name;
        Statement = statement;
        MaxTest = maxTest;
        _property = property;
    }

    /// <summary>The law's number, 1 to 12, as the documentation numbers them.</summary>
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
            ? new RmsPropLaw(Number, Name, Statement, maxTest, _property)
            : throw new ArgumentOutOfRangeException(nameof(maxTest), maxTest, "A law needs at least one case.");

    /// <summary>The FsCheck property of this law for <paramref name="implementation"/>, to run with FsCheck's own tools.</summary>
    /// <param name="implementation">The implementation under test.</param>
    /// <returns>The property.</returns>
    public Property PropertyFor(RmsPropImplementation implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        return _property(implementation);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Law {Number}: {Name}";
}

/// <summary>How one implementation fared against one law.</summary>
public sealed class RmsPropLawResult
{
    internal RmsPropLawResult(RmsPropLaw law, string implementation, bool passed, int testsRun, string counterexample, string message)
    {
        Law = law;
        Implementation = implementation;
        Passed = passed;
        TestsRun = testsRun;
        Counterexample = counterexample;
        Message = message;
    }

    /// <summary>The law checked.</summary>
    public RmsPropLaw Law { get; }

    /// <summary>The name of the implementation checked.</summary>
    public string Implementation { get; }

    /// <summary>Whether every case satisfied the law.</summary>
    public bool Passed { get; }

    /// <summary>How many cases ran (up to the failing one).</summary>
    public int TestsRun { get; }

    /// <summary>The shrunk counterexample when the law failed; empty when it passed.</summary>
    public string Counterexample { get; }

    /// <summary>FsCheck's account: the original and shrunk counterexamples, what was violated, and the seed to replay.</summary>
    public string Message { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        Passed ? $"passed {Law} ({TestsRun} cases)" : $"FAILED {Law}{Environment.NewLine}{Message}";
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

    /// <summary>Whether every law passed.</summary>
    public bool Passed => Results.All(r => r.Passed);

    /// <summary>The laws that failed, with their counterexamples.</summary>
    public IReadOnlyList<RmsPropLawResult> Failures => Results.Where(r => !r.Passed).ToArray();

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
        text.Append(Implementation).Append(": ").Append(Results.Count - Failures.Count).Append(" of ").Append(Results.Count).Append(" laws hold");
        foreach (RmsPropLawResult result in Results)
        {
            text.AppendLine().Append(result.Passed ? "  ok    " : "  FAIL  ").Append(result.Law);
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
