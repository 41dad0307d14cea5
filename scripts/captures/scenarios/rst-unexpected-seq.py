#!/usr/bin/env python3
"""rst-unexpected-seq: request + response, then a crafted bare [R] "from the
client" (same address and port) whose seq is the server's expected next
sequence number (rcv_nxt) + 100: inside the receive window but not exact.
Sent through a raw socket (lib/rawtcp.py). Following RFC 5961 the server's
stack does not reset the connection but answers with a challenge ACK
([.] with its current seq/ack); the real client ignores that duplicate
ACK. 300 ms later a second request/response on the same, still open,
connection and a normal close; client ends in TIME_WAIT.
"""
import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import *  # noqa: E402,F401,F403
import rawtcp  # noqa: E402


def server(ls):
    c, _ = ls.accept()
    ls.close()
    for _ in range(2):
        recv_until(c, b"\r\n\r\n")
        c.sendall(response(RESPONSE_BODY))
    recv_to_eof(c)
    c.close()


def main():
    a = parse_args(47026)
    sn = rawtcp.Sniffer(a.port)
    ls = listener(a.host, a.port)
    t = Thread(server, ls)
    t.start()
    c = socket.socket()
    c.connect((a.host, a.port))
    cport = c.getsockname()[1]
    c.sendall(request("/first"))
    log("client got", len(read_response(c)), "bytes")
    time.sleep(0.2)
    sn.wait_quiet(0.1)
    seq, _ = rawtcp.craft_in_connection(sn, a.host, cport, a.host, a.port, rawtcp.RST,
                                        seq_offset=100, with_ts=False, window=0)
    log("injected [R] seq %d (expected %d)" % (seq, (seq - 100) & 0xFFFFFFFF))
    time.sleep(0.3)
    c.sendall(request("/still-open"))
    log("client got", len(read_response(c)), "bytes")
    c.close()
    t.join(10)
    a.driver.finish()
    sn.stop()


if __name__ == "__main__":
    main()
