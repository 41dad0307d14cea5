#!/usr/bin/env python3
"""server-closes-first: the server sends its response and closes right away
(active close on the server side). The client reads until EOF, waits 100 ms
(so its ACK of the server's FIN goes out on its own) and then closes.
Server ends in TIME_WAIT.
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
    c.close()


def main():
    a = parse_args(47003)
    ls = listener(a.host, a.port)
    t = Thread(server, ls)
    t.start()
    c = socket.socket()
    c.connect((a.host, a.port))
    c.sendall(request("/server-closes"))
    data = recv_to_eof(c)
    log("client got", len(data), "bytes then EOF")
    time.sleep(0.1)
    c.close()
    t.join(10)
    a.driver.finish()


if __name__ == "__main__":
    main()
