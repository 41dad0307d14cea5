#!/usr/bin/env bash
# The "hostile" fixture: one real loopback TCP connection on port 47990 whose payload carries
# markup, quotes and a right-to-left override (U+202E), so that the `-A` rendering puts that text
# where tcpdump really prints arbitrary bytes. Used to check that the editor features and the
# sequence diagram show capture text as inert text.
#
#   sudo bash scripts/captures/hostile.sh
#
# Output (test/baseline/fixtures/hostile/): hostile.pcap, n.tcpdump (-n), A.tcpdump (-n -A),
# ss.txt. Needs root, tcpdump, ss, python3 (standard library only).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=$ROOT/test/baseline/fixtures/hostile
PORT=47990
TCPDUMP=${TCPDUMP:-tcpdump}
export TZ=UTC LC_ALL=C PYTHONDONTWRITEBYTECODE=1

log() { printf '[hostile] %s\n' "$*" >&2; }

mkdir -p "$OUT"
ERR=$(mktemp)
TCPDUMP_PID=""
cleanup() {
  if [[ -n $TCPDUMP_PID ]] && kill -0 "$TCPDUMP_PID" 2>/dev/null; then
    kill -INT "$TCPDUMP_PID" 2>/dev/null || true
    wait "$TCPDUMP_PID" 2>/dev/null || true
  fi
  rm -f "$ERR"
}
trap cleanup EXIT

"$TCPDUMP" -i lo -n -U --immediate-mode -Z root -w "$OUT/hostile.pcap" "tcp port $PORT" 2>"$ERR" &
TCPDUMP_PID=$!
for _ in $(seq 100); do grep -q 'listening on' "$ERR" && break; sleep 0.05; done
grep -q 'listening on' "$ERR" || { cat "$ERR" >&2; exit 1; }

# Client sends an HTTP-like request, the server answers and closes on EOF (3-segment close).
python3 - "$PORT" <<'PY'
import socket, sys, threading, time

port = int(sys.argv[1])
request = (
    'GET /<script>alert(1)</script> HTTP/1.1\r\n'
    'Host: "><img src=x onerror=alert(2)>\r\n'
    "X-Quote: it's \"double\" and 'single'\r\n"
    'X-Name: report\u202Egnp.exe\r\n'
    'User-Agent: <svg onload=alert(3)>\r\n'
    '\r\n'
).encode('utf-8')
response = (
    'HTTP/1.1 200 OK\r\n'
    'Content-Type: text/html\r\n'
    '\r\n'
    '<script>alert(document.cookie)</script><img src=x onerror="alert(\'x\')">\n'
).encode('utf-8')

srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(('127.0.0.1', port))
srv.listen(1)

def serve():
    conn, _ = srv.accept()
    data = b''
    while not data.endswith(b'\r\n\r\n'):
        data += conn.recv(4096)
    conn.sendall(response)
    while conn.recv(4096):
        pass
    conn.close()

t = threading.Thread(target=serve)
t.start()
c = socket.create_connection(('127.0.0.1', port))
c.sendall(request)
got = b''
while not got.endswith(b'">\n'):
    got += c.recv(4096)
time.sleep(0.1)
c.close()
t.join()
srv.close()
PY

sleep 0.3
kill -INT "$TCPDUMP_PID"
wait "$TCPDUMP_PID" || true
TCPDUMP_PID=""
ss -tan "( sport = :$PORT or dport = :$PORT )" >"$OUT/ss.txt"

cd "$OUT"
"$TCPDUMP" -n -r hostile.pcap >n.tcpdump 2>/dev/null
"$TCPDUMP" -n -A -r hostile.pcap >A.tcpdump 2>/dev/null
log "$(wc -l <n.tcpdump) packets; $(wc -l <A.tcpdump) lines with -A"
