#!/usr/bin/env python3
"""rst-abort: established connection, request + response, then the client
sets SO_LINGER {1, 0} and close()s: the kernel sends [R.] instead of a FIN.
The server's next recv() fails with ECONNRESET. No TIME_WAIT anywhere.
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
    recv_until(c, b"\r\n\r\n")
    c.sendall(response(RESPONSE_BODY))
    try:
        rest = c.recv(100)
        log("server: recv ->", rest)
    except ConnectionResetError as e:
        log("server: recv ->", e)
    time.sleep(0.2)
    c.close()


def main():
    a = parse_args(47005)
    ls = listener(a.host, a.port)
    t = Thread(server, ls)
    t.start()
    c = socket.socket()
    c.connect((a.host, a.port))
    c.sendall(request("/abort"))
    log("client got", len(read_response(c)), "bytes")
    time.sleep(0.1)
    set_linger0(c)
    c.close()                      # -> RST
    t.join(10)
    a.driver.finish()


if __name__ == "__main__":
    main()
