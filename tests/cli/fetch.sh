#!/bin/sh
# fetch.sh - tests of URL input (`nutgraf extract|summarize|analyze URL`):
# starts its own HTTP server on 127.0.0.1 (python3, a free port, stopped on
# exit; never the internet) serving an ISO-8859-1 page declared in <meta>,
# a page whose charset is in the Content-Type header, a gzip page, a chain
# of redirects (5 followed, 6 refused), a 404, a PDF, an over-size page and
# a slow page; checks the outputs, the one-line errors naming the URL and
# the exit statuses (6 network, 1 not HTML/over the limit).  SKIP without
# python3.
. "$(dirname "$0")/lib.sh"
PY=$(command -v python3 || true)
if [ -z "$PY" ]; then echo "SKIP fetch: no python3 for the local HTTP server"; exit 0; fi
# The server and the command must not go through a proxy.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
mkdir -p "$T/www"
W="$T/www"
printf '<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">\n<title>Caf\351 news</title></head><body>\n<h1>Caf\351 opens in M\374nchen</h1>\n<p>The caf\351 opened on Monday in M\374nchen, the owner said, after waiting three years for the permit to arrive.</p>\n<p>Customers queued for hours outside the door, and the first espresso was sold at seven o\047clock.</p>\n</body></html>\n' >"$W/latin1.html"
printf '<html><head><meta charset="windows-1252"><title>Page</title></head><body>\n<h1>Prices rise in S\343o Paulo</h1>\n<p>Prices rose by 5\200 a month in S\343o Paulo, the statistics office said on Tuesday in its report.</p>\n<p>The rise was the largest since records began, officials told reporters at the briefing.</p>\n</body></html>\n' >"$W/header.html"
{
  printf '<html><head><title>Big</title></head><body><h1>A big page</h1>\n'
  i=0
  while [ $i -lt 400 ]; do printf '<p>This is paragraph %d of a page that is far too big for the limit given.</p>\n' $i; i=$((i + 1)); done
  printf '</body></html>\n'
} >"$W/big.html"
printf '%%PDF-1.4 not really a pdf\n' >"$W/doc.pdf"
cat >"$T/server.py" <<'PYEOF'
import gzip, http.server, os, sys, time

