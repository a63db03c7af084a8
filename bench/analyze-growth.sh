#!/bin/sh
# analyze-growth.sh - benchmark (not a test): how the cost of `nutgraf
# analyze` grows with the size of one article.  Joins dev articles
# ($NG_SHARED/data/cnndm/dev.jsonl, cycled when too few) into one text of
# 1, 2, 4 and 8 MB, once as written and once with the sentence ends (. ! ?)
# removed (one endless sentence), and a third text of "He said ..."
# sentences without a full name (every speaker looked up), runs `nutgraf analyze` on each and prints
# wall seconds, peak RSS and both as a ratio to the 1 MB run of the same
# kind.  Linear cost reads 1, 2, 4, 8.  SKIPs without the dev set.
# Run by hand: sh bench/analyze-growth.sh  (NUTGRAF=path for another build;
# SIZES="1 2 4 8" in MB).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
NG=${NUTGRAF:-$ROOT/build/nutgraf}
DEV=${NG_SHARED:-$ROOT/../shared}/data/cnndm/dev.jsonl
[ -f "$DEV" ] || { echo "SKIP bench analyze-growth: $DEV not found"; exit 0; }
[ -x "$NG" ] || { echo "bench analyze-growth: $NG not built (make)" >&2; exit 1; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
NG="$NG" DEV="$DEV" T="$T" SIZES="${SIZES:-1 2 4 8}" python3 - <<'PY'
import json, os, re, subprocess, time
ng, dev, tmp = os.environ["NG"], os.environ["DEV"], os.environ["T"]
sizes = [int(x) for x in os.environ["SIZES"].split()]
arts = []
with open(dev) as f:
    for line in f:
        a = json.loads(line).get("article") or ""
        if a:
            arts.append(a)
text = "\n\n".join(arts)
need = max(sizes) * 1024 * 1024
text = (text * (need // len(text.encode()) + 1)).encode()
print("bench analyze-growth: nutgraf analyze on one article of dev news")
print("  %-22s %5s %9s %7s %9s %7s" % ("input", "MB", "seconds", "x 1MB", "peak MB", "x 1MB"))
he = "".join("He said plan %d was fine. " % i for i in range(need // 20)).encode()
for kind in ("as written", "no sentence ends", "'He said' sentences"):
    base = None
    for mb in sizes:
        t = (he if kind.startswith("'") else text)[: mb * 1024 * 1024].decode("utf-8", "ignore")
        if kind == "no sentence ends":
            t = re.sub(r"[.!?]", " ", t)
        path = os.path.join(tmp, "a.txt")
        open(path, "w").write(t)
        t0 = time.monotonic()
        p = subprocess.Popen([ng, "analyze", path], stdout=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
        sec = time.monotonic() - t0
        rss = ru.ru_maxrss / 1024.0
        if base is None:
            base = (sec, rss)
        print("  %-22s %5d %9.2f %7.2f %9.1f %7.2f%s" % (kind, mb, sec, sec / base[0], rss, rss / base[1],
              "" if status == 0 else "  (exit %d)" % (status >> 8)))
PY
