#!/usr/bin/env python3
"""port-reuse: the client binds the fixed source port 47113, connects to
47013, exchanges a request/response and aborts with SO_LINGER 0 (RST, so no
TIME_WAIT blocks the 4-tuple). Then it binds 47113 again and connects to the
same server port: a new SYN with a different ISN on the same 4-tuple,
request/response and a normal close (client TIME_WAIT).
"""
import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import *  # noqa: E402,F401,F403


def server(ls):
    for n in range(2):
        c, _ = ls.accept()
        recv_until(c, b"\r\n\r\n")
        c.sendall(response("answer %d\n" % (n + 1)))
        try:
            recv_to_eof(c)
        except ConnectionResetError as e:
            log("server: connection %d reset: %r" % (n + 1, e))
        c.close()
    ls.close()


def main():
    a = parse_args(47013, lambda ap: ap.add_argument("--client-port", type=int, default=47113))
    ls = listener(a.host, a.port)
    t = Thread(server, ls)
    t.start()
    for n in range(2):
        c = socket.socket()
        c.bind((a.host, a.client_port))
        c.connect((a.host, a.port))
        c.sendall(request("/round-%d" % (n + 1)))
        log("client round", n + 1, "got", len(read_response(c)), "bytes")
        time.sleep(0.1)
        if n == 0:
            set_linger0(c)         # RST: the 4-tuple is free at once
        c.close()
        time.sleep(0.3)
    t.join(10)
    a.driver.finish()


if __name__ == "__main__":
    main()
