#!/usr/bin/env python3
"""port-scan: one client (127.0.0.1, a new ephemeral port per probe) connect()s
to 30 closed ports of 127.0.0.1, 47500 ... 47529 in order, 50 ms apart
(1.5 s in all): a plain "connect scan" (each socket is bound to an
ephemeral port outside the probed range first, to rule out a self-connect). Nothing listens there, so every SYN
is answered by the kernel's [R.] and connect() fails with ECONNREFUSED.

capture-all.sh captures 'tcp portrange 47500-47529' for this scenario
(--port is the first port of the range).
"""
import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import *  # noqa: E402,F401,F403

COUNT = 30
GAP = 0.05


def main():
    a = parse_args(47500)
    refused = 0
    t0 = time.monotonic()
    for i in range(COUNT):
        while time.monotonic() < t0 + i * GAP:
            time.sleep(0.001)
        c = socket.socket()
        # bind first so the ephemeral port can never be the probed port itself
        # (connect() from port P to a closed port P on the same address would
        # connect to itself: TCP self-connect)
        c.bind((a.host, 0))
        while a.port <= c.getsockname()[1] < a.port + COUNT:
            c.close()
            c = socket.socket()
            c.bind((a.host, 0))
        try:
            c.connect((a.host, a.port + i))
            raise SystemExit("unexpected: port %d is open" % (a.port + i))
        except ConnectionRefusedError:
            refused += 1
        finally:
            c.close()
    log("client: %d of %d ports refused in %.2f s" % (refused, COUNT, time.monotonic() - t0))
    a.driver.finish()


if __name__ == "__main__":
    main()
