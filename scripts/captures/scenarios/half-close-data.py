#!/usr/bin/env python3
"""half-close-data: the client sends a request and shutdown(SHUT_WR)s at once
([F.] right after the data). The server reads until EOF (its stack ACKs the
FIN), waits 300 ms and then keeps sending: 25 chunks of 53 bytes, 125 ms
apart, for about 3 s after the client's FIN, each ACKed by the client
(client FIN_WAIT_2, server CLOSE_WAIT). Then the server closes and the
client, the active closer, ends in TIME_WAIT. Like half-close, but long and
busy: the passive side goes on sending long after the active closer's FIN.
"""
import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import *  # noqa: E402,F401,F403

CHUNKS = 25
GAP = 0.125


def server(ls):
    c, _ = ls.accept()
    ls.close()
    req = recv_to_eof(c)           # request + client's FIN
    log("server got", len(req), "bytes then EOF")
    time.sleep(0.3)                # the ACK of the FIN goes out on its own first
    t0 = time.monotonic()
    for i in range(CHUNKS):
        while time.monotonic() < t0 + i * GAP:
            time.sleep(0.001)
        c.sendall(("chunk %02d of %d, still sending after the client's FIN\n" % (i + 1, CHUNKS)).encode())
    log("server: %d chunks in %.2f s after EOF" % (CHUNKS, time.monotonic() - t0 + 0.3))
    time.sleep(0.1)
    c.close()


def main():
    a = parse_args(47030)
    ls = listener(a.host, a.port)
    t = Thread(server, ls)
    t.start()
    c = socket.socket()
    c.connect((a.host, a.port))
    c.sendall(b"SEND ME THE LONG ANSWER, I AM DONE TALKING\n")
    c.shutdown(socket.SHUT_WR)
    data = recv_to_eof(c)
    log("client got", len(data), "bytes then EOF")
    c.close()
    t.join(10)
    a.driver.finish()


if __name__ == "__main__":
    main()