class H(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def send_body(self, body, ctype, extra=()):
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        for k, v in extra:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        p = self.path
        if p.startswith("/r/"):  # /r/N redirects to /r/N-1; /r/0 to the Latin-1 page
            n = int(p[3:])
            self.send_response(302)
            self.send_header("Location", "/r/%d" % (n - 1) if n > 0 else "/latin1.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif p == "/header":  # the charset only in the header (the <meta> says otherwise)
            with open("header.html", "rb") as f:
                body = f.read().replace(b"windows-1252", b"utf-8")
            self.send_body(body, "text/html; charset=windows-1252")
        elif p == "/script-first":  # HTML only by its Content-Type: no <html> first
            body = (b"<script>var seen = 1;</script>\n<h1>Council approves the budget</h1>\n"
                    b"<p>The city council approved the budget on Monday after a long debate, "
                    b"officials said.</p>\n<p>The vote was seven to two, and the mayor signed it at once.</p>\n")
            self.send_body(body, "text/html")
        elif p == "/gzip":
            with open("latin1.html", "rb") as f:
                body = gzip.compress(f.read())
            self.send_body(body, "text/html", [("Content-Encoding", "gzip")])
        elif p == "/ua":  # echoes the User-Agent
            ua = self.headers.get("User-Agent", "")
            body = ("<html><body><h1>Agent</h1><p>The agent that asked for this page was %s, "
                    "and it asked politely.</p></body></html>" % ua).encode()
            self.send_body(body, "text/html; charset=utf-8")
        elif p == "/slow":
            time.sleep(4)
            self.send_body(b"<html><body><p>Too late.</p></body></html>", "text/html")
        elif p == "/chunked-big":  # over the limit, without a Content-Length
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            with open("big.html", "rb") as f:
                self.wfile.write(f.read())
            self.close_connection = True
        else:
            super().do_GET()

os.chdir(sys.argv[1])
srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
with open(sys.argv[2] + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
os.rename(sys.argv[2] + ".tmp", sys.argv[2])
srv.serve_forever()
PYEOF
"$PY" "$T/server.py" "$W" "$T/port" >"$T/server.log" 2>&1 &
SRV=$!
trap 'kill "$SRV" 2>/dev/null; rm -rf "$T"' EXIT
i=0
while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if [ ! -s "$T/port" ]; then echo "FAIL server did not start"; cat "$T/server.log"; exit 1; fi
U="http://127.0.0.1:$(cat "$T/port")"

# An ISO-8859-1 page declared in <meta http-equiv>, served without a charset.
"$NG" extract --json "$U/latin1.html" >"$T/out" 2>"$T/err"
check "latin1 exit" 0 $?
contains "url key" "{\"url\":\"$U/latin1.html\"" "$T/out"
contains "latin1 headline" '"headline":"Café opens in München"' "$T/out"
contains "latin1 body" '"body":"The café opened on Monday in München' "$T/out"
"$NG" extract "$U/latin1.html" >"$T/out" 2>"$T/err"
check "text output" "Café opens in München" "$(head -n 1 "$T/out")"

# summarize and analyze take URLs too.
"$NG" summarize -m lead -k 1 "$U/latin1.html" >"$T/out" 2>"$T/err"
check "summarize exit" 0 $?
contains "summarize highlight" "The café opened on Monday in München" "$T/out"
"$NG" analyze --json "$U/latin1.html" >"$T/out" 2>"$T/err"
check "analyze exit" 0 $?
contains "analyze json" '"entities"' "$T/out"
"$NG" analyze "$U/missing.html" >"$T/out" 2>"$T/err"
check "analyze 404 exit" 6 $?
check "analyze 404 error" "nutgraf analyze: $U/missing.html: HTTP status 404 from 127.0.0.1" "$(cat "$T/err")"
"$NG" summarize "$U/doc.pdf" >"$T/out" 2>"$T/err"
check "summarize pdf exit" 1 $?

# The header's charset wins over the page's <meta>.
"$NG" extract --json "$U/header" >"$T/out" 2>"$T/err"
check "header charset exit" 0 $?
contains "header charset" 'Prices rose by 5€ a month in São Paulo' "$T/out"

# A page is read as HTML when the server says so, whatever it starts with.
"$NG" extract --json "$U/script-first" >"$T/out" 2>"$T/err"
check "served as HTML exit" 0 $?
contains "served as HTML" '"headline":"Council approves the budget","authors":[]' "$T/out"
if grep -qF 'var seen' "$T/out"; then check "no script text" no yes; fi

# gzip, a User-Agent naming nutgraf.
"$NG" extract --json "$U/gzip" >"$T/out" 2>"$T/err"
check "gzip exit" 0 $?
contains "gzip body" '"headline":"Café opens in München"' "$T/out"
"$NG" extract "$U/ua" >"$T/out" 2>"$T/err"
contains "user agent" "was nutgraf/" "$T/out"

# Redirects: 5 are followed, the 6th is refused.
"$NG" extract --json "$U/r/4" >"$T/out" 2>"$T/err"
check "5 redirects exit" 0 $?
contains "5 redirects page" '"headline":"Café opens in München"' "$T/out"
"$NG" extract "$U/r/5" >"$T/out" 2>"$T/err"
check "6 redirects exit" 6 $?
check "6 redirects error" "nutgraf extract: $U/r/5: more than 5 redirects" "$(cat "$T/err")"

# HTTP 404: exit 6, one line naming the URL; JSON gives an error record.
"$NG" extract "$U/missing.html" >"$T/out" 2>"$T/err"
check "404 exit" 6 $?
check "404 error" "nutgraf extract: $U/missing.html: HTTP status 404 from 127.0.0.1" "$(cat "$T/err")"
"$NG" extract --json "$U/missing.html" "$U/latin1.html" >"$T/out" 2>"$T/err"
check "404 then a page exit" 6 $?
contains "404 record" "{\"url\":\"$U/missing.html\",\"error\":{\"status\":\"network\"" "$T/out"
check "404 then a page lines" 2 "$(wc -l <"$T/out")"

# Not HTML or text: exit 1.
"$NG" extract "$U/doc.pdf" >"$T/out" 2>"$T/err"
check "pdf exit" 1 $?
check "pdf error" "nutgraf extract: $U/doc.pdf: content type 'application/pdf' is not HTML or text" "$(cat "$T/err")"

# Over --max-bytes: the transfer stops, the error gives the real limit.
"$NG" extract --max-bytes 5000 "$U/big.html" >"$T/out" 2>"$T/err"
check "big exit" 1 $?
contains "big error (Content-Length)" "$U/big.html: the page is " "$T/err"
contains "big error limit" "over the limit of 5000" "$T/err"
"$NG" extract --max-bytes 5000 "$U/chunked-big" >"$T/out" 2>"$T/err"
check "big without length exit" 1 $?
check "big without length error" "nutgraf extract: $U/chunked-big: the page is more than 5000 bytes, over the limit of 5000" "$(cat "$T/err")"
"$NG" extract "$U/big.html" >"$T/out" 2>"$T/err"
check "big under the default limit" 0 $?

# Timeouts, a refused connection, a host that does not resolve.
"$NG" extract --timeout 1 "$U/slow" >"$T/out" 2>"$T/err"
check "timeout exit" 6 $?
check "timeout error" "nutgraf extract: $U/slow: timed out: no complete answer from 127.0.0.1 within 1 s" "$(cat "$T/err")"
kill "$SRV" 2>/dev/null
wait "$SRV" 2>/dev/null
"$NG" extract "$U/latin1.html" >"$T/out" 2>"$T/err"
check "refused exit" 6 $?
check "refused error" "nutgraf extract: $U/latin1.html: connection refused by 127.0.0.1" "$(cat "$T/err")"
# .invalid never resolves (RFC 6761): asks the local resolver only.
"$NG" extract --connect-timeout 5 "http://nutgraf-test.invalid/page.html" >"$T/out" 2>"$T/err"
check "dns exit" 6 $?
contains "dns error names the URL" "nutgraf extract: http://nutgraf-test.invalid/page.html: " "$T/err"

# Bad option values.
"$NG" extract --timeout 0 "$U/x" >"$T/out" 2>"$T/err"
check "bad timeout" 2 $?
"$NG" summarize --connect-timeout abc "$U/x" >"$T/out" 2>"$T/err"
check "bad connect timeout" 2 $?
"$NG" extract --help | grep -q -- "--connect-timeout" && check "help" yes yes || check "help" yes no

[ "$fails" -eq 0 ]
