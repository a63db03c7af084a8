"""nutgraf.dask - summarize (or analyze) JSON Lines articles on a Dask
cluster, one line out per line in, in input order.

    python3 -m nutgraf.dask --scheduler tcp://HOST:8786 --out DIR [OPTIONS] FILE...

Reads the FILEs (paths, globs, .gz) as a dask.bag of lines, maps nutgraf over
each partition on the workers (every worker imports this package: install it
there too) and writes DIR/part-00000.jsonl, part-00001.jsonl, ...: read in
name order they follow the input order.  Each line is what ``nutgraf
summarize`` writes for the record ({"id": ..., "highlights": [...]}), or with
--json the whole document (``nutgraf summarize --json``, or ``nutgraf analyze
--json`` with --analyze); a broken record gives {"id": null, "error":
{"status", "message"}} and the rest goes on.  The workers write the parts,
so on several machines DIR must be a folder they all share (NFS, ...).

Exit status: 0 success; 1 an input is missing; 2 bad command line; 3 some
records were errors (each has its error record)."""
import argparse
import glob
import json
import os
import sys

import nutgraf


def _record_line(line, opts):
    """One output line (without newline) for one input line, as the
    command writes it."""
    try:
        doc = nutgraf.read(line, format="json")
        if opts["analyze"]:
            doc.analyze()
            return json.dumps(doc.to_dict(), ensure_ascii=False, separators=(",", ":")), 0
        bullets = doc.summarize(k=opts["k"], method=opts["method"], trim=opts["trim"], words=opts["words"])
        if opts["json"]:
            return json.dumps(doc.to_dict(), ensure_ascii=False, separators=(",", ":")), 0
        return json.dumps({"id": doc.id, "highlights": bullets}, ensure_ascii=False, separators=(",", ":")), 0
    except nutgraf.Error as e:
        return json.dumps({"id": None, "error": {"status": e.status_name, "message": e.message}},
                          ensure_ascii=False, separators=(",", ":")), 1


def _is_error(line):
    return line.startswith('{"id":null,"error"')


def process_partition(lines, opts):
    """Maps nutgraf over one partition of input lines (blank ones skipped)."""
    out = []
    for line in lines:
        if line.strip():
            out.append(_record_line(line.rstrip("\r\n"), opts)[0])
    return out


def _inputs(patterns):
    paths = []
    for p in patterns:
        found = sorted(glob.glob(p)) if any(c in p for c in "*?[") else [p]
        for f in found:
            if not os.path.isfile(f):
                raise FileNotFoundError(f)
        paths.extend(found)
    return paths


def _parser():
    p = argparse.ArgumentParser(prog="python3 -m nutgraf.dask", description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--scheduler", required=True, help="the scheduler's address, tcp://HOST:8786")
    p.add_argument("--out", required=True, help="folder for the JSON Lines parts (made if missing)")
    p.add_argument("-m", "--method", default="learned", choices=["learned", "lead", "textrank"])
    p.add_argument("-k", "--sentences", type=int, default=None, help="number of highlights")
    p.add_argument("-w", "--words", type=int, default=None, help="soft word budget for all highlights")
    p.add_argument("-t", "--trim", default=None, help="all, none or a comma list of rules (default: all for learned)")
    p.add_argument("--json", action="store_true", help="the whole document as JSON, as summarize --json")
    p.add_argument("--analyze", action="store_true", help="quotes, entities and tags, as analyze --json")
    p.add_argument("--blocksize", default="16MiB",
                   help="bytes of uncompressed input a partition (default 16MiB; .gz files are one each)")
    p.add_argument("files", nargs="+", metavar="FILE", help="JSON Lines files, globs or .gz")
    return p


def main(argv=None):
    args = _parser().parse_args(argv)
    try:
        import dask
        import dask.bag as db
        from dask.distributed import Client
    except ImportError as e:
        print("nutgraf.dask: needs dask.distributed (apt-get install python3-distributed): %s" % e, file=sys.stderr)
        return 1
    try:
        paths = _inputs(args.files)
    except FileNotFoundError as e:
        print("nutgraf.dask: %s: cannot open" % e, file=sys.stderr)
        return 1
    opts = {"method": args.method, "k": args.sentences, "words": args.words, "trim": args.trim,
            "json": args.json, "analyze": args.analyze}
    os.makedirs(args.out, exist_ok=True)
    with Client(args.scheduler):
        # one bag a file, in order: plain files split in blocks, .gz whole
        bag = db.concat([db.read_text(p, blocksize=None if p.endswith(".gz") else args.blocksize,
                                      compression="infer", encoding="utf-8") for p in paths])
        out = bag.map_partitions(process_partition, opts)
        writes = out.to_textfiles(os.path.join(args.out, "part-*.jsonl"), name_function=lambda i: "%05d" % i,
                                  encoding="utf-8", last_endline=True, compute=False)
        errors = out.filter(_is_error).count()
        # one pass: the parts and the error count share the partitions
        errors = dask.compute(writes, errors)[1]
    if errors:
        print("nutgraf.dask: %d records were errors" % errors, file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
