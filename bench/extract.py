#!/usr/bin/python3
"""bench/extract.py - main-content extraction quality and speed of
`nutgraf extract` (and of the peers installed here) on the development set
in ../shared/data/html/ (WCXB dev, Mozilla Readability's test pages,
trafilatura's evaluation pages), scored with that folder's score.py.

The pages are split once, deterministically, by the page id:
  tune   = pages whose sha1(id) has an even first byte (about half),
  report = the others.
Settings are tuned on `tune` only; numbers are reported on `report`.

Per source (and WCXB page type): shingle P/R/F1 on full-text pages,
snippet sP/sR and the leak of must-not snippets, refused pages, and
pages/s of one `nutgraf extract --json` process over every page (start-up
included).  Peers, when present: python3-readability (Debian) and
@mozilla/readability with jsdom (npm, found under $NG_NODE_PATH or
bench/node_modules).

Usage: nice -n 10 /usr/bin/python3 bench/extract.py [--part tune|report|all]
           [--nutgraf build/nutgraf] [--data ../shared/data/html]
           [--limit N] [--peers] [--per-page FILE.tsv] [--by-type]
           [--baseline OTHER_NUTGRAF]
"""

import argparse
import gzip
import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


def part_of(page_id):
    return "tune" if hashlib.sha1(page_id.encode("utf-8")).digest()[0] % 2 == 0 else "report"


def load_pages(data, part, limit):
    pages = []
    for name in ("readability", "trafilatura", "wcxb"):
        path = os.path.join(data, name + ".jsonl.gz")
        if not os.path.exists(path):
            continue
        n = 0
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if part != "all" and part_of(r["id"]) != part:
                    continue
                pages.append(r)
                n += 1
                if limit and n >= limit:
                    break
    return pages


def run_nutgraf(binary, pages, tmp):
    """Returns ({id: text}, refused ids, seconds)."""
    files = []
    for i, p in enumerate(pages):
        fn = os.path.join(tmp, "%05d.html" % i)
        with open(fn, "w", encoding="utf-8") as f:
            f.write(p["html"])
        files.append(fn)
    out, refused = {}, []
    t0 = time.monotonic()
    for k in range(0, len(files), 400):  # a few processes: argv stays short
        chunk = files[k:k + 400]
        res = subprocess.run([binary, "extract", "--json"] + chunk, capture_output=True, text=True)
        for line in res.stdout.split("\n"):
            if not line:
                continue
            d = json.loads(line)
            i = int(os.path.basename(d["file"]).split(".")[0])
            pid = pages[i]["id"]
            if "error" in d:
                refused.append(pid)
                out[pid] = ""
            else:
                out[pid] = d["body"]
    return out, refused, time.monotonic() - t0


