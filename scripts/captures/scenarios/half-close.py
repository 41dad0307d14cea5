#!/usr/bin/env python3
"""half-close: the client sends its request and then shutdown(SHUT_WR) (FIN).
The server reads until EOF, then keeps sending data (5 chunks, 50 ms apart)
for a while and closes. The client keeps reading (FIN_WAIT_2) until the
server's FIN, then closes. Client ends in TIME_WAIT.
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
    req = recv_to_eof(c)           # request + client's FIN
    log("server got", len(req), "bytes then EOF")
    for i in range(5):
        time.sleep(0.05)
        c.sendall(("chunk %d of the answer, sent after the client's FIN\n" % (i + 1)).encode())
    time.sleep(0.05)
    c.close()


def main():
    a = parse_args(47006)
    ls = listener(a.host, a.port)
    t = Thread(server, ls)
    t.start()
    c = socket.socket()
    c.connect((a.host, a.port))
    c.sendall(b"SEND ME EVERYTHING, I AM DONE TALKING\n")
    c.shutdown(socket.SHUT_WR)
    data = recv_to_eof(c)
    log("client got", len(data), "bytes then EOF")
    c.close()
    t.join(10)
    a.driver.finish()


if __name__ == "__main__":
    main()
