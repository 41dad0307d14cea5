#!/usr/bin/env python3
"""syn-flood: 40 crafted SYNs to one listener (127.0.0.1:47020), one from each
of the source addresses 127.0.0.10 ... 127.0.0.49 (all loopback), 25 ms
apart (1 s in all). The listener (backlog 128, so no SYN cookies) answers
each with a SYN+ACK and keeps a SYN_RECV request socket. The "clients" are
no sockets at all: the kernel would answer each unexpected SYN+ACK with a
RST, but capture-all.sh drops outgoing RSTs from 127.0.0.10-49 to port 47020
in iptables OUTPUT (before the lo tap), so no final ACK and no RST ever
appears: 40 half-open handshakes. The listener retransmits the first
SYN+ACKs after 1 s; ss at the end lists the SYN-RECV request sockets.

Packets are built with lib/rawtcp.py (raw IPPROTO_RAW socket, IP_HDRINCL).
Source ports and ISNs come from a fixed random seed.
"""
import os
import random
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import *  # noqa: E402,F401,F403
import rawtcp  # noqa: E402

SOURCES = ["127.0.0.%d" % i for i in range(10, 50)]
GAP = 0.025


def main():
    a = parse_args(47020)
    ls = listener(a.host, a.port, backlog=128)
    rnd = random.Random(47020)
    t0 = time.monotonic()
    for i, src in enumerate(SOURCES):
        while time.monotonic() < t0 + i * GAP:
            time.sleep(0.001)
        sport = rnd.randrange(32768, 61000)
        isn = rnd.randrange(1 << 32)
        opts = rawtcp.tcp_options(mss=65495, sack_perm=True,
                                  ts=(rnd.randrange(1 << 32), 0), wscale=7)
        rawtcp.send_tcp(src, a.host, sport, a.port, isn, 0, rawtcp.SYN,
                        window=65495, options=opts)
    log("sent %d SYNs from %d sources in %.2f s" % (len(SOURCES), len(SOURCES), time.monotonic() - t0))
    # let the first SYN+ACK retransmissions (1 s after their SYN) show, then stop
    time.sleep(0.4)
    a.driver.snapshot_ss()      # SYN-RECV request sockets while they exist
    a.driver.finish(settle=0.1)
    ls.close()


if __name__ == "__main__":
    main()
