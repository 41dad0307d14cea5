#!/usr/bin/env python3
"""keepalive: request + response, then the connection sits idle for 4.5 s.
The client has SO_KEEPALIVE with TCP_KEEPIDLE = TCP_KEEPINTVL = 1 s and
TCP_KEEPCNT = 3, so it sends a keepalive probe after each idle second
([.] length 0 carrying seq = snd_nxt - 1, printed without seq by tcpdump)
and the server answers each with a pure ACK. Then a normal close.
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
    recv_to_eof(c)
    c.close()


def main():
    a = parse_args(47010)
    ls = listener(a.host, a.port)
    t = Thread(server, ls)
    t.start()
    c = socket.socket()
    c.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, 3)
    c.connect((a.host, a.port))
    c.sendall(request("/keepalive"))
    log("client got", len(read_response(c)), "bytes; idling 4.5 s")
    time.sleep(4.5)
    c.close()
    t.join(10)
    a.driver.finish()


if __name__ == "__main__":
    main()
