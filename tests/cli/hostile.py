#!/usr/bin/env python3
"""hostile.py - `nutgraf serve` under hostile load, on loopback only.

Starts the server (port 0), plays an attacker or a careless client and
checks that the service keeps answering within its bounds:

  idle      N idle connections (from 127.0.0.2) held -> a fresh /healthz
            from 127.0.0.1 and from 127.0.0.2 answers within 2 s, and the
            server holds them
  per-ip    300 connections from one address, --max-per-ip 100 -> at most
            100 held, other addresses still served
  slow      N connections sending one header byte a second -> every
            /healthz probe within 2 s, and they are closed past
            --header-timeout
  uploads   U uploads of 9 MB held open (all but the last byte) -> RSS
            within the body budget, the rest answered 503 + Retry-After
  analyze   3 analyze requests of an article without sentence ends ->
            /healthz within 250 ms throughout
  errors    a 50 MB chunked upload -> 413 JSON; a \\u0000 in a JSON article
            -> 400; queue full -> 503 with Retry-After; work past
            --max-seconds -> 503
  stop      SIGTERM with an idle keep-alive connection and a request in
            flight -> the request is answered, the idle one closed, new
            connections refused, exit 0

Prints one line per check ("ok"/"FAIL") with what was measured.  Counts
come from the environment (HOSTILE_CONNS, HOSTILE_UPLOADS,
HOSTILE_ANALYZE_KB, HOSTILE_HEADER_TIMEOUT); under AddressSanitizer (a build path with "asan")
the RSS bar is reported, not checked, and the article is smaller.
Usage: NUTGRAF=build/nutgraf python3 tests/cli/hostile.py
"""
import json
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

NG = os.environ.get("NUTGRAF", "build/nutgraf")
ROOT = os.environ.get("NG_ROOT", os.getcwd())
ASAN = "asan" in NG
CONNS = int(os.environ.get("HOSTILE_CONNS", "1100"))
UPLOADS = int(os.environ.get("HOSTILE_UPLOADS", "40"))
ANALYZE_KB = int(os.environ.get("HOSTILE_ANALYZE_KB", "512" if ASAN else "2048"))
# "default": the server's own header timeout (10 s), too long to see the
# slow connections closed within the scenario; that check is then skipped
HEADER_TIMEOUT = os.environ.get("HOSTILE_HEADER_TIMEOUT", "3")
# the slowest /healthz allowed while analysis runs: the bar is 0.25 s (the
# benchmark checks it); the test allows 1 s on a busy shared machine (before
# the worker pool it stalled for seconds)
PROBE_BAR = float(os.environ.get("HOSTILE_PROBE_BAR", "1.0"))
ATTACKERS = ["127.0.0.2"]  # one client address, the probes come from 127.0.0.1 and it
fails = 0


def ok(name, good, detail):
    global fails
    print("%s %s: %s" % ("ok  " if good else "FAIL", name, detail), flush=True)
    if not good:
        fails += 1


def start(*args):
    log = tempfile.NamedTemporaryFile(prefix="hostile-", suffix=".log", delete=False)
    p = subprocess.Popen([NG, "serve", "--port", "0", "--quiet"] + list(args), stderr=log)
    for _ in range(600):
        m = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", open(log.name).read())
        if m:
            return p, int(m.group(1)), log.name
        time.sleep(0.05)
    raise SystemExit("FAIL server did not start: " + open(log.name).read())


def stop(p, name):
    p.send_signal(signal.SIGTERM)
    try:
        rc = p.wait(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        rc = "hung"
    ok(name + ": exit status after SIGTERM", rc == 0, str(rc))


def rss_kb(pid):
    for line in open("/proc/%d/status" % pid):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def read_response(s, timeout):
    """Reads one response (Content-Length or close); returns (status, headers, body)."""
    s.settimeout(timeout)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    if not lines[0].startswith("HTTP/"):
        return 0, {}, b""
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (l.partition(":") for l in lines[1:])}
    n = int(headers.get("content-length", "-1"))
    while n < 0 or len(body) < n:
        chunk = s.recv(65536)
        if not chunk:
            break
        body += chunk
    return status, headers, body


