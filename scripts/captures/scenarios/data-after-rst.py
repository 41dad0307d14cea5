#!/usr/bin/env python3
"""data-after-rst: the client keeps sending while the server aborts.

Two network namespaces with 50 ms one-way delay (capture-all.sh "netns"
mode). Unlike the other netns scenarios the SERVER runs in A
(10.253.0.1:47023, the capture side) and the CLIENT in B (10.253.0.2, every
packet into or out of B held 50 ms). The client (TCP_NODELAY) sends a
100-byte segment every 10 ms. After 1000 bytes the server sets SO_LINGER
{1, 0} and closes: [R.] at once on A's veth. The client only learns of it
50 ms later, and its segments already sent (or still in B's delay queue)
keep arriving at A for up to 100 ms after the RST: data on a connection
that was reset, each answered by A's stack with another [R] (no socket).
The client's next send() after the RST fails (ECONNRESET / EPIPE).
"""
import os
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import *  # noqa: E402,F401,F403

SEG = 100
ABORT_AFTER = 1000
GAP = 0.01


def server(ns, addr, port, ready):
    enter_netns(ns)
    ls = listener(addr, port)
    ready.set()
    c, _ = ls.accept()
    ls.close()
    recv_exact(c, ABORT_AFTER)
    set_linger0(c)
    c.close()                      # RST now
    log("server: aborted after %d bytes" % ABORT_AFTER)


def client(ns, addr, peer, port):
    enter_netns(ns)
    c = socket.socket()
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    c.bind((addr, 0))
    c.connect((peer, port))
    sent = 0
    t0 = time.monotonic()
    try:
        for i in range(60):
            while time.monotonic() < t0 + i * GAP:
                time.sleep(0.001)
            c.send(b"%-99d\n" % (i + 1))
            sent += 1
        raise SystemExit("unexpected: 60 segments sent without an error")
    except (ConnectionResetError, BrokenPipeError) as e:
        log("client: %d segments sent, then %r" % (sent, e))
    c.close()


def main():
    def extra(ap):
        ap.add_argument("--netns-a", default="tdlcap-a")
        ap.add_argument("--netns-b", default="tdlcap-b")
        ap.add_argument("--addr-a", default="10.253.0.1")
        ap.add_argument("--addr-b", default="10.253.0.2")
    a = parse_args(47023, extra)
    ready = threading.Event()
    ts = Thread(server, a.netns_a, a.addr_a, a.port, ready)   # server on the capture side
    ts.start()
    ready.wait(5)
    tc = Thread(client, a.netns_b, a.addr_b, a.addr_a, a.port)
    tc.start()
    ts.join(15)
    tc.join(15)
    a.driver.finish(settle=0.5)


if __name__ == "__main__":
    main()
