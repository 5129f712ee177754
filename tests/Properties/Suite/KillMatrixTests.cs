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

/// <summary>
/// Every law against every implementation, computed once (on all cores) for the tests that read it: RmsProp.Functional's
/// three entry points under the full declaration, and the textbook control and every mutant under the plain
/// declaration (lr, rho, eps outside the root) and under the full one. Each law runs once per implementation.
/// </summary>
public sealed class KillMatrix
{
    /// <summary>The declarations the control and the mutants are checked under, by the name the tables use.</summary>
    public static IReadOnlyList<(string Name, RmsPropSupport Support)> Declarations { get; } =
        [("plain", RmsPropSupport.Plain), ("full", RmsPropSupport.Everything)];

    /// <summary>Runs all the cells.</summary>
    public KillMatrix()
    {
        var columns = new List<(string Name, Func<RmsPropImplementation> Create)>();
        columns.AddRange(Catalogue.Real.Select(r => (r.Name, (Func<RmsPropImplementation>)(() => r))));
        foreach ((string declaration, RmsPropSupport support) in Declarations)
        {
            columns.Add((Column(declaration, Catalogue.Control.Name), () => Catalogue.Control.Create(support)));
            columns.Add((Column(declaration, Catalogue.ControlObject.Name), () => Catalogue.ControlObject.Create(support)));
            columns.AddRange(Catalogue.Mutants.Where(m => m.CheckedUnder(declaration)).Select(m => (Column(declaration, m.Name), (Func<RmsPropImplementation>)(() => m.Create(support)))));
        }

        Columns = columns.Select(c => c.Name).ToArray();

        var cells = new ConcurrentDictionary<(int Law, string Column), RmsPropLawResult>();
        var elapsed = new ConcurrentDictionary<string, TimeSpan>();
        Parallel.ForEach(
            columns,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            column =>
            {
                var watch = Stopwatch.StartNew();
                foreach (RmsPropLaw law in RmsPropLaws.All)
                {
                    cells[(law.Number, column.Name)] = RmsPropLaws.CheckLaw(law, column.Create());
                }

                elapsed[column.Name] = watch.Elapsed;
            });
        Cells = cells;
        Elapsed = elapsed;
    }

    /// <summary>The implementations, in table order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The result of each law on each implementation.</summary>
    public IReadOnlyDictionary<(int Law, string Column), RmsPropLawResult> Cells { get; }

    /// <summary>How long each implementation's laws took (measured while the other columns ran on the other cores).</summary>
    public IReadOnlyDictionary<string, TimeSpan> Elapsed { get; }

    /// <summary>The column of a mutant or the control under a declaration.</summary>
    public static string Column(string declaration, string name) => $"{name} ({declaration})";

    /// <summary>The numbers of the laws that reject <paramref name="column"/>.</summary>
    public int[] Rejecting(string column) =>
        RmsPropLaws.All.Where(law => Cells[(law.Number, column)].Failed).Select(law => law.Number).ToArray();

    /// <summary>The numbers of the laws that did not apply to <paramref name="column"/>.</summary>
    public int[] NotApplicable(string column) =>
        RmsPropLaws.All.Where(law => Cells[(law.Number, column)].Verdict == RmsPropLawVerdict.NotApplicable).Select(law => law.Number).ToArray();

    /// <summary>The failed results of <paramref name="column"/>, with their counterexamples.</summary>
    public string Failures(string column) =>
        string.Join(Environment.NewLine + Environment.NewLine, RmsPropLaws.All.Select(law => Cells[(law.Number, column)]).Where(r => r.Failed));

