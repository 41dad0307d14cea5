#!/usr/bin/env python3
"""keepalive-unanswered: like keepalive (client SO_KEEPALIVE with
TCP_KEEPIDLE = TCP_KEEPINTVL = 1 s, TCP_KEEPCNT = 3), but once the response
has been read the program asks capture-all.sh (lib/midhook.py) to add
    iptables -I OUTPUT -o lo -p tcp --sport 47029 -j DROP
so nothing from the server reaches the wire any more (OUTPUT comes before
the lo tap: the dropped answers are not captured either). The client sends
three keepalive probes 1 s apart ([.] length 0, seq = snd_nxt - 1, seq shown
in -vv only), none is answered, and 1 s after the third the kernel gives up:
it sends [R.] and the client's recv() fails with ETIMEDOUT. The RST reaches
the server (client -> server is not filtered) and resets its socket too.
"""
import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import *  # noqa: E402,F401,F403
from midhook import request_hook  # noqa: E402


def server(ls):
    c, _ = ls.accept()
    ls.close()
    recv_until(c, b"\r\n\r\n")
    c.sendall(response(RESPONSE_BODY))
    try:
        rest = recv_to_eof(c)
        log("server: EOF after", len(rest), "bytes")
    except ConnectionResetError as e:
        log("server:", repr(e))
    c.close()


def main():
    a = parse_args(47029)
    ls = listener(a.host, a.port)
    t = Thread(server, ls)
    t.start()
    c = socket.socket()
    c.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, 3)
    c.connect((a.host, a.port))
    c.sendall(request("/keepalive-unanswered"))
    log("client got", len(read_response(c)), "bytes")
    request_hook(a.driver)          # from now on the server is silent on the wire
    log("server -> client blocked; waiting for the keepalive to give up")
    t0 = time.monotonic()
    try:
        c.recv(1)
        raise SystemExit("unexpected: recv() returned")
    except TimeoutError as e:       # ETIMEDOUT after 3 unanswered probes
        log("client: recv() ->", repr(e), "after %.1f s" % (time.monotonic() - t0))
    c.close()
    t.join(10)
    a.driver.finish()


if __name__ == "__main__":
    main()