def request(port, method, path, body=b"", ctype=None, timeout=10, extra=""):
    """One request on a fresh connection; returns (status, headers, body, seconds)."""
    t0 = time.monotonic()
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        head = "%s %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n%s" % (method, path, extra)
        if ctype:
            head += "Content-Type: %s\r\n" % ctype
        if body or method == "POST":
            head += "Content-Length: %d\r\n" % len(body)
        s.sendall(head.encode() + b"\r\n" + body)
        st, h, b = read_response(s, timeout)
    except OSError:
        st, h, b = 0, {}, b""
    finally:
        s.close()
    return st, h, b, time.monotonic() - t0


def health(port, timeout=10):
    st, _, b, sec = request(port, "GET", "/healthz", timeout=timeout)
    try:
        j = json.loads(b)
    except ValueError:
        j = {}
    return st, j, sec


def open_idle(port, n, addrs):
    socks = []
    for i in range(n):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.settimeout(3)
        try:
            s.bind((addrs[i % len(addrs)], 0))
            s.connect(("127.0.0.1", port))
            socks.append(s)
        except OSError:
            s.close()
    return socks


def close_all(socks):
    for s in socks:
        try:
            s.close()
        except OSError:
            pass


def probe_from(port, addr):
    t0 = time.monotonic()
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(5)
    try:
        s.bind((addr, 0))
        s.connect(("127.0.0.1", port))
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        st, _, b = read_response(s, 5)
    except OSError:
        st, b = 0, b""
    s.close()
    try:
        j = json.loads(b)
    except ValueError:
        j = {}
    return st, j, time.monotonic() - t0


def scenario_idle(port):
    socks = open_idle(port, CONNS, ATTACKERS)
    time.sleep(0.5)
    st, j, sec = probe_from(port, "127.0.0.1")
    held = j.get("connections", 0)
    ok("idle: %d connections held, fresh /healthz" % len(socks), st == 200 and sec < 2.0,
       "status %d in %.3f s (server holds %d connections)" % (st, sec, held))
    ok("idle: the server really holds them", held >= min(len(socks), CONNS) * 9 // 10,
       "%d of %d opened" % (held, len(socks)))
    st, j, sec = probe_from(port, ATTACKERS[0])
    ok("idle: /healthz from the attacker's own address too", st == 200 and sec < 2.0,
       "status %d in %.3f s" % (st, sec))
    close_all(socks)


def scenario_per_ip():
    p, port, _ = start("--max-per-ip", "100")
    socks = open_idle(port, 300, ["127.0.0.10"])
    time.sleep(0.5)
    st, j, sec = probe_from(port, "127.0.0.1")
    held = j.get("connections", 0)
    ok("per-ip: 300 from one address, --max-per-ip 100: at most 100 held, others served",
       st == 200 and held <= 100 + 1 and sec < 2.0, "server holds %d; /healthz %d in %.3f s" % (held, st, sec))
    close_all(socks)
    stop(p, "per-ip")


