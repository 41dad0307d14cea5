#!/usr/bin/env python3
"""midstream: the connection is opened and three request/response rounds are
exchanged BEFORE tcpdump starts. Then two more rounds, the client closes and
the server closes at once. The capture has no SYN, so tcpdump prints the
first segment of each direction with absolute sequence numbers.
"""
import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import *  # noqa: E402,F401,F403


def server(ls):
    c, _ = ls.accept()
    ls.close()
    while True:
        line = b""
        while not line.endswith(b"\n"):
            ch = c.recv(1)
            if not ch:
                c.close()
                return
            line += ch
        c.sendall(b"echo: " + line)


def main():
    a = parse_args(47012)
    ls = listener(a.host, a.port)
    t = Thread(server, ls)
    t.start()
    c = socket.socket()
    c.connect((a.host, a.port))
    for i in range(1, 4):
        c.sendall(b"message %d (before the capture)\n" % i)
        recv_until(c, b"\n")
        time.sleep(0.05)
    time.sleep(0.2)
    a.driver.capture_point()       # tcpdump starts here
    time.sleep(0.2)
    for i in range(4, 6):
        c.sendall(b"message %d (captured)\n" % i)
        log("client got", recv_until(c, b"\n"))
        time.sleep(0.05)
    c.close()
    t.join(10)
    a.driver.finish()


if __name__ == "__main__":
    main()
