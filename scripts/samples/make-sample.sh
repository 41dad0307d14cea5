#!/usr/bin/env bash
# Regenerates samples/http-session.tcpdump from a real capture on the loopback interface:
# two HTTP requests to a local python http.server (one keep-alive connection closed by the
# client, one closed by the server), and one connection to a port where nothing listens.
# Needs root (tcpdump), python3 and curl-free Python only. Usage: sudo bash scripts/samples/make-sample.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'kill "${server_pid:-}" "${dump_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

port=48080
closed_port=48081
mkdir -p "$work/www" && printf 'hello from tcpdump-lens\n' > "$work/www/index.html"
(cd "$work/www" && exec python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) &
server_pid=$!
sleep 1

tcpdump -i lo -U -w "$work/sample.pcap" "tcp port $port or tcp port $closed_port" 2>/dev/null &
dump_pid=$!
sleep 1

python3 - "$port" "$closed_port" <<'PY'
import socket, sys, time
port, closed = int(sys.argv[1]), int(sys.argv[2])
# HTTP/1.1 request; the client closes first after reading the response.
s = socket.create_connection(('127.0.0.1', port))
s.sendall(b'GET /index.html HTTP/1.1\r\nHost: localhost\r\n\r\n')
time.sleep(0.2)
s.recv(65536)
s.close()
time.sleep(0.2)
# HTTP/1.0 request: the server closes first.
s = socket.create_connection(('127.0.0.1', port))
s.sendall(b'GET / HTTP/1.0\r\n\r\n')
while s.recv(65536):
    pass
s.close()
time.sleep(0.2)
# Nothing listens here: the kernel answers the SYN with RST.
try:
    socket.create_connection(('127.0.0.1', closed), timeout=2)
except ConnectionRefusedError:
    pass
time.sleep(0.5)
PY

kill -INT "$dump_pid"
wait "$dump_pid" || true
TZ=UTC tcpdump -n -r "$work/sample.pcap" > samples/http-session.tcpdump 2>/dev/null
echo "wrote samples/http-session.tcpdump ($(wc -l < samples/http-session.tcpdump) lines)"
