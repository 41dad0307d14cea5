#!/usr/bin/env python3
"""normal-3way-close: handshake, one request and one response, the client
closes, and the server closes as soon as it reads EOF.

Linux puts a socket that receives a FIN into "pingpong" (delayed-ACK) mode, so
the server's FIN carries the ACK of the client's FIN: [F.] [F.] [.]
Also used (with another --port) for the any-interface capture.
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
    rest = recv_to_eof(c)          # client's FIN
    c.close()                      # close at once -> FIN piggybacks the ACK
    return rest


def main():
    a = parse_args(47001, lambda ap: ap.add_argument("--family", default="inet"))
    fam = socket.AF_INET6 if a.family == "inet6" else socket.AF_INET
    ls = listener(a.host, a.port, fam)
    t = Thread(server, ls)
    t.start()
    c = socket.socket(fam, socket.SOCK_STREAM)
    c.connect((a.host, a.port))
    c.sendall(request("/hello"))
    log("client got", len(read_response(c)), "bytes")
    time.sleep(0.1)
    c.close()
    t.join(10)
    a.driver.finish()


if __name__ == "__main__":
    main()
