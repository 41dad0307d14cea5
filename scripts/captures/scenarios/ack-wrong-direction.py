#!/usr/bin/env python3
"""ack-wrong-direction: the client's first [S] is seen by the lo tap and then
dropped by iptables INPUT (capture-all.sh adds a rule whose byte quota only
holds one SYN). While the client waits in SYN_SENT, a crafted pure [.] comes
from the SERVER's address and port (127.0.0.1:47025) to the client, with
ack = client ISN + 1, before any SYN+ACK: an ACK travelling the wrong way
during the handshake. Sent through a raw socket (lib/rawtcp.py). The client
in SYN_SENT silently discards an ACK without SYN whose ack is acceptable
(RFC 793), so nothing answers it. The client retransmits its SYN 1 s after
the first one; that one passes: normal handshake, request, response,
3-segment close, client TIME_WAIT.
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
    recv_until(c, b"\r\n\r\n")
    c.sendall(response(RESPONSE_BODY))
    recv_to_eof(c)
    c.close()


def client(host, port):
    c = socket.socket()
    c.connect((host, port))          # first SYN dropped, retransmission at 1 s
    c.sendall(request("/ack-wrong-direction"))
    log("client got", len(read_response(c)), "bytes")
    c.close()


def main():
    a = parse_args(47025)
    sn = rawtcp.Sniffer(a.port)
    ls = listener(a.host, a.port)
    ts = Thread(server, ls)
    ts.start()
    tc = Thread(client, a.host, a.port)
    tc.start()
    syn = sn.wait_for(lambda s: s.dport == a.port and s.flags == rawtcp.SYN)
    time.sleep(0.2)
    rawtcp.send_tcp(a.host, syn.src, a.port, syn.sport, 0x5eed0001, syn.end, rawtcp.ACK,
                    window=512)
    log("injected [.] %s:%d > %s:%d ack %d (client ISN %d) before any SYN+ACK"
        % (a.host, a.port, syn.src, syn.sport, syn.end, syn.seq))
    tc.join(10)
    ts.join(10)
    a.driver.finish()
    sn.stop()


if __name__ == "__main__":
    main()
