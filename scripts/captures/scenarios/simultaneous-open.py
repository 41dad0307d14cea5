#!/usr/bin/env python3
"""simultaneous-open: two sockets bound to fixed ports connect() to each other
at the same instant (A = 10.253.0.1:47008, B = 10.253.0.2:47108). Both SYNs
are in flight before either arrives, so each side answers the other's SYN
with a SYN-ACK: SYN_SENT -> SYN_RCVD -> ESTABLISHED on both sides, one
connection. Then A sends a line, B answers, A closes, B closes.

Same two-namespace + 50 ms NFQUEUE delay set-up as simultaneous-close;
tcpdump runs on A's veth.
"""
import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import *  # noqa: E402,F401,F403


def endpoint(ns, addr, port, peer, peer_port, start_at, first):
    enter_netns(ns)
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    s.settimeout(5)
    sleep_until(start_at)
    s.connect((peer, peer_port))
    log(ns, "connected", s.getsockname(), "->", s.getpeername())
    if first:
        s.sendall(b"hello from A\n")
        log(ns, "got", recv_until(s, b"\n"))
        time.sleep(0.3)
        s.close()                  # A closes first
        return None
    log(ns, "got", recv_until(s, b"\n"))
    s.sendall(b"hello from B\n")
    recv_to_eof(s)
    s.close()                      # B closes when it sees A's FIN
    return None


def main():
    def extra(ap):
        ap.add_argument("--netns-a", default="tdlcap-a")
        ap.add_argument("--netns-b", default="tdlcap-b")
        ap.add_argument("--addr-a", default="10.253.0.1")
        ap.add_argument("--addr-b", default="10.253.0.2")
        ap.add_argument("--port-b", type=int, default=47108)
    a = parse_args(47008, extra)
    start_at = time.time() + 0.5
    ta = Thread(endpoint, a.netns_a, a.addr_a, a.port, a.addr_b, a.port_b, start_at, True)
    tb = Thread(endpoint, a.netns_b, a.addr_b, a.port_b, a.addr_a, a.port, start_at, False)
    ta.start()
    tb.start()
    ta.join(15)
    tb.join(15)
    a.driver.finish(settle=0.5)


if __name__ == "__main__":
    main()