    /// <summary>Law rows by implementation columns: X rejected, . passed, - not applicable.</summary>
    public string Table(IEnumerable<string> columns)
    {
        string[] chosen = columns.ToArray();
        var text = new StringBuilder();
        text.Append("| law | ").AppendJoin(" | ", chosen).AppendLine(" |");
        text.Append("| --- |").Append(string.Concat(chosen.Select(_ => " --- |"))).AppendLine();
        foreach (RmsPropLaw law in RmsPropLaws.All)
        {
            text.Append("| ").Append(law.Number).Append(" | ")
                .AppendJoin(" | ", chosen.Select(c => Cells[(law.Number, c)].Verdict switch
                {
                    RmsPropLawVerdict.Failed => "X",
                    RmsPropLawVerdict.Passed => ".",
                    _ => "-",
                }))
                .AppendLine(" |");
        }

        return text.ToString();
    }
}

/// <summary>
/// The suite judged by what it catches: under the plain and the full declaration, every mutant must be rejected by
/// the laws its mistake breaks (and so by at least one that the control passes), while RmsProp.Functional and the
/// honest textbook step must be rejected by none.
/// </summary>
public sealed class KillMatrixTests(KillMatrix matrix, ITestOutputHelper output) : IClassFixture<KillMatrix>
{
    public static TheoryData<string, string> MutantColumns
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach ((string declaration, _) in KillMatrix.Declarations)
            {
                foreach (Mutant mutant in Catalogue.Mutants.Where(m => m.CheckedUnder(declaration)))
                {
                    data.Add(declaration, mutant.Name);
                }
            }

            return data;
        }
    }

    public static TheoryData<string> CorrectColumns =>
        [.. Catalogue.Real.Select(r => r.Name).Concat(KillMatrix.Declarations.SelectMany(d => new[] { Catalogue.Control, Catalogue.ControlObject }.Select(c => KillMatrix.Column(d.Name, c.Name))))];

    [Theory]
    [MemberData(nameof(MutantColumns))]
    public void A_mutant_is_rejected_by_every_law_its_mistake_breaks(string declaration, string name)
    {
        Mutant mutant = Catalogue.Named(name);
        string column = KillMatrix.Column(declaration, name);
        int[] rejecting = matrix.Rejecting(column);
        output.WriteLine($"{column}: rejected by laws {string.Join(", ", rejecting)}");
        output.WriteLine(matrix.Failures(column));

        Assert.NotEmpty(rejecting);
        int[] missed = mutant.MustBeRejectedBy.Except(rejecting).ToArray();
        Assert.True(missed.Length == 0, $"{column} ({mutant.Why}) escaped laws {string.Join(", ", missed)}.");
    }

    [Theory]
    [MemberData(nameof(CorrectColumns))]
    public void A_correct_implementation_is_rejected_by_no_law(string column)
    {
        Assert.True(matrix.Rejecting(column).Length == 0, matrix.Failures(column));
    }

    [Fact]
    public void Under_the_plain_declaration_only_laws_needing_undeclared_options_do_not_apply()
    {
        // Law 9 needs centred RMSProp; every other law has plain cases to draw.
        Assert.Equal([9], matrix.NotApplicable(KillMatrix.Column("plain", Catalogue.Control.Name)));
        Assert.Empty(matrix.NotApplicable(KillMatrix.Column("full", Catalogue.Control.Name)));
    }

    [Fact]
    public void Every_law_rejects_some_mutant()
    {
        foreach ((string declaration, _) in KillMatrix.Declarations)
        {
            output.WriteLine($"Under the {declaration} declaration (X rejected, . passed, - not applicable):");
            output.WriteLine(matrix.Table(matrix.Columns.Where(c => c.EndsWith($"({declaration})", StringComparison.Ordinal))));
        }

        output.WriteLine(matrix.Table(Catalogue.Real.Select(r => r.Name)));
        output.WriteLine(string.Join(Environment.NewLine, matrix.Columns.Select(c => $"{c}: {matrix.Elapsed[c].TotalSeconds:F1} s")));

        int[] idle = RmsPropLaws.All
            .Where(law => matrix.Columns.All(c => !matrix.Cells[(law.Number, c)].Failed))
            .Select(law => law.Number)
            .ToArray();
        Assert.True(idle.Length == 0, $"Laws {string.Join(", ", idle)} rejected no mutant.");
    }
}
