using System.CommandLine;
using RmsProp.Spirals;

// Trains a small MLP on two spirals with SGD, momentum, RMSProp and Adam, one progress line per epoch; with
// --plot DIR, also writes the loss curves, RMSProp's decision boundary and the lesson's optimizer paths as PNGs.
var epochs = new Option<int>("--epochs") { Description = "Passes over the 400 points.", DefaultValueFactory = _ => 150 };
var plot = new Option<DirectoryInfo?>("--plot") { Description = "Write PNG plots into this folder (created if missing)." };
var command = new RootCommand("Two spirals, four optimizers, one MLP.") { epochs, plot };
command.SetAction(parsed =>
{
    int count = parsed.GetValue(epochs);
    if (count < 1)
    {
        Console.Error.WriteLine($"--epochs must be at least 1, but was {count}.");
        return 2;
    }

    TrainingRun run = Training.Run(count, Console.Out);
    if (parsed.GetValue(plot) is { } folder)
    {
        foreach (string file in Plots.WriteAll(run, folder.FullName))
        {
            Console.WriteLine($"wrote {file}");
        }
    }

    return 0;
});
return command.Parse(args).Invoke();
