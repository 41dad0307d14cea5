#!/usr/bin/env python3
"""Delay every packet handed to an NFQUEUE by a fixed time, then accept it.

This replaces `tc qdisc ... netem delay`, which is not available on kernels
built without CONFIG_NET_SCH_NETEM (the capture machine has no netem).
It speaks nfnetlink_queue directly (python standard library only).

Usage (inside the network namespace whose iptables rules feed the queue):
    python3 nfq_delay.py --queue 7 --delay-ms 50 [--ready-file PATH]

The delay is constant, so packets leave in the order they arrived.
Stop it with SIGTERM or SIGINT; packets still held are accepted on exit.
"""
import argparse
import collections
import os
import select
import signal
import socket
import struct
import sys
import time

NETLINK_NETFILTER = 12
NFNL_SUBSYS_QUEUE = 3
NFQNL_MSG_PACKET = 0
NFQNL_MSG_VERDICT = 1
NFQNL_MSG_CONFIG = 2
NFQA_PACKET_HDR = 1
NFQA_VERDICT_HDR = 2
NFQA_CFG_CMD = 1
NFQA_CFG_PARAMS = 2
NFQNL_CFG_CMD_BIND = 1
NFQNL_CFG_CMD_UNBIND = 2
NFQNL_COPY_META = 1
NF_ACCEPT = 1
NLM_F_REQUEST = 0x1
NLM_F_ACK = 0x4
NLMSG_ERROR = 2
NLMSG_DONE = 3


def nla(attr_type, payload):
    length = 4 + len(payload)
    pad = (4 - length % 4) % 4
    return struct.pack("=HH", length, attr_type) + payload + b"\0" * pad


def nlmsg(msg_type, flags, seq, queue, attrs):
    # nfgenmsg: family (u8), version (u8), res_id (be16)
    body = struct.pack("=BB", socket.AF_UNSPEC, 0) + struct.pack(">H", queue) + attrs
    return struct.pack("=IHHII", 16 + len(body), (NFNL_SUBSYS_QUEUE << 8) | msg_type, flags, seq, 0) + body


class Queue:
    def __init__(self, num):
        self.num = num
        self.seq = 0
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
        self.sock.bind((0, 0))

    def request(self, msg_type, attrs):
        self.seq += 1
        self.sock.send(nlmsg(msg_type, NLM_F_REQUEST | NLM_F_ACK, self.seq, self.num, attrs))
        data = self.sock.recv(65536)
        _, mtype, _, _, _ = struct.unpack_from("=IHHII", data, 0)
        if mtype == NLMSG_ERROR:
            (err,) = struct.unpack_from("=i", data, 16)
            if err != 0:
                raise OSError(-err, os.strerror(-err))

    def bind(self):
        self.request(NFQNL_MSG_CONFIG, nla(NFQA_CFG_CMD, struct.pack("=BB", NFQNL_CFG_CMD_BIND, 0) + struct.pack(">H", 0)))
        self.request(NFQNL_MSG_CONFIG, nla(NFQA_CFG_PARAMS, struct.pack(">IB", 0, NFQNL_COPY_META)))

    def unbind(self):
        try:
            self.request(NFQNL_MSG_CONFIG, nla(NFQA_CFG_CMD, struct.pack("=BB", NFQNL_CFG_CMD_UNBIND, 0) + struct.pack(">H", 0)))
        except OSError:
            pass

    def verdict(self, packet_id):
        self.seq += 1
        attrs = nla(NFQA_VERDICT_HDR, struct.pack(">II", NF_ACCEPT, packet_id))
        self.sock.send(nlmsg(NFQNL_MSG_VERDICT, NLM_F_REQUEST, self.seq, self.num, attrs))

    def packets(self, data):
        """Yield the packet ids found in one recv() buffer."""
        off = 0
        while off + 16 <= len(data):
            length, mtype, _, _, _ = struct.unpack_from("=IHHII", data, off)
            if length < 16:
                break
            if mtype == (NFNL_SUBSYS_QUEUE << 8) | NFQNL_MSG_PACKET:
                a = off + 16 + 4  # skip nlmsghdr + nfgenmsg
                end = off + length
                while a + 4 <= end:
                    alen, atype = struct.unpack_from("=HH", data, a)
                    if alen < 4:
                        break
                    if (atype & 0x7FFF) == NFQA_PACKET_HDR:
                        (pid,) = struct.unpack_from(">I", data, a + 4)
                        yield pid
                    a += (alen + 3) & ~3
            off += (length + 3) & ~3


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--queue", type=int, required=True)
    ap.add_argument("--delay-ms", type=float, required=True)
    ap.add_argument("--ready-file")
    args = ap.parse_args()
    delay = args.delay_ms / 1000.0

    q = Queue(args.queue)
    q.bind()
    held = collections.deque()  # (release_time, packet_id)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    if args.ready_file:
        open(args.ready_file, "w").close()
    while not stop:
        now = time.monotonic()
        while held and held[0][0] <= now:
            q.verdict(held.popleft()[1])
        timeout = max(0.0, held[0][0] - now) if held else 0.5
        try:
            r, _, _ = select.select([q.sock], [], [], timeout)
        except InterruptedError:
            continue
        if r:
            data = q.sock.recv(1 << 16)
            arrived = time.monotonic()
            for pid in q.packets(data):
                held.append((arrived + delay, pid))
    while held:
        q.verdict(held.popleft()[1])
    q.unbind()
    return 0


if __name__ == "__main__":
    sys.exit(main())
