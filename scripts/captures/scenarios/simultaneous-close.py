#!/usr/bin/env python3
"""simultaneous-close: both endpoints shutdown(SHUT_WR) at the same instant, so
the two FINs cross on the wire and neither FIN acknowledges the other.
Both sides go FIN_WAIT_1 -> CLOSING -> TIME_WAIT.

Needs a link with delay: capture-all.sh creates two network namespaces joined
by a veth pair (A = 10.253.0.1, client; B = 10.253.0.2, server) and delays
every TCP packet entering or leaving B by 50 ms (NFQUEUE + lib/nfq_delay.py,
because this kernel has no netem). tcpdump runs on A's veth, so A's packets
show at the time A sends them and B's when they reach A.
The client picks the close instant (now + 1 s) and sends it in its request;
both threads use the same wall clock.
"""
import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import *  # noqa: E402,F401,F403


def server(ns, addr, port, ready):
    enter_netns(ns)
    ls = listener(addr, port)
    ready.set()
    c, _ = ls.accept()
    ls.close()
    req = recv_until(c, b"\n")
    close_at = float(req.split()[1])
    c.sendall(b"OK, closing at %.6f\n" % close_at)
    sleep_until(close_at)
    c.shutdown(socket.SHUT_WR)     # FIN, sent before the client's FIN arrives
    rest = recv_to_eof(c)
    log("server: EOF after", len(rest), "bytes")
    return c


def client(ns, addr, peer, port):
    enter_netns(ns)
    c = socket.socket()
    c.bind((addr, 0))
    c.connect((peer, port))
    close_at = time.time() + 1.0
    c.sendall(b"CLOSE-AT %.6f please\n" % close_at)
    log("client got", recv_until(c, b"\n"))
    sleep_until(close_at)
    c.shutdown(socket.SHUT_WR)     # FIN, sent before the server's FIN arrives
    rest = recv_to_eof(c)
    log("client: EOF after", len(rest), "bytes")
    return c


def main():
    def extra(ap):
        ap.add_argument("--netns-a", default="tdlcap-a")
        ap.add_argument("--netns-b", default="tdlcap-b")
        ap.add_argument("--addr-a", default="10.253.0.1")
        ap.add_argument("--addr-b", default="10.253.0.2")
    a = parse_args(47007, extra)
    import threading
    ready = threading.Event()
    ts = Thread(server, a.netns_b, a.addr_b, a.port, ready)
    ts.start()
    ready.wait(5)
    tc = Thread(client, a.netns_a, a.addr_a, a.addr_b, a.port)
    tc.start()
    sc = ts.join(15)
    cc = tc.join(15)
    a.driver.finish(settle=0.5)    # both sockets still open (TIME_WAIT after close anyway)
    sc.close()
    cc.close()


if __name__ == "__main__":
    main()
