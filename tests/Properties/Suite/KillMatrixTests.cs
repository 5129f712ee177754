using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using RmsProp.Laws;
using RmsProp.Properties.Mutants;
using Xunit.Abstractions;

namespace RmsProp.Properties.Suite;

/// <summary>Every law against every implementation, computed once (on all cores) for the tests that read it.</summary>
public sealed class KillMatrix
{
    /// <summary>Runs all the cells: RmsProp.Functional's three entry points, the textbook control, then the mutants.</summary>
    public KillMatrix()
    {
        var columns = new List<(string Name, Func<RmsPropImplementation> Create)>();
        columns.AddRange(Catalogue.Real.Select(r => (r.Name, (Func<RmsPropImplementation>)(() => r))));
        columns.Add((Catalogue.Control.Name, Catalogue.Control.Create));
        columns.AddRange(Catalogue.Mutants.Select(m => (m.Name, (Func<RmsPropImplementation>)m.Create)));
        Columns = columns.Select(c => c.Name).ToArray();

        var cells = new ConcurrentDictionary<(int Law, string Column), RmsPropLawResult>();
        var watch = Stopwatch.StartNew();
        Parallel.ForEach(
            columns.SelectMany(c => RmsPropLaws.All.Select(law => (Column: c, Law: law))),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            cell => cells[(cell.Law.Number, cell.Column.Name)] = RmsPropLaws.CheckLaw(cell.Law, cell.Column.Create()));
        Elapsed = watch.Elapsed;
        Cells = cells;
    }

    /// <summary>The implementations, in table order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The result of each law on each implementation.</summary>
    public IReadOnlyDictionary<(int Law, string Column), RmsPropLawResult> Cells { get; }

    /// <summary>How long the whole matrix took.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The numbers of the laws that reject <paramref name="column"/>.</summary>
    public int[] Rejecting(string column) =>
        RmsPropLaws.All.Where(law => !Cells[(law.Number, column)].Passed).Select(law => law.Number).ToArray();

    /// <summary>The failed results of <paramref name="column"/>, with their counterexamples.</summary>
    public string Failures(string column) =>
        string.Join(Environment.NewLine + Environment.NewLine, RmsPropLaws.All.Select(law => Cells[(law.Number, column)]).Where(r => !r.Passed));

    /// <summary>Law rows by implementation columns; X marks a rejection.</summary>
    public string Table()
    {
        var text = new StringBuilder();
        text.Append("| law | ").AppendJoin(" | ", Columns).AppendLine(" |");
        text.Append("| --- |").Append(string.Concat(Columns.Select(_ => " --- |"))).AppendLine();
        foreach (RmsPropLaw law in RmsPropLaws.All)
        {
            text.Append("| ").Append(law.Number).Append(" | ")
                .AppendJoin(" | ", Columns.Select(c => Cells[(law.Number, c)].Passed ? "." : "X")).AppendLine(" |");
        }

        return text.ToString();
    }
}

/// <summary>
/// The suite judged by what it catches: every mutant must be rejected by the laws its mistake breaks (and so by
/// at least one), while RmsProp.Functional and the honest textbook step must be rejected by none.
/// </summary>
public sealed class KillMatrixTests(KillMatrix matrix, ITestOutputHelper output) : IClassFixture<KillMatrix>
{
    public static TheoryData<string> MutantNames => [.. Catalogue.Mutants.Select(m => m.Name)];

    public static TheoryData<string> CorrectNames => [.. Catalogue.Real.Select(r => r.Name).Append(Catalogue.Control.Name)];

    [Theory]
    [MemberData(nameof(MutantNames))]
    public void A_mutant_is_rejected_by_every_law_its_mistake_breaks(string name)
    {
        Mutant mutant = Catalogue.Named(name);
        int[] rejecting = matrix.Rejecting(name);
        output.WriteLine($"{name}: rejected by laws {string.Join(", ", rejecting)}");
        output.WriteLine(matrix.Failures(name));

        Assert.NotEmpty(rejecting);
        int[] missed = mutant.MustBeRejectedBy.Except(rejecting).ToArray();
        Assert.True(missed.Length == 0, $"{name} ({mutant.Why}) escaped laws {string.Join(", ", missed)}.");
    }

    [Theory]
    [MemberData(nameof(CorrectNames))]
    public void A_correct_implementation_is_rejected_by_no_law(string name)
    {
        Assert.True(matrix.Rejecting(name).Length == 0, matrix.Failures(name));
    }

    [Fact]
    public void Every_law_rejects_some_mutant()
    {
        int[] idle = RmsPropLaws.All
            .Where(law => Catalogue.Mutants.All(m => matrix.Cells[(law.Number, m.Name)].Passed))
            .Select(law => law.Number)
            .ToArray();
        Assert.True(idle.Length == 0, $"Laws {string.Join(", ", idle)} rejected no mutant.");
    }

    [Fact]
    public void The_whole_matrix_prints_for_the_record()
    {
        output.WriteLine(matrix.Table());
        output.WriteLine($"{matrix.Cells.Count} cells in {matrix.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(RmsPropLaws.All.Count * matrix.Columns.Count, matrix.Cells.Count);
    }
}
