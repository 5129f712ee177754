using System.Threading.Tasks;
using RmsProp.Analyzers.CodeFixes;
using RmsProp.Analyzers.Tests.Harness;

namespace RmsProp.Analyzers.Tests.AnalyzerRules;

/// <summary>
/// Updates written through tuples, same-type helpers that return tuples, and records' <c>with</c>: each reduces to the
/// same normal form as the plain assignment, so RMSP001 and RMSP003 give the plain assignment's verdict. Each theory
/// is one spelling, in its correct, raw-gradient and swapped-weight versions.
/// </summary>
public sealed class TuplesAndRecordsTests
{
    private static string ScalarLoop(string update) =>
        $$"""
        using System;
        static class Lesson
        {
            public static double Run(int steps)
            {
                double w = 3.0, s = 0.0, m = 0.0;
                const double rho = 0.9, beta = 0.5, lr = 0.05, eps = 1e-8;
                for (int t = 0; t < steps; t++)
                {
                    double g = 2 * (w - 1);
                    {{update}}
                    w -= lr * m / Math.Sqrt(s + eps);
                }
                return w + m;
            }
        }
        """;

    [Theory]
    [InlineData("(s, m) = (rho * s + (1 - rho) * g * g, beta * m + g);")]
    [InlineData("(s, m) = (rho * s + (1 - rho) * {|RMSP001:g|}, beta * m + g);")]
    [InlineData("(s, m) = ({|RMSP003:(1 - rho) * s + rho * g * g|}, beta * m + g);")]
    public Task A_tuple_assignment_gets_the_plain_assignments_verdict(string update) =>
        new AnalyzerTest().WithSource(ScalarLoop(update)).ValidateAsync();

    private static string HelperReturningTuple(string helper, string step) =>
        $$"""
        using System;
        class Trainer
        {
            private double _w = 3.0, _s, _m;
            private const double Rho = 0.9, Beta = 0.5, Lr = 0.05, Eps = 1e-8;
            {{helper}}
            public void Step(double g)
            {
                {{step}}
                _w -= Lr * _m / Math.Sqrt(_s + Eps);
            }
        }
        """;

    private const string IntoLocals = "var (s2, m2) = Moments(_s, _m, g); _s = s2; _m = m2;";
    private const string IntoFields = "(_s, _m) = Moments(_s, _m, g);";

    [Theory]
    [InlineData(IntoLocals)]
    [InlineData(IntoFields)]
    public Task A_helper_returning_the_correct_tuple_is_silent(string step) =>
        new AnalyzerTest().WithSource(HelperReturningTuple(
            "private static (double, double) Moments(double s, double m, double g) => (Rho * s + (1 - Rho) * g * g, Beta * m + g);", step))
            .ValidateAsync();

    [Theory]
    [InlineData(IntoLocals)]
    [InlineData(IntoFields)]
    public Task A_helper_averaging_the_raw_gradient_is_reported_in_the_helper(string step) =>
        new AnalyzerTest().WithSource(HelperReturningTuple(
            "private static (double, double) Moments(double s, double m, double g) => (Rho * s + (1 - Rho) * {|RMSP001:g|}, Beta * m + g);", step))
            .ValidateAsync();

    [Theory]
    [InlineData(IntoLocals)]
    [InlineData(IntoFields)]
    public Task A_helper_with_swapped_weights_is_reported_in_the_helper(string step) =>
        new AnalyzerTest().WithSource(HelperReturningTuple(
            "private static (double, double) Moments(double s, double m, double g) => ({|RMSP003:(1 - Rho) * s + Rho * g * g|}, Beta * m + g);", step))
            .ValidateAsync();

    [Fact]
    public Task The_fix_squares_the_gradient_inside_the_helper_leaving_the_other_element_alone() =>
        new AnalyzerTest().ShouldReportRule(Rmsp001RawGradient.Descriptor).WithCodeFix<Rmsp001RawGradientFix>()
            .WithSource(HelperReturningTuple(
                "private static (double, double) Moments(double s, double m, double g) => (Rho * s + (1 - Rho) * [|g|], Beta * m + g);", IntoLocals))
            .ShouldFixCodeWith(HelperReturningTuple(
                "private static (double, double) Moments(double s, double m, double g) => (Rho * s + (1 - Rho) * g * g, Beta * m + g);", IntoLocals))
            .ValidateAsync();

    private static string RecordStep(string update) =>
        $$"""
        using System;
        record State(double W, double S);
        static class Immutable
        {
            private const double Rho = 0.9, Lr = 0.05, Eps = 1e-8;
            public static State Step(State state, double g)
            {
                {{update}}
                return state with { W = state.W - Lr * g / Math.Sqrt(state.S + Eps) };
            }
        }
        """;

    [Theory]
    [InlineData("state = state with { S = Rho * state.S + (1 - Rho) * g * g };")]
    [InlineData("state = state with { S = Rho * state.S + (1 - Rho) * {|RMSP001:g|} };")]
    [InlineData("state = state with { S = {|RMSP003:(1 - Rho) * state.S + Rho * g * g|} };")]
    public Task A_record_with_gets_the_plain_assignments_verdict(string update) =>
        new AnalyzerTest().WithSource(RecordStep(update)).ValidateAsync();
}
