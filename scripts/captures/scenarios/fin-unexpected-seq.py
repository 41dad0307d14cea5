#!/usr/bin/env python3
"""fin-unexpected-seq: request + response, then a crafted [F.] "from the
client" (same address and port, ack and TCP timestamps like the client's own)
whose seq is the client's next sequence number + 1000: a FIN that is not
at the sender's next sequence number (1000 bytes missing before it). Sent
through a raw socket (lib/rawtcp.py). The server's stack keeps it in its
out-of-order queue and answers at once with a duplicate ACK carrying a SACK
block for it. The real client goes on: 300 ms later a second
request/response (82 bytes, which does not reach the crafted FIN) and a
normal close at the real sequence number; client ends in TIME_WAIT.
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
    a = parse_args(47027)
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
    seq, _ = rawtcp.craft_in_connection(sn, a.host, cport, a.host, a.port,
                                        rawtcp.FIN | rawtcp.ACK, seq_offset=1000)
    log("injected [F.] seq %d (expected %d)" % (seq, (seq - 1000) & 0xFFFFFFFF))
    time.sleep(0.3)
    c.sendall(request("/still-open"))
    log("client got", len(read_response(c)), "bytes")
    c.close()
    t.join(10)
    a.driver.finish()
    sn.stop()


if __name__ == "__main__":
    main()
