#!/usr/bin/env python3
"""syn-no-answer: capture-all.sh inserts
    iptables -I INPUT -i lo -p tcp --dport 47011 --syn -j DROP
so the SYNs reach tcpdump (the lo tap is before netfilter INPUT) but never the
listener. connect() with an 8 s timeout: SYN at 0 s, retransmissions at about
1, 3 and 7 s (RTO 1 s doubling). ss is recorded at 7.5 s while the socket is
still SYN-SENT; at 8 s connect() times out and the client closes the socket,
which sends nothing. The capture runs until after the give-up.
"""
import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import *  # noqa: E402,F401,F403


def main():
    a = parse_args(47011)
    ls = listener(a.host, a.port)  # a live service behind a dropping firewall
    import threading

    def snap():
        time.sleep(7.5)
        a.driver.snapshot_ss()
    th = threading.Thread(target=snap, daemon=True)
    th.start()
    c = socket.socket()
    c.settimeout(8.0)
    t = time.monotonic()
    try:
        c.connect((a.host, a.port))
        raise SystemExit("unexpected: connect() succeeded")
    except (socket.timeout, TimeoutError) as e:
        log("client: connect() gave up after %.2f s: %r" % (time.monotonic() - t, e))
    c.close()
    th.join()
    a.driver.finish(settle=0.5)
    ls.close()


if __name__ == "__main__":
    main()
