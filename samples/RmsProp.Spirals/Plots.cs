using RmsProp.Functional;
using RmsProp.Functional.Transforms;
using ScottPlot;

namespace RmsProp.Spirals;

/// <summary>The sample's PNGs, drawn with ScottPlot.</summary>
public static class Plots
{
    private const int Width = 800, Height = 600;

    public static IEnumerable<string> WriteAll(TrainingRun run, string folder)
    {
        Directory.CreateDirectory(folder);
        yield return Losses(run, Path.Combine(folder, "spirals-loss.png"));
        yield return DecisionBoundary(run, run.Trainers.Single(t => t.Name == "RMSProp"), Path.Combine(folder, "spirals-decision-boundary.png"));
        yield return Paths("x² + y²", (x, y) => x * x + y * y, (x, y) => (2 * x, 2 * y), gradientDescentRate: 0.1, momentumRate: 0.01,
            Path.Combine(folder, "paths-bowl.png"));
        yield return Paths("x² + 25 y²", (x, y) => x * x + 25 * y * y, (x, y) => (2 * x, 50 * y), gradientDescentRate: 0.035, momentumRate: 0.004,
            Path.Combine(folder, "paths-ill-conditioned.png"));
    }

    private static string Losses(TrainingRun run, string file)
    {
        var plot = new Plot();
        double[] epochs = Enumerable.Range(1, run.Losses[0].Length).Select(e => (double)e).ToArray();
        for (int t = 0; t < run.Trainers.Count; t++)
        {
            var line = plot.Add.ScatterLine(epochs, run.Losses[t]);
            line.LegendText = $"{run.Trainers[t].Name} (final {run.Losses[t][^1]:F3}, {run.Accuracies[t][^1]:P0})";
            line.LineWidth = 2;
        }

        plot.Title("Two spirals: training loss per epoch (warmup-cosine schedule, global-norm clipping)");
        plot.XLabel("epoch");
        plot.YLabel("mean cross-entropy");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(file, Width, Height);
        return file;
    }

    private static string DecisionBoundary(TrainingRun run, ITrainer trainer, string file)
    {
        const int Cells = 120;
        const double Extent = 3.5;
        var probabilities = new double[Cells, Cells];
        for (int row = 0; row < Cells; row++)
        {
            double y = Extent - (row + 0.5) * 2 * Extent / Cells;   // row 0 at the top
            for (int column = 0; column < Cells; column++)
            {
                double x = -Extent + (column + 0.5) * 2 * Extent / Cells;
                probabilities[row, column] = 1 / (1 + Math.Exp(-run.Model.Logit(trainer.Parameters, x, y)));
            }
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(probabilities);
        heatmap.Extent = new CoordinateRect(-Extent, Extent, -Extent, Extent);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.Opacity = 0.6;
        for (int arm = 0; arm < 2; arm++)
        {
            Sample[] points = run.Data.Where(s => s.Label == arm).ToArray();
            var markers = plot.Add.Markers(points.Select(s => s.X).ToArray(), points.Select(s => s.Y).ToArray(), MarkerShape.FilledCircle, 5, arm == 0 ? Colors.Black : Colors.OrangeRed);
            markers.LegendText = $"class {arm}";
        }

        plot.Add.ColorBar(heatmap);
        plot.Title($"{trainer.Name}: p(class 1) learned by the MLP");
        plot.Axes.SquareUnits();
        plot.SavePng(file, Width, Height);
        return file;
    }

    /// <summary>
    /// Source 000's experiment, start (5, 4) and 101 steps, on a surface: plain gradient descent, momentum (the
    /// pieces <c>Trace(0.9)</c> then <c>Scale(-lr)</c>) and RMSProp with the lesson's settings (lr 0.1, rho 0.9,
    /// eps 1e-6) through <see cref="RmsPropOptimizer"/>.
    /// </summary>
    private static string Paths(string surface, Func<double, double, double> f, Func<double, double, (double, double)> gradient, double gradientDescentRate, double momentumRate, string file)
    {
        const int Steps = 101;
        double[] start = [5.0, 4.0];
        double[] Gradient(IReadOnlyList<double> p) { (double gx, double gy) = gradient(p[0], p[1]); return [gx, gy]; }

        List<Coordinates> descent = Follow(start, Steps, Gradient, new Scale<double>(-gradientDescentRate));
        List<Coordinates> momentum = Follow(start, Steps, Gradient, Compose.Chain(new Trace<double>(0.9), new Scale<double>(-momentumRate)));
        var rmsProp = new List<Coordinates> { new(start[0], start[1]) };
        RmsPropState<double> state = RmsPropOptimizer.Init<double>(new RmsPropOptions { LearningRate = 0.1, Rho = 0.9, Epsilon = 1e-6 }, start);
        for (int step = 0; step < Steps; step++)
        {
            state = RmsPropOptimizer.Step<double>(state, Gradient(state.Parameters));
            rmsProp.Add(new(state.Parameters[0], state.Parameters[1]));
        }

        var plot = new Plot();
        const int Cells = 80;
        var grid = new Coordinates3d[Cells, Cells];
        for (int i = 0; i < Cells; i++)
        {
            for (int j = 0; j < Cells; j++)
            {
                double x = -6 + 12.0 * j / (Cells - 1), y = -6 + 12.0 * i / (Cells - 1);
                grid[i, j] = new Coordinates3d(x, y, Math.Sqrt(f(x, y)));   // root: evenly spaced levels for a quadratic
            }
        }

        var contours = plot.Add.ContourLines(grid, 12);
        contours.LineColor = Colors.Gray.WithAlpha(0.6);
        contours.LabelStyle.IsVisible = false;
        foreach ((string name, List<Coordinates> path, Color color) in new[]
        {
            ($"momentum 0.9 (lr {momentumRate})", momentum, Colors.SeaGreen),
            ($"gradient descent (lr {gradientDescentRate})", descent, Colors.OrangeRed),
            ("RMSProp (lr 0.1, rho 0.9, eps 1e-6)", rmsProp, Colors.RoyalBlue),
        })
        {
            var line = plot.Add.Scatter(path, color);
            line.LegendText = name;
            line.MarkerSize = 3;
            line.LineWidth = 1.5f;
        }

        plot.Title($"Source 000's start (5, 4), {Steps} steps, on {surface}");
        plot.Axes.SetLimits(-6, 6, -6, 6);
        plot.Axes.SquareUnits();
        plot.ShowLegend(Alignment.LowerLeft);
        plot.SavePng(file, Width, Height);
        return file;
    }

    private static List<Coordinates> Follow<TState>(double[] start, int steps, Func<IReadOnlyList<double>, double[]> gradient, IGradientTransformation<double, TState> optimizer)
        where TState : notnull
    {
        double[] p = (double[])start.Clone();
        TState state = optimizer.Init(p);
        var path = new List<Coordinates> { new(p[0], p[1]) };
        for (int step = 0; step < steps; step++)
        {
            Transformed<double, TState> result = optimizer.Update(gradient(p), state, p);
            state = result.State;
            p[0] += result.Updates[0];
            p[1] += result.Updates[1];
            path.Add(new(p[0], p[1]));
        }

        return path;
    }
}
