"""python_threads.py - benchmark (not a test): nutgraf.summarize from Python
on 1, 2 and all cores (one Python thread each, the GIL released in C) over
2,000 dev articles (dev's 1,000 twice); best of 3 wall times, the speed-up over one
thread, and whether every thread count gives the same bullets.

Usage (in a venv where the package is installed; tests/cli/python.sh makes
one in build/py-venv):
    build/py-venv/bin/python bench/python_threads.py [DEV.jsonl] [N]"""
import os
import sys
import threading
import time

import nutgraf

N = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.environ.get("NG_SHARED", "../shared"),
                                                         "data", "cnndm", "dev.jsonl")
if not os.path.exists(path):
    print("SKIP bench/python_threads: %s not readable" % path)
    sys.exit(0)
with open(path, encoding="utf-8") as f:
    dev = [l for l in f if l.strip()]
lines = [dev[i % len(dev)] for i in range(N)]  # dev has 1,000 stories: repeated to N


def run(nthreads):
    out = [None] * len(lines)

    def work(first):
        for i in range(first, len(lines), nthreads):
            out[i] = nutgraf.summarize(lines[i])

    ts = [threading.Thread(target=work, args=(i,)) for i in range(nthreads)]
    t0 = time.perf_counter()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return time.perf_counter() - t0, out


cores = os.cpu_count() or 1
print("bench/python_threads: nutgraf.summarize over %d articles (%d cores; best of 3; load %s)"
      % (len(lines), cores, " ".join("%.2f" % x for x in os.getloadavg())))
base = None
ref = None
for n in sorted({1, 2, cores}):
    best, out = min(run(n) for _ in range(3))
    if n == 1:
        base, ref = best, out
    print("  %2d threads %6.2f s  %7.0f articles/s  speed-up %.2fx  %s" % (
        n, best, len(lines) / best, base / best, "(baseline)" if n == 1 else
        "same bullets" if out == ref else "BULLETS DIFFER"))
