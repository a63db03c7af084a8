"""conftest.py - where the tests find the nutgraf command, the source tree
and the shared data (NUTGRAF, NG_ROOT, NG_SHARED as tests/run.sh sets them)."""
import os

import pytest

ROOT = os.environ.get("NG_ROOT", os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
CLI = os.environ.get("NUTGRAF", os.path.join(ROOT, "build", "nutgraf"))
SHARED = os.environ.get("NG_SHARED", os.path.join(ROOT, "..", "shared"))
DEV = os.path.join(SHARED, "data", "cnndm", "dev.jsonl")
EXAMPLE = os.path.join(ROOT, "examples", "china-human-rights-dialogue.txt")


def dev_lines(n):
    """The first n records of the dev split, or a pytest skip."""
    if not os.path.exists(DEV):
        pytest.skip("SKIP: %s is missing" % DEV)
    out = []
    with open(DEV, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(line)
            if len(out) == n:
                break
    return out

HTML_SETS = os.path.join(SHARED, "data", "html")


def html_pages(n, source="readability"):
    """The HTML of the first n pages of one set of data/html (a list of
    (id, bytes)), or a pytest skip."""
    import gzip
    import json

    path = os.path.join(HTML_SETS, source + ".jsonl.gz")
    if not os.path.exists(path):
        pytest.skip("SKIP: %s is missing" % path)
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            out.append((rec["id"], rec["html"].encode("utf-8")))
            if len(out) == n:
                break
    return out
