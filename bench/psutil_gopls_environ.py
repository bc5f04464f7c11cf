"""psutil contender for GoplsEnvironment.Bench.ps1.

Times, inside the interpreter with time.perf_counter, the one-liner a Python user would write to read the
environment of every gopls:

    [p.environ() for p in psutil.process_iter(['name']) if p.info['name'] == 'gopls']

(a process that exits between the listing and its environ() is skipped rather than an error: other gopls
may come and go on the machine while the benchmark runs).

Usage: python3 psutil_gopls_environ.py ITERATIONS WARMUP
Runs WARMUP untimed passes, then ITERATIONS timed ones, and prints one line:
"median_ms=<float> found=<environments read in the last pass>".
"""
import statistics
import sys
import time

import psutil


def environ(process):
    """The environment, or None for a process that exited between the listing and the read."""
    try:
        return process.environ()
    except psutil.NoSuchProcess:
        return None


def read_gopls_environments():
    found = [environ(p) for p in psutil.process_iter(['name']) if p.info['name'] == 'gopls']
    return [e for e in found if e is not None]


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    iterations, warmup = int(argv[0]), int(argv[1])
    if iterations < 1 or warmup < 0:
        sys.exit(__doc__)

    for _ in range(warmup):
        read_gopls_environments()

    times = []
    found = []
    for _ in range(iterations):
        start = time.perf_counter()
        found = read_gopls_environments()
        times.append((time.perf_counter() - start) * 1000.0)

    print(f"median_ms={statistics.median(times):.4f} found={len(found)}")


if __name__ == '__main__':
    main(sys.argv[1:])