def scenario_slow(port):
    socks = open_idle(port, CONNS, ATTACKERS)
    for s in socks:
        try:
            s.send(b"GET /healthz HTTP/1.1\r\n")
        except OSError:
            pass
    worst, probes, closed = 0.0, 0, set()
    t_end = time.monotonic() + 6
    next_byte = time.monotonic()
    while time.monotonic() < t_end:
        if time.monotonic() >= next_byte:
            for i, s in enumerate(socks):
                if i in closed:
                    continue
                try:
                    s.send(b"X")
                except OSError:
                    closed.add(i)
            next_byte += 1.0
        st, _, sec = health(port, timeout=5)
        probes += 1
        worst = max(worst, sec if st == 200 else 99.0)
        time.sleep(0.3)
    for i, s in enumerate(socks):  # closed by the server: EOF or reset
        if i in closed:
            continue
        try:
            s.setblocking(False)
            if s.recv(1) == b"":
                closed.add(i)
        except BlockingIOError:
            pass
        except OSError:
            closed.add(i)
    ok("slow headers: %d connections, one byte a second; %d /healthz probes" % (len(socks), probes),
       worst < 2.0, "slowest probe %.3f s" % worst)
    if HEADER_TIMEOUT == "default":
        print("note slow headers: %d of %d closed after 6 s (default --header-timeout 10)" % (
            len(closed), len(socks)))
    else:
        ok("slow headers: closed past --header-timeout %s" % HEADER_TIMEOUT,
           len(closed) >= len(socks) * 9 // 10, "%d of %d closed after 6 s" % (len(closed), len(socks)))
    close_all(socks)


def scenario_uploads(pid, port):
    size = 9 * 1024 * 1024
    chunk = b"a" * (1 << 20)
    held, refused = [], 0
    base = rss_kb(pid)
    for _ in range(UPLOADS):
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        head = ("POST /v1/summarize HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                "Content-Length: %d\r\n\r\n" % size).encode()
        try:
            s.sendall(head)
            sent = 0
            while sent < size - 1:
                n = min(len(chunk), size - 1 - sent)
                s.sendall(chunk[:n])
                sent += n
            held.append(s)
        except OSError:
            refused += 1
            s.close()
    time.sleep(1.0)
    rss = rss_kb(pid)
    # the ones answered at once: a 503 waiting to be read
    busy = 0
    for s in list(held):
        s.setblocking(False)
        try:
            if s.recv(12).startswith(b"HTTP/1.1 503"):
                busy += 1
        except BlockingIOError:
            pass
        except OSError:
            busy += 1
        s.setblocking(True)
    st, j, _ = health(port)
    inflight = j.get("inflight_bytes", -1)
    detail = "RSS %d -> %d kB; %d refused at once, %d answered 503, %d MB of bodies held" % (
        base, rss, refused, busy, inflight // (1 << 20))
    if ASAN:
        print("note uploads (AddressSanitizer build, RSS not checked): " + detail)
    else:
        ok("uploads: %d x 9 MB held open, RSS <= 300 MB" % UPLOADS, rss <= 300 * 1024, detail)
    ok("uploads: bodies held within the 256 MB budget", 0 < inflight <= 256 << 20, detail)
    close_all(held)
    for _ in range(100):  # the server sees the closes within a moment (slower under ASan)
        time.sleep(0.1)
        st, j, _ = health(port)
        if j.get("inflight_bytes") == 0:
            break
    ok("uploads: budget given back when they close", j.get("inflight_bytes") == 0, str(j))


def article_without_ends(kb):
    text = open(os.path.join(ROOT, "examples", "china-human-rights-dialogue.txt")).read()
    text = re.sub(r"[.!?]", " ", text)
    return (text * (kb * 1024 // len(text) + 1))[: kb * 1024].encode()


def scenario_analyze(port):
    body = article_without_ends(ANALYZE_KB)
    results = []

    def one():
        st, _, _, sec = request(port, "POST", "/v1/analyze", body, "text/plain", timeout=300)
        results.append((st, sec))

    record = json.dumps({"id": "b", "article": article_without_ends(ANALYZE_KB // 8).decode()}) + "\n"
    batch = []

    def one_batch():
        st, _, b, sec = request(port, "POST", "/v1/batch", (record * 4).encode(), "application/x-ndjson",
                                timeout=300)
        batch.append((st, b.count(b'{"id":"b"'), sec))

    threads = [threading.Thread(target=one) for _ in range(3)] + [threading.Thread(target=one_batch)]
    for t in threads:
        t.start()
    worst, probes = 0.0, 0
    while any(t.is_alive() for t in threads):
        st, j, sec = health(port)
        probes += 1
        worst = max(worst, sec if st == 200 else 99.0)
        time.sleep(0.1)
    for t in threads:
        t.join()
    ok("analyze: 3 x %d KB without sentence ends and a batch; %d /healthz probes within %g s" % (
        ANALYZE_KB, probes, PROBE_BAR),
       worst < PROBE_BAR, "slowest probe %.3f s (bar 0.25 s %s); analyze answers %s" % (
           worst, "held" if worst < 0.25 else "NOT held", ", ".join("%d in %.1f s" % r for r in results)))
    ok("analyze: all answered", all(st in (200, 503) for st, _ in results), str(results))
    ok("analyze: the batch alongside (its lines made on the workers) answered whole",
       batch and batch[0][0] == 200 and batch[0][1] == 4, str(batch))


def scenario_deadline():
    """--max-seconds 1 with one worker: of analyses sent at once, enough
    that their work queued one after another needs well over 1 s, those
    whose work (queue wait included) passes 1 s are answered 503 at about
    1 s, not when the work would have ended.  How many are sent comes from
    the time one analysis takes here, so that the test holds on a fast
    machine and under a sanitizer alike."""
    p, port, _ = start("--max-seconds", "1", "--workers", "1")
    body = article_without_ends(ANALYZE_KB)
    results = []

    def one():
        st, h, b, sec = request(port, "POST", "/v1/analyze", body, "text/plain", timeout=120)
        results.append((st, h.get("retry-after"), b'"status":"timeout"' in b, sec))

    one()
    alone = results.pop()[3]
    count = min(40, max(4, int(2.5 / max(alone, 0.01)) + 2))
    threads = [threading.Thread(target=one) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    late = [r for r in results if r[0] == 503]
    ok("deadline: work past --max-seconds 1 -> 503 timeout with Retry-After, in about 1 s",
       late and all(r[1] and r[2] and r[3] < 3.0 for r in late) and all(r[0] in (200, 503) for r in results),
       "one alone %.2f s, %d at once: %s" % (alone, count, [(r[0], r[1], round(r[3], 2)) for r in results]))
    stop(p, "deadline")


def scenario_errors(port):
    # a 50 MB chunked upload: 413 with a JSON body
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    st, body = 0, b""
    try:
        s.sendall(b"POST /v1/summarize HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                  b"Transfer-Encoding: chunked\r\n\r\n")
        piece = b"10000\r\n" + b"a" * 0x10000 + b"\r\n"
        for _ in range(50 * 16):
            s.sendall(piece)
        s.sendall(b"0\r\n\r\n")
        st, _, body = read_response(s, 30)
    except OSError as e:
        body = str(e).encode()
    s.close()
    ok("errors: 50 MB chunked upload -> 413 JSON", st == 413 and b'"status":"too_big"' in body,
       "%d %s" % (st, body[:120]))
    art = b'{"article": "First sentence here.\\u0000 Second sentence here. Third one."}'
    st, _, body, _ = request(port, "POST", "/v1/summarize", art, "application/json")
    ok("errors: NUL escape in a JSON article -> 400", st == 400 and b"\\\\u0000" in body,
       "%d %s" % (st, body[:160]))


def scenario_queue():
    """One worker, a queue of one: the third heavy request at once gets 503."""
    p, port, _ = start("--workers", "1", "--queue", "1")
    body = article_without_ends(256)
    results = []

    def one():
        st, h, b, _ = request(port, "POST", "/v1/analyze", body, "text/plain", timeout=120)
        results.append((st, h.get("retry-after"), b[:100]))

    threads = [threading.Thread(target=one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    busy = [r for r in results if r[0] == 503]
    ok("queue: 4 at once on 1 worker with a queue of 1 -> 503 + Retry-After for the rest",
       len(busy) >= 1 and all(r[1] and b'"retry_after"' in r[2] for r in busy) and
       sum(r[0] == 200 for r in results) >= 1, str([(r[0], r[1]) for r in results]))
    stop(p, "queue")


def scenario_stop():
    p, port, _ = start("--drain", "20")
    # an idle keep-alive connection after one request
    ka = socket.create_connection(("127.0.0.1", port), timeout=10)
    ka.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    st0, _, _ = read_response(ka, 10)
    body = article_without_ends(256)
    result = []

    def inflight():
        result.append(request(port, "POST", "/v1/analyze", body, "text/plain", timeout=60))

    t = threading.Thread(target=inflight)
    t.start()
    time.sleep(0.3)
    p.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    ka.settimeout(3)
    try:
        closed = ka.recv(1) == b""
    except OSError:
        closed = True
    ka.close()
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
        refused = False
    except OSError:
        refused = True
    t.join()
    try:
        rc = p.wait(timeout=30)
    except subprocess.TimeoutExpired:
        p.kill()
        rc = "hung"
    st, h, _, _ = result[0]
    ok("stop: idle keep-alive connection closed on SIGTERM", st0 == 200 and closed, "closed=%s" % closed)
    ok("stop: new connections refused while draining", refused, "refused=%s" % refused)
    ok("stop: the request in flight answered with Connection: close", st == 200 and
       h.get("connection", "").lower() == "close", "%d %s" % (st, h.get("connection")))
    ok("stop: exit status 0", rc == 0, str(rc))


def main():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = min(hard, 3 * CONNS + 256)
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    p, port, _ = start(*([] if HEADER_TIMEOUT == "default" else ["--header-timeout", HEADER_TIMEOUT]))
    scenario_idle(port)
    scenario_slow(port)
    scenario_uploads(p.pid, port)
    scenario_analyze(port)
    scenario_errors(port)
    stop(p, "hostile")
    scenario_per_ip()
    scenario_queue()
    scenario_deadline()
    scenario_stop()
    print("hostile: %d failure(s)" % fails)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
