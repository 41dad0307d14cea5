#!/usr/bin/env python3
"""data-after-fin: request + response, then the client shutdown(SHUT_WR)s:
[F.] at seq F, ACKed by the server (client FIN_WAIT_2, server CLOSE_WAIT).
Then a crafted [P.] segment "from the client" (same address and port, ack and
TCP timestamps like the client's own) carries 23 bytes at seq F + 1, i.e.
data beyond the client's own FIN. It is sent through a raw socket
(lib/rawtcp.py) and processed by the server's stack like a real segment.
200 ms later the server closes; the client ACKs the server's FIN and ends
in TIME_WAIT.
"""
import os
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import *  # noqa: E402,F401,F403
import rawtcp  # noqa: E402

LATE = b"LATE DATA AFTER MY FIN\n"


def server(ls, injected):
    c, _ = ls.accept()
    ls.close()
    recv_until(c, b"\r\n\r\n")
    c.sendall(response(RESPONSE_BODY))
    rest = recv_to_eof(c)
    log("server: EOF (+%d bytes)" % len(rest))
    injected.wait(10)
    time.sleep(0.2)
    c.close()


def main():
    a = parse_args(47022)
    sn = rawtcp.Sniffer(a.port)
    ls = listener(a.host, a.port)
    injected = threading.Event()
    t = Thread(server, ls, injected)
    t.start()
    c = socket.socket()
    c.connect((a.host, a.port))
    cport = c.getsockname()[1]
    c.sendall(request("/data-after-fin"))
    log("client got", len(read_response(c)), "bytes")
    time.sleep(0.05)
    c.shutdown(socket.SHUT_WR)
    fin = sn.wait_for(lambda s: s.sport == cport and s.flags & rawtcp.FIN)
    sn.wait_for(lambda s: s.dport == cport and s.ack == fin.end)   # server ACKed the FIN
    time.sleep(0.1)
    seq, ack = rawtcp.craft_in_connection(sn, a.host, cport, a.host, a.port,
                                          rawtcp.PSH | rawtcp.ACK, payload=LATE)
    log("injected %d bytes at seq %d (client FIN was seq %d)" % (len(LATE), seq, fin.seq))
    assert seq == (fin.seq + 1) & 0xFFFFFFFF
    injected.set()
    data = recv_to_eof(c)
    log("client: EOF after", len(data), "bytes")
    c.close()
    t.join(10)
    a.driver.finish()
    sn.stop()


if __name__ == "__main__":
    main()
