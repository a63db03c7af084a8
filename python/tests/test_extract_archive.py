"""test_extract_archive.py - nutgraf.extract against `nutgraf extract
--json` (pages of data/html, the fixture page, a URL served on loopback),
and nutgraf.Archive against the archive commands: an archive built in a
temporary folder answers search, related and dups as `nutgraf search
--json`, `related --json` and `dups --json` do on the same archive, and one
built by Archive.index holds what `nutgraf index` stores."""
import functools
import http.server
import json
import os
import subprocess
import threading

import pytest

import nutgraf
from conftest import CLI, ROOT, dev_lines, html_pages


def cli(*args, stdin=None, check=True):
    return subprocess.run([CLI] + list(args), input=stdin, capture_output=True, check=check).stdout.decode()


def cli_extract(path):
    rec = json.loads(cli("extract", "--json", str(path)))
    rec.pop("file", None)
    return rec


def test_extract_equals_cli_on_html_pages(tmp_path):
    pages = html_pages(4, "readability") + html_pages(4, "wcxb")
    fixture = os.path.join(ROOT, "tests", "fixtures", "pages", "museum-bell.html")
    pages.append(("museum-bell", open(fixture, "rb").read()))
    for i, (pid, html) in enumerate(pages):
        path = tmp_path / ("page%d.html" % i)
        path.write_bytes(html)
        want = cli_extract(path)
        got = nutgraf.extract(html)
        assert got == want, pid
        assert set(got) == {"headline", "authors", "date", "site_name", "canonical_url", "language", "body",
                            "page_highlights", "related", "tags", "images"}
    bell = nutgraf.extract(open(fixture, encoding="utf-8").read())  # str works too
    assert bell["headline"] == "Museum returns stolen bell to mountain village"
    assert bell["authors"] == ["Carlos Ibanez"]
    assert bell["images"][0]["src"] == "/img/bell.jpg"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_extract_fetches_a_url_as_the_cli_does(tmp_path):
    fixture = os.path.join(ROOT, "tests", "fixtures", "pages", "museum-bell.html")
    (tmp_path / "bell.html").write_bytes(open(fixture, "rb").read())
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_Quiet, directory=str(tmp_path)))
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    try:
        url = "http://127.0.0.1:%d/bell.html" % server.server_address[1]
        want = json.loads(cli("extract", "--json", url))
        got = nutgraf.extract(url)
        assert got == want
        assert got["url"] == url and got["headline"]
        with pytest.raises(nutgraf.Error) as e:
            nutgraf.extract("http://127.0.0.1:%d/missing.html" % server.server_address[1])
        assert e.value.status_name == "network"
        (tmp_path / "empty.html").write_bytes(b"")
        with pytest.raises(nutgraf.Error) as e:
            nutgraf.extract("http://127.0.0.1:%d/empty.html" % server.server_address[1])
        assert e.value.status_name == "empty"
    finally:
        server.shutdown()
        server.server_close()


def test_extract_errors():
    with pytest.raises(nutgraf.Error) as e:
        nutgraf.extract(b"")
    assert e.value.status_name == "empty"
    with pytest.raises(nutgraf.Error) as e:
        nutgraf.extract(b"\x00\x01\x02\x03" * 50)
    assert e.value.status_name == "binary"


@pytest.fixture(scope="module")
def archive_dir(tmp_path_factory):
    """An archive of 60 dev stories made by `nutgraf index`, and the
    stories."""
    lines = dev_lines(60)
    d = tmp_path_factory.mktemp("archive")
    (d / "dev60.jsonl").write_text("".join(lines), encoding="utf-8")
    subprocess.run([CLI, "index", "-q", "--db", str(d / "cli.db"), str(d / "dev60.jsonl")], check=True)
    return d, lines


def _same_results(got, want):
    assert [h["id"] for h in got] == [h["id"] for h in want]
    for g, w in zip(got, want):
        assert (g["headline"], g["date"], g["snippet"]) == (w["headline"], w["date"], w["snippet"])
        assert g["score"] == pytest.approx(w["score"], rel=1e-5)  # the CLI prints %.6g


QUERIES = ["police", "president obama", '"white house"', "+police -fire", "football club"]


def test_archive_search_and_related_equal_the_cli(archive_dir):
    d, lines = archive_dir
    db = str(d / "cli.db")
    with nutgraf.Archive(db) as a:
        assert a.count() == 60
        for q in QUERIES:
            want = json.loads(cli("search", "--db", db, "--json", "-n", "5", q))["results"]
            assert want, q
            _same_results(a.search(q, n=5), want)
        ids = [json.loads(l)["id"] for l in lines[:5]]
        for i in ids:
            want = json.loads(cli("related", "--db", db, "--json", i))["results"]
            got = a.related(i)
            assert len(got) == len(want) and got
            _same_results(got, want)
        # an article that is not stored: its text, as `nutgraf related FILE`
        text = json.loads(lines[0])["article"]
        (d / "story.txt").write_text(text, encoding="utf-8")
        want = json.loads(cli("related", "--db", db, "--json", str(d / "story.txt")))["results"]
        _same_results(a.related(text), want)
        assert a.get(ids[0])["id"] == ids[0]
        assert a.get("no such id") is None
        want = [json.loads(l) for l in cli("dups", "--db", db, "--json", "--threshold", "0.5").splitlines()]
        assert a.dups(threshold=0.5) == [dict(g, similarity=pytest.approx(g["similarity"], abs=5e-5))
                                         for g in want]
    with pytest.raises(nutgraf.Error):
        a.search("police")  # closed


def test_archive_index_stores_what_the_cli_stores(archive_dir):
    d, lines = archive_dir
    db = str(d / "py.db")
    with nutgraf.Archive(db) as a:
        infos = a.index(lines)
        assert [i["id"] for i in infos] == [json.loads(l)["id"] for l in lines]
        assert not any(i["replaced"] for i in infos)
        again = a.index(lines[0])
        assert again["replaced"] is True
        assert a.count() == 60
    with nutgraf.Archive(str(d / "cli.db")) as c, nutgraf.Archive(db) as p:
        for i in infos[:10]:
            assert p.get(i["id"]) == c.get(i["id"])
        for q in QUERIES:
            assert [h["id"] for h in p.search(q)] == [h["id"] for h in c.search(q)]


def test_archive_errors(tmp_path):
    with pytest.raises(nutgraf.Error) as e:
        nutgraf.Archive(str(tmp_path / "no" / "such" / "dir" / "a.db"))
    assert e.value.status_name == "io"
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    with pytest.raises(nutgraf.Error):
        nutgraf.Archive(str(tmp_path / "junk.db"))
    with nutgraf.Archive(str(tmp_path / "a.db")) as a:
        with pytest.raises(nutgraf.Error) as e:
            a.search("   ")
        assert e.value.status_name == "argument"
        with pytest.raises(nutgraf.Error) as e:
            a.index(b"")
        assert e.value.status_name == "empty"
        with pytest.raises(nutgraf.Error):
            a.dups(threshold=2)
        assert a.count() == 0
