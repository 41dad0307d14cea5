#!/usr/bin/env python3
"""time-wait-pileup: one client host (127.0.0.1) opens 60 short connections to
the same server endpoint (127.0.0.1:47028), one after the other, 30 ms
apart: connect, shutdown(SHUT_WR) at once (no data), read until the
server's FIN, close. The server closes as soon as it reads EOF. The client
is the active closer every time, so each connection leaves one client
socket in TIME_WAIT (60 s on Linux): 60 TIME-WAIT sockets in ss at the end,
after about 2 s.
"""
import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import *  # noqa: E402,F401,F403

COUNT = 60
GAP = 0.03


def server(ls):
    for _ in range(COUNT):
        c, _ = ls.accept()
        recv_to_eof(c)
        c.close()
    ls.close()


def main():
    a = parse_args(47028)
    ls = listener(a.host, a.port, backlog=64)
    t = Thread(server, ls)
    t.start()
    t0 = time.monotonic()
    for i in range(COUNT):
        while time.monotonic() < t0 + i * GAP:
            time.sleep(0.001)
        c = socket.socket()
        c.connect((a.host, a.port))
        c.shutdown(socket.SHUT_WR)     # active close: FIN first
        recv_to_eof(c)                 # server's FIN; our last ACK follows at once
        c.close()                      # the socket is already in TIME_WAIT
    log("client: %d connections in %.2f s" % (COUNT, time.monotonic() - t0))
    t.join(10)
    a.driver.finish()


if __name__ == "__main__":
    main()
