#!/usr/bin/env python3
"""close-wait-leak: the server reads the request and answers, the client
closes, and the server never calls close() (a leaked socket). The server ACKs
the FIN (delayed ACK) and stays in CLOSE_WAIT; the client sits in FIN_WAIT_2.
ss is recorded and tcpdump stopped BEFORE the program exits, because exiting
closes the leaked socket (that FIN is not part of the capture).
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
    return c                       # ... and forget about it: no close()


def main():
    a = parse_args(47009)
    ls = listener(a.host, a.port)
    t = Thread(server, ls)
    t.start()
    c = socket.socket()
    c.connect((a.host, a.port))
    c.sendall(request("/leak"))
    log("client got", len(read_response(c)), "bytes")
    leaked = t.join(10)
    time.sleep(0.1)
    c.close()                      # client: FIN_WAIT_1 -> FIN_WAIT_2
    time.sleep(0.5)
    a.driver.finish()              # ss here: CLOSE-WAIT + FIN-WAIT-2
    leaked.close()


if __name__ == "__main__":
    main()
