#!/usr/bin/env python3
"""syn-in-established: request + response on an ESTABLISHED connection, then a
crafted bare [S] "from the client" (same address and port) with a NEW initial
sequence number (the old ISN + 2^31), as if the client had rebooted and
reused the port: window and options like a fresh Linux SYN (mss, sackOK,
TS with a small new TSval, wscale). Sent through a raw socket
(lib/rawtcp.py). The server's stack answers it, as RFC 5961 says, with a
challenge ACK ([.] carrying its current seq/ack, not a SYN+ACK); the real
client, whose socket is fine, ignores that duplicate ACK. 300 ms later a
second request/response and a normal close; client ends in TIME_WAIT.
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
    a = parse_args(47024)
    sn = rawtcp.Sniffer(a.port)
    ls = listener(a.host, a.port)
    t = Thread(server, ls)
    t.start()
    c = socket.socket()
    c.connect((a.host, a.port))
    cport = c.getsockname()[1]
    c.sendall(request("/before-reboot"))
    log("client got", len(read_response(c)), "bytes")
    time.sleep(0.2)
    syn = sn.wait_for(lambda s: s.sport == cport and s.flags & rawtcp.SYN)
    new_isn = (syn.seq + 0x80000000) & 0xFFFFFFFF
    opts = rawtcp.tcp_options(mss=65495, sack_perm=True, ts=(1000, 0), wscale=7)
    rawtcp.send_tcp(a.host, a.host, cport, a.port, new_isn, 0, rawtcp.SYN,
                    window=65495, options=opts)
    log("injected SYN with ISN %d on the established 4-tuple (old ISN %d)" % (new_isn, syn.seq))
    time.sleep(0.3)
    c.sendall(request("/after-the-syn"))
    log("client got", len(read_response(c)), "bytes")
    c.close()
    t.join(10)
    a.driver.finish()
    sn.stop()


if __name__ == "__main__":
    main()
