"""test_nutgraf.py - the Python package against the nutgraf command: the
same bullets, the same document JSON, the same quotes; errors as
nutgraf.Error with the library's status; threads giving the same results
as one thread; ROUGE as `nutgraf rouge` scores it."""
import json
import subprocess
import sys
import threading
import time

import pytest

import nutgraf
from conftest import CLI, EXAMPLE, dev_lines


def cli(*args, stdin=None):
    return subprocess.run([CLI] + list(args), input=stdin, capture_output=True, check=True).stdout.decode()


def test_summarize_equals_cli_on_200_dev_stories(tmp_path):
    lines = dev_lines(200)
    path = tmp_path / "dev200.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    want = [json.loads(l)["highlights"] for l in cli("summarize", "--threads", "1", str(path)).splitlines()]
    got = [nutgraf.summarize(l) for l in lines]
    assert len(want) == 200
    assert got == want
    # other methods and options too
    want_tr = [json.loads(l)["highlights"] for l in cli("summarize", "-m", "textrank", "-k", "2", str(path)).splitlines()]
    assert [nutgraf.summarize(l, method="textrank", k=2) for l in lines] == want_tr


def test_example_bullets_and_document():
    text = open(EXAMPLE, encoding="utf-8").read()
    want = [l[2:] for l in cli("summarize", EXAMPLE).splitlines()]  # "• " bullets
    assert nutgraf.summarize(text) == want
    doc = nutgraf.read(text)
    assert doc.headline == "U.S. challenges China's 'serious backsliding' on human rights"
    assert doc.dateline == "Beijing (CNN)"
    assert doc.format == "text"
    assert len(doc.sentences) > 10 and doc.sentences[0] in doc.body
    assert doc.summarize() == want
    assert doc.highlights == want
    assert doc.to_dict() == json.loads(cli("summarize", "--json", EXAMPLE))
    assert doc.summarize(k=2, method="lead", trim=False) == [l[2:] for l in cli("summarize", "-m", "lead", "-k", "2", EXAMPLE).splitlines()]


def test_analyze_finds_the_example_quotes():
    text = open(EXAMPLE, encoding="utf-8").read()
    got = nutgraf.analyze(text)
    want = json.loads(cli("analyze", "--json", EXAMPLE))
    assert got == want
    speakers = {q.get("speaker") for q in got["quotes"]}
    assert "Michael Posner" in speakers
    assert any(q["text"].startswith("It was a tough set of discussions") for q in got["quotes"])
    assert got["entities"] and got["tags"]
    doc = nutgraf.read(text.encode("utf-8"))
    assert doc.analyze() == want


def test_errors_carry_status_and_message():
    with pytest.raises(nutgraf.Error) as e:
        nutgraf.read(b"")
    assert e.value.status == 3 and e.value.status_name == "empty" and e.value.message
    with pytest.raises(nutgraf.Error) as e:
        nutgraf.summarize(b"\x00\x01\x02\x03" * 50)
    assert e.value.status_name == "binary"
    with pytest.raises(nutgraf.Error) as e:
        nutgraf.read('{"id": "x", broken', format="json")
    assert e.value.status_name == "json"
    with pytest.raises(nutgraf.Error) as e:
        nutgraf.read("A sentence. " * 100, max_bytes=100)
    assert e.value.status_name == "too_big"
    with pytest.raises(nutgraf.Error) as e:
        nutgraf.summarize("One sentence here.", method="magic")
    assert e.value.status_name == "argument"
    with pytest.raises(nutgraf.Error):
        nutgraf.summarize("One sentence here.", trim="sideways")
    with pytest.raises(TypeError):
        nutgraf.summarize(42)


def test_threads_give_the_same_results():
    lines = dev_lines(100)
    want = [nutgraf.summarize(l) for l in lines]
    got = [None] * len(lines)

    def work(i0):
        for i in range(i0, len(lines), 4):
            got[i] = nutgraf.summarize(lines[i])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == want
    # one Document shared by threads: summarize and read it at once
    doc = nutgraf.read(lines[0])
    outs = []
    ts = [threading.Thread(target=lambda: outs.append((doc.summarize(), doc.sentences))) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert all(o == outs[0] for o in outs)


def test_the_gil_is_released_during_c_work():
    # With a switch interval of 30 s the GIL changes hands only when a
    # thread gives it up: the counter can run during the call only if the
    # extension releases the GIL around the library's work.
    big = "The council met on Monday to discuss the budget of the city. " * 20000
    state = {"in_call": False, "count": 0, "done": False}

    def counter():
        while not state["done"]:
            if state["in_call"]:
                state["count"] += 1
            time.sleep(0)  # gives the GIL back at once, so the caller never waits for it

    old = sys.getswitchinterval()
    sys.setswitchinterval(30)
    try:
        t = threading.Thread(target=counter)
        t.start()
        for fn in (lambda: nutgraf.summarize(big, method="lead"), lambda: nutgraf.read(big).summarize(method="lead")):
            state["count"] = 0
            state["in_call"] = True
            fn()
            state["in_call"] = False
            assert state["count"] > 0
        state["done"] = True
        t.join()
    finally:
        sys.setswitchinterval(old)


def test_rouge_matches_the_command(tmp_path):
    sys_ = ["The cat sat on the mat.", "It was happy."]
    ref = ["A cat was sitting on the mat.", "The cat was happy."]
    (tmp_path / "s.jsonl").write_text(json.dumps(sys_) + "\n")
    (tmp_path / "r.jsonl").write_text(json.dumps(ref) + "\n")
    out = json.loads(cli("rouge", "-n", "2", "-m", "--json", str(tmp_path / "s.jsonl"), str(tmp_path / "r.jsonl")))
    got = nutgraf.rouge(sys_, [ref])
    assert set(got) == {"ROUGE-1", "ROUGE-2", "ROUGE-L"}
    text = json.dumps(out)
    for metric in got.values():
        assert "%.5f" % metric["f"] in text or str(round(metric["f"], 5)) in text
    assert nutgraf.rouge("same words here", "same words here")["ROUGE-1"]["f"] == 1.0


def test_version_and_checksums():
    assert nutgraf.__version__ == nutgraf.version()
    assert cli("--version").strip() == "nutgraf " + nutgraf.version()
    sums = nutgraf.model_checksums()
    assert isinstance(sums["highlights"], int) and isinstance(sums["ner"], int)
    assert sums["highlights"] != 0 and sums["ner"] != 0