def run_py_readability(pages):
    try:
        from readability import Document
        import lxml.html
    except ImportError:
        return None
    out = {}
    t0 = time.monotonic()
    for p in pages:
        try:
            summary = Document(p["html"]).summary(html_partial=True)
            tree = lxml.html.fromstring(summary)
            for br in tree.iter("br"):
                br.tail = "\n" + (br.tail or "")
            blocks = []
            for el in tree.iter("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "td", "blockquote", "div"):
                if el.tag == "div" and el.find(".//p") is not None:
                    continue
                t = el.text_content().strip()
                if t:
                    blocks.append(t)
            out[p["id"]] = "\n".join(blocks) if blocks else tree.text_content()
        except Exception:
            out[p["id"]] = ""
    return out, [], time.monotonic() - t0


JS_READABILITY = r"""
const { JSDOM, VirtualConsole } = require('jsdom');
const { Readability } = require('@mozilla/readability');
const fs = require('fs');
const pages = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const out = {};
const vc = new VirtualConsole();
for (const [id, html] of pages) {
  try {
    const dom = new JSDOM(html, { virtualConsole: vc });
    const art = new Readability(dom.window.document).parse();
    out[id] = art ? art.textContent.split(/\n\s*\n|\n/).map(s => s.trim()).filter(Boolean).join('\n') : '';
  } catch (e) { out[id] = ''; }
}
process.stdout.write(JSON.stringify(out));
"""


def run_js_readability(pages, tmp):
    here = os.path.dirname(os.path.abspath(__file__))
    node_path = os.environ.get("NG_NODE_PATH", os.path.join(here, "node_modules"))
    if not shutil.which("node") or not os.path.isdir(os.path.join(node_path, "@mozilla", "readability")):
        return None
    src = os.path.join(tmp, "pages.json")
    with open(src, "w", encoding="utf-8") as f:
        json.dump([[p["id"], p["html"]] for p in pages], f)
    js = os.path.join(tmp, "run.js")
    with open(js, "w") as f:
        f.write(JS_READABILITY)
    env = dict(os.environ, NODE_PATH=node_path)
    t0 = time.monotonic()
    res = subprocess.run(["node", "--max-old-space-size=4096", js, src], capture_output=True, text=True, env=env)
    secs = time.monotonic() - t0
    if res.returncode:
        sys.stderr.write("readability.js failed: %s\n" % res.stderr[-500:])
        return None
    return json.loads(res.stdout), [], secs


def load_score(data):
    spec = importlib.util.spec_from_file_location("score", os.path.join(data, "score.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def report(name, preds, refused, secs, pages, score, by_type, per_page):
    groups = {}
    for p in pages:
        groups.setdefault(p["source"], []).append(p)
        if by_type and p.get("page_type"):
            groups.setdefault("wcxb:" + p["page_type"], []).append(p)
    groups["ALL"] = pages
    print("\n== %s: %d pages, %d refused, %.1f s, %.1f pages/s" %
          (name, len(pages), len(refused), secs, len(pages) / secs if secs else 0))
    print("%-22s %5s %7s %7s %7s %7s | %5s %7s %7s %7s" %
          ("group", "full", "P", "R", "F1", "Acc", "snip", "sP", "sR", "leak"))
    for g in sorted(groups, key=lambda k: (k == "ALL", k)):
        ps = groups[g]
        sh = [score.page_shingle(preds.get(p["id"], ""), p["text"]) for p in ps if p.get("gt") == "fulltext"]
        sn = [score.page_snippets(preds.get(p["id"], ""), p) for p in ps if p.get("with") or p.get("without")]
        a = score.agg_shingle(sh) if sh else None
        b = score.agg_snippets(sn) if sn else None
        left = ("%5d %7.3f %7.3f %7.3f %7.3f" % (len(sh), a["P"], a["R"], a["F1"], a["Acc"])) if a else \
            "%5d %7s %7s %7s %7s" % (0, "-", "-", "-", "-")
        right = ("%5d %7.3f %7.3f %7.3f" % (len(sn), b["sP"], b["sR"], b["without_leak"])) if b else ""
        print("%-22s %s | %s" % (g, left, right))
    if per_page:
        with open(per_page, "w", encoding="utf-8") as f:
            for p in pages:
                if p.get("gt") != "fulltext":
                    continue
                pr, rc, _ = score.page_shingle(preds.get(p["id"], ""), p["text"])
                f.write("%s\t%s\t%s\t%s\n" % (p["id"], p.get("page_type", ""),
                                              "-" if pr is None else "%.3f" % pr, "%.3f" % (rc or 0)))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", default="report", choices=["tune", "report", "all"])
    ap.add_argument("--nutgraf", default=os.path.join(here, "..", "build", "nutgraf"))
    ap.add_argument("--data", default=os.environ.get("NG_SHARED", os.path.join(here, "..", "..", "shared"))
                    + "/data/html")
    ap.add_argument("--baseline", help="another nutgraf binary (e.g. main's) scored and timed in the same run")
    ap.add_argument("--limit", type=int, default=0, help="at most N pages per source")
    ap.add_argument("--peers", action="store_true", help="also run the peers that are installed")
    ap.add_argument("--by-type", action="store_true", help="break WCXB down by page type")
    ap.add_argument("--per-page", help="write nutgraf's per-page shingle P/R to this TSV")
    args = ap.parse_args()
    if not os.path.exists(os.path.join(args.data, "score.py")):
        print("SKIP: no data under %s" % args.data)
        return 0
    score = load_score(args.data)
    pages = load_pages(args.data, args.part, args.limit)
    print("part %s: %d pages (split: sha1(id)[0] even = tune, odd = report)" % (args.part, len(pages)))
    with tempfile.TemporaryDirectory() as tmp:
        preds, refused, secs = run_nutgraf(args.nutgraf, pages, tmp)
        report("nutgraf extract", preds, refused, secs, pages, score, args.by_type, args.per_page)
        if args.baseline:
            bp, br, bsecs = run_nutgraf(args.baseline, pages, tmp)
            report("baseline " + args.baseline, bp, br, bsecs, pages, score, args.by_type, None)
            print("\nspeed: nutgraf %.1f pages/s, baseline %.1f pages/s, ratio %.2f" %
                  (len(pages) / secs, len(pages) / bsecs, bsecs / secs))
        if args.peers:
            for name, fn in (("python3-readability", lambda: run_py_readability(pages)),
                             ("readability.js (jsdom)", lambda: run_js_readability(pages, tmp))):
                r = fn()
                if r is None:
                    print("\n== %s: not installed, skipped" % name)
                else:
                    report(name, r[0], r[1], r[2], pages, score, args.by_type, None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
