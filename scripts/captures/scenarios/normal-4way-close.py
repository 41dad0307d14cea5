#!/usr/bin/env python3
"""normal-4way-close: like normal-3way-close, but the server waits 200 ms
after reading EOF before it closes. The delayed-ACK timer (40 ms) fires in
between, so the ACK of the client's FIN and the server's FIN are separate
segments: [F.] [.] [F.] [.]
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
    time.sleep(0.2)                # server is in CLOSE_WAIT, client in FIN_WAIT_2
    c.close()


def main():
    a = parse_args(47002)
    ls = listener(a.host, a.port)
    t = Thread(server, ls)
    t.start()
    c = socket.socket()
    c.connect((a.host, a.port))
    c.sendall(request("/four-way"))
    log("client got", len(read_response(c)), "bytes")
    time.sleep(0.1)
    c.close()
    t.join(10)
    a.driver.finish()


if __name__ == "__main__":
    main()
