#!/usr/bin/env python3
"""zero-window: the server has a small receive buffer (SO_RCVBUF 4096 set on
the listener, inherited by the accepted socket) and does not read for 1.5 s.
The client writes 24 KB; the advertised window shrinks to 0, the client's
persist timer sends zero-window probes that the server answers with win 0,
then the server reads everything (window update) and the rest flows.
Then a response and a normal close.
"""
import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import *  # noqa: E402,F401,F403


TOTAL = 24 * 1024


def server(ls):
    c, _ = ls.accept()
    ls.close()
    time.sleep(1.5)                # not reading: the window closes
    data = recv_exact(c, TOTAL)
    c.sendall(b"got %d bytes\n" % len(data))
    recv_to_eof(c)
    c.close()


def main():
    a = parse_args(47016)
    ls = listener(a.host, a.port, rcvbuf=4096)
    t = Thread(server, ls)
    t.start()
    c = socket.socket()
    c.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
    c.connect((a.host, a.port))
    payload = bytes(range(32, 127)) * (TOTAL // 95 + 1)
    c.sendall(payload[:TOTAL])     # blocks while the window is 0
    log("client: all data queued")
    log("client got", recv_until(c, b"\n"))
    time.sleep(0.1)
    c.close()
    t.join(10)
    a.driver.finish()


if __name__ == "__main__":
    main()
