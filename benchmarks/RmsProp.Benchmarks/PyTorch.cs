using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace RmsProp.Benchmarks;

/// <summary>One PyTorch measurement: the median time of <c>opt.step()</c> in one configuration.</summary>
internal sealed record TorchTime(string Allocator, string DType, int N, int Threads, bool Foreach, double MedianNanoseconds);

/// <summary>
/// Runs benchmarks/pytorch/rmsprop_step.py with Debian's python3-torch, twice: as installed, and with glibc malloc
/// told to keep freed memory mapped (<c>MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=17179869184</c>), which stops the
/// page faults on PyTorch's per-step temporaries: the fair peer is the better of the two.
/// </summary>
internal static class PyTorch
{
    internal const string Python = "/usr/bin/python3";

    /// <summary>Runs the script as installed and allocator tuned, or (<paramref name="tunedOnly"/>) only tuned: the configuration the targets compare with.</summary>
    internal static List<TorchTime> Run(bool tunedOnly = false, params string[] scriptArguments)
    {
        var times = new List<TorchTime>();
        string script = Path.Combine(AppContext.BaseDirectory, "pytorch", "rmsprop_step.py");
        foreach ((string allocator, bool tuned) in new[] { ("as installed", false), ("allocator tuned", true) }.Where(a => a.Item2 || !tunedOnly))
        {
            var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(script);
            foreach (string argument in scriptArguments)
            {
                start.ArgumentList.Add(argument);
            }

            if (tuned)
            {
                start.Environment["MALLOC_MMAP_MAX_"] = "0";
                start.Environment["MALLOC_TRIM_THRESHOLD_"] = "17179869184";
            }

            Console.Error.WriteLine($"PyTorch ({allocator}): {Python} {string.Join(' ', start.ArgumentList)}");
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                Console.Error.WriteLine($"PyTorch skipped: {Python} did not start ({e.Message}); apt-get install -y python3-torch");
                return times;
            }

            string stderr = string.Empty;
            process.ErrorDataReceived += (_, e) => stderr += e.Data + Environment.NewLine;
            process.BeginErrorReadLine();
            while (process.StandardOutput.ReadLine() is { } line)
            {
                using JsonDocument json = JsonDocument.Parse(line);
                JsonElement row = json.RootElement;
                times.Add(new TorchTime(
                    allocator,
                    row.GetProperty("dtype").GetString()!,
                    row.GetProperty("n").GetInt32(),
                    row.GetProperty("threads").GetInt32(),
                    row.GetProperty("foreach").GetBoolean(),
                    row.GetProperty("median_ns").GetDouble()));
                Console.Error.WriteLine(line);
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Console.Error.WriteLine($"PyTorch ({allocator}) exited with {process.ExitCode}: {stderr.Trim()} (apt-get install -y python3-torch)");
                return times;
            }
        }

        return times;
    }
}
