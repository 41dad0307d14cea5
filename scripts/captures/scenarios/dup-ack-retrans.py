#!/usr/bin/env python3
"""dup-ack-retrans: capture-all.sh inserts a rule that drops exactly one data
segment towards port 47015 after tcpdump has seen it (lo tap is before
netfilter INPUT):
    iptables -I INPUT -i lo -p tcp --dport 47015 -m length --length 500:65535 \
             -m statistic --mode nth --every 1000 --packet 998 -j DROP
(the 2nd segment of 500+ bytes). The client sends eight 1000-byte blocks
back to back with TCP_NODELAY; the blocks after the lost one arrive out of
order and the server answers each with a duplicate ACK carrying a SACK
block, until the client retransmits the lost block. Then a response and a
normal close.

On loopback the RTT is a few microseconds, so RACK marks the block lost as
soon as the first SACK arrives: one duplicate ACK, then the retransmission.
dup-ack-retrans-rtt runs the same program between two network namespaces
(client 10.253.0.1 in A, server 10.253.0.2 in B, 50 ms delay each way, rule
in B's INPUT chain, port 47019): all the blocks are sent before the first
duplicate ACK comes back, so a train of duplicate ACKs with growing SACK
blocks precedes the retransmission.
"""
import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import *  # noqa: E402,F401,F403


BLOCKS = 8
SIZE = 1000


def server(ls):
    c, _ = ls.accept()
    ls.close()
    data = recv_exact(c, BLOCKS * SIZE)
    c.sendall(b"got %d bytes\n" % len(data))
    recv_to_eof(c)
    c.close()


def main():
    def extra(ap):
        ap.add_argument("--netns-a")
        ap.add_argument("--netns-b")
        ap.add_argument("--addr-a")
        ap.add_argument("--addr-b")
    a = parse_args(47015, extra)

    def make_listener():           # a socket stays in the namespace it was made in
        if a.netns_b:
            enter_netns(a.netns_b)
        return listener(a.addr_b or a.host, a.port)
    mk = Thread(make_listener)
    mk.start()
    t = Thread(server, mk.join(5))
    t.start()
    if a.netns_a:
        enter_netns(a.netns_a)     # main thread = client, in namespace A
    c = socket.socket()
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    c.connect((a.addr_b or a.host, a.port))
    time.sleep(0.05)
    for i in range(BLOCKS):
        c.sendall(bytes([0x41 + i]) * SIZE)
    log("client got", recv_until(c, b"\n"))
    time.sleep(0.1)
    c.close()
    t.join(10)
    a.driver.finish()


if __name__ == "__main__":
    main()
