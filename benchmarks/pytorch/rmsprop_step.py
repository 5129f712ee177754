"""Times torch.optim.RMSprop.step() on CPU, for the comparison table in benchmarks/README.md.

Run by the benchmark program right after BenchmarkDotNet (so both see the same machine state); it can also be run
alone: /usr/bin/python3 benchmarks/pytorch/rmsprop_step.py --sizes 1000 100000 --steps 30
Prints one JSON object per line: dtype, n, threads, foreach, centered_momentum, median_ns, steps.
Only opt.step() is timed: the gradient is set once and reused, as the .NET benchmarks reuse theirs.
"""
import argparse
import json
import statistics
import time

import torch


def median_step_ns(n, dtype, foreach, centered_momentum, warmup, steps):
    generator = torch.Generator().manual_seed(42)
    parameter = torch.nn.Parameter(torch.rand(n, dtype=dtype, generator=generator) - 0.5)
    parameter.grad = torch.rand(n, dtype=dtype, generator=generator) - 0.5
    extra = dict(centered=True, momentum=0.9) if centered_momentum else {}
    optimizer = torch.optim.RMSprop([parameter], lr=1e-3, foreach=foreach, **extra)
    for _ in range(warmup):
        optimizer.step()
    times = []
    for _ in range(steps):
        start = time.perf_counter_ns()
        optimizer.step()
        times.append(time.perf_counter_ns() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000, 10_000_000])
    parser.add_argument("--dtypes", nargs="+", default=["float32", "float64"])
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--centered-momentum", action="store_true", help="also time centered RMSProp with momentum")
    arguments = parser.parse_args()
    for threads in arguments.threads:
        torch.set_num_threads(threads)
        for dtype_name in arguments.dtypes:
            dtype = getattr(torch, dtype_name)
            for n in arguments.sizes:
                for foreach in (False, True):
                    for centered_momentum in ((False, True) if arguments.centered_momentum else (False,)):
                        ns = median_step_ns(n, dtype, foreach, centered_momentum, arguments.warmup, arguments.steps)
                        print(json.dumps(dict(
                            dtype=dtype_name, n=n, threads=threads, foreach=foreach,
                            centered_momentum=centered_momentum, median_ns=ns, steps=arguments.steps,
                            torch=torch.__version__)), flush=True)


if __name__ == "__main__":
    main()
