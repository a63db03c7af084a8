"""test_dask.py - python3 -m nutgraf.dask on a LocalCluster of 2 worker
processes (started here on 127.0.0.1, stopped after) over dev records, a
gzip copy and a glob: every story's highlights equal what `nutgraf
summarize` writes, in input order; a broken record gives an error record.
SKIP without python3-distributed."""
import gzip
import json
import os
import subprocess
import sys

import pytest

from conftest import CLI, dev_lines

distributed = pytest.importorskip("distributed", reason="SKIP: python3-distributed is not installed")


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=":0") as c:
        yield c.scheduler_address


def run_dask(scheduler, out, *args):
    env = dict(os.environ)
    return subprocess.run([sys.executable, "-m", "nutgraf.dask", "--scheduler", scheduler, "--out", str(out)]
                          + list(args), capture_output=True, text=True, env=env, timeout=300)


def parts(folder):
    lines = []
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            lines.extend(json.loads(l) for l in f if l.strip())
    return lines


def test_dask_equals_the_cli(cluster, tmp_path):
    lines = dev_lines(200)
    a, b = tmp_path / "in-a.jsonl", tmp_path / "in-b.jsonl.gz"
    a.write_text("".join(lines[:120]), encoding="utf-8")
    with gzip.open(b, "wt", encoding="utf-8") as f:
        f.write("".join(lines[120:]))
    want = []
    for part in (lines[:120], lines[120:]):
        out = subprocess.run([CLI, "summarize", "--threads", "1", "-"], input="".join(part).encode(),
                             capture_output=True, check=True).stdout.decode()
        want.extend(json.loads(l) for l in out.splitlines())
    # a small block size gives several partitions a file
    r = run_dask(cluster, tmp_path / "out", "--blocksize", "100kB", str(tmp_path / "in-*"))
    assert r.returncode == 0, r.stderr
    got = parts(tmp_path / "out")
    assert len(got) == 200
    assert [g["id"] for g in got] == [w["id"] for w in want]
    assert [g["highlights"] for g in got] == [w["highlights"] for w in want]
    assert len(os.listdir(tmp_path / "out")) > 2


def test_dask_options_and_bad_records(cluster, tmp_path):
    lines = dev_lines(20)
    src = tmp_path / "in.jsonl"
    src.write_text("".join(lines[:10]) + '{"id": "bad", broken\n\n' + "".join(lines[10:]), encoding="utf-8")
    out = subprocess.run([CLI, "summarize", "--threads", "1", "-m", "textrank", "-k", "2", str(src)],
                         capture_output=True).stdout.decode()
    want = [json.loads(l) for l in out.splitlines()]
    r = run_dask(cluster, tmp_path / "out", "-m", "textrank", "-k", "2", str(src))
    assert r.returncode == 3 and "1 records were errors" in r.stderr
    got = parts(tmp_path / "out")
    assert len(got) == 21
    assert got[10]["error"]["status"] == "json" and want[10]["error"]["status"] == "json"
    assert [g.get("highlights") for g in got] == [w.get("highlights") for w in want]
    r = run_dask(cluster, tmp_path / "out2", str(tmp_path / "missing.jsonl"))
    assert r.returncode == 1 and "cannot open" in r.stderr
