"""Craft and sniff IPv4/TCP packets (python standard library only, needs root).

Used by the scenarios whose finding needs a segment that no socket API can
produce (a SYN flood from many source addresses, a RST or FIN with a wrong
sequence number, data beyond a FIN, ...). The crafted packets are real: they
are handed to the kernel through a raw socket, travel the loopback device
(captured by tcpdump like any other packet) and are processed by the
receiving TCP stack, which answers as it would answer anybody.

  send_tcp(src, dst, sport, dport, seq, ack, flags, ...)
      builds the IPv4 header (IP_HDRINCL, via an IPPROTO_RAW socket) and the
      TCP header with a correct checksum and sends it.
  Sniffer(port)
      an AF_PACKET socket on lo (the tap tcpdump uses) in a thread; records
      every TCP segment to or from PORT, so a scenario can learn the ISNs,
      the next sequence numbers and the timestamps of a real connection
      before it injects a segment into it.

Only loopback addresses (127.0.0.0/8) are accepted as destinations.
"""
import socket
import struct
import threading
import time

FIN, SYN, RST, PSH, ACK, URG = 0x01, 0x02, 0x04, 0x08, 0x10, 0x20

ETH_P_IP = 0x0800
PACKET_OUTGOING = 4


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def tcp_options(mss=None, sack_perm=False, ts=None, wscale=None):
    """Options in the order Linux puts them in a SYN: mss, sackOK, TS, nop, wscale.
    ts = (tsval, tsecr). Padded to a multiple of 4 bytes."""
    o = b""
    if mss is not None:
        o += struct.pack("!BBH", 2, 4, mss)
    if sack_perm and ts is not None:
        o += struct.pack("!BB", 4, 2) + struct.pack("!BBII", 8, 10, ts[0], ts[1])
    else:
        if sack_perm:
            o += struct.pack("!BBBB", 1, 1, 4, 2)
        if ts is not None:
            o += struct.pack("!BBBBII", 1, 1, 8, 10, ts[0], ts[1])
    if wscale is not None:
        o += struct.pack("!BBBB", 1, 3, 3, wscale)
    while len(o) % 4:
        o += b"\x01"
    return o


def build_tcp(src, dst, sport, dport, seq, ack, flags, window=512, payload=b"",
              options=b"", ip_id=0, ttl=64):
    """One IPv4 packet (no IP options, DF set) carrying one TCP segment."""
    payload = payload or b""
    doff = (20 + len(options)) // 4
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF,
                      doff << 4, flags, window, 0, 0) + options + payload
    s, d = socket.inet_aton(src), socket.inet_aton(dst)
    pseudo = s + d + struct.pack("!BBH", 0, socket.IPPROTO_TCP, len(tcp))
    csum = checksum(pseudo + tcp)
    tcp = tcp[:16] + struct.pack("!H", csum) + tcp[18:]
    total = 20 + len(tcp)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total, ip_id, 0x4000, ttl,
                     socket.IPPROTO_TCP, 0, s, d)
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    return ip + tcp


_raw = None
_raw_lock = threading.Lock()


def send_packet(pkt, dst):
    if not dst.startswith("127."):
        raise ValueError("rawtcp only sends to loopback addresses, not %s" % dst)
    global _raw
    with _raw_lock:
        if _raw is None:
            _raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
        _raw.sendto(pkt, (dst, 0))


def send_tcp(src, dst, sport, dport, seq, ack, flags, **kw):
    send_packet(build_tcp(src, dst, sport, dport, seq, ack, flags, **kw), dst)


class Segment:
    __slots__ = ("time", "src", "dst", "sport", "dport", "seq", "ack", "flags",
                 "window", "length", "tsval", "tsecr")

    def __init__(self, **kw):
        for k, v in kw.items():
            setattr(self, k, v)

    @property
    def end(self):
        """Sequence number just after this segment (SYN and FIN count one)."""
        return (self.seq + self.length + (1 if self.flags & SYN else 0)
                + (1 if self.flags & FIN else 0)) & 0xFFFFFFFF

    def key(self):
        return (self.src, self.sport, self.dst, self.dport)

    def __repr__(self):
        names = "".join(c for bit, c in ((SYN, "S"), (FIN, "F"), (RST, "R"), (PSH, "P"), (ACK, "."))
                        if self.flags & bit)
        return "%s:%d > %s:%d [%s] seq %d ack %d len %d" % (
            self.src, self.sport, self.dst, self.dport, names, self.seq, self.ack, self.length)


def parse_ipv4_tcp(data, t=None):
    if len(data) < 40 or data[0] >> 4 != 4 or data[9] != socket.IPPROTO_TCP:
        return None
    ihl = (data[0] & 0x0F) * 4
    total = struct.unpack_from("!H", data, 2)[0]
    tcp = data[ihl:total]
    if len(tcp) < 20:
        return None
    sport, dport, seq, ack, off, flags, window = struct.unpack_from("!HHIIBBH", tcp, 0)
    doff = (off >> 4) * 4
    tsval = tsecr = None
    opts = tcp[20:doff]
    i = 0
    while i < len(opts):
        kind = opts[i]
        if kind == 0:
            break
        if kind == 1:
            i += 1
            continue
        if i + 1 >= len(opts):
            break
        ln = opts[i + 1]
        if ln < 2:
            break
        if kind == 8 and ln == 10:
            tsval, tsecr = struct.unpack_from("!II", opts, i + 2)
        i += ln
    return Segment(time=t if t is not None else time.time(),
                   src=socket.inet_ntoa(data[12:16]), dst=socket.inet_ntoa(data[16:20]),
                   sport=sport, dport=dport, seq=seq, ack=ack, flags=flags, window=window,
                   length=len(tcp) - doff, tsval=tsval, tsecr=tsecr)


class Sniffer(threading.Thread):
    """Record every TCP segment to or from one of PORTS seen on lo."""

    def __init__(self, ports, iface="lo"):
        super().__init__(daemon=True)
        self.ports = set([ports] if isinstance(ports, int) else ports)
        self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(ETH_P_IP))
        self.sock.bind((iface, ETH_P_IP))
        self.sock.settimeout(0.2)
        self.segments = []
        self.cond = threading.Condition()
        self.stopped = False
        self.start()

    def run(self):
        while not self.stopped:
            try:
                data, addr = self.sock.recvfrom(65536)
            except socket.timeout:
                continue
            except OSError:
                break
            if addr[2] == PACKET_OUTGOING:   # lo shows every packet twice
                continue
            seg = parse_ipv4_tcp(data)
            if seg is None or not (seg.sport in self.ports or seg.dport in self.ports):
                continue
            with self.cond:
                self.segments.append(seg)
                self.cond.notify_all()

    def stop(self):
        self.stopped = True
        self.join(2)
        self.sock.close()

    def wait_for(self, pred, timeout=5.0, start=0):
        """First recorded segment (index >= start) for which pred(seg) is true."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for seg in self.segments[start:]:
                    if pred(seg):
                        return seg
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("no matching segment within %.1f s" % timeout)
                self.cond.wait(left)

    def wait_quiet(self, quiet=0.3, timeout=5.0):
        """Wait until no new segment has been seen for QUIET seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.cond:
                n = len(self.segments)
            time.sleep(quiet)
            with self.cond:
                if len(self.segments) == n:
                    return
        raise TimeoutError("traffic did not settle")

    def flow(self, src, sport, dst, dport):
        with self.cond:
            return [s for s in self.segments if s.key() == (src, sport, dst, dport)]

    def next_seq(self, src, sport, dst, dport):
        """Highest 'sequence number after the segment' sent in this direction."""
        segs = self.flow(src, sport, dst, dport)
        if not segs:
            raise LookupError("nothing seen from %s:%d to %s:%d" % (src, sport, dst, dport))
        best = segs[0].end
        for s in segs[1:]:
            if ((s.end - best) & 0xFFFFFFFF) < 0x80000000:
                best = s.end
        return best

    def last(self, src, sport, dst, dport):
        segs = self.flow(src, sport, dst, dport)
        if not segs:
            raise LookupError("nothing seen from %s:%d to %s:%d" % (src, sport, dst, dport))
        return segs[-1]

    def ts_echo(self, src, sport, dst, dport):
        """(tsval, tsecr) for a segment that src could send now: its own last
        TSval (+1) and the peer's last TSval as echo; None if no timestamps."""
        mine = self.last(src, sport, dst, dport)
        peer = self.last(dst, dport, src, sport)
        if mine.tsval is None or peer.tsval is None:
            return None
        return ((mine.tsval + 1) & 0xFFFFFFFF, peer.tsval)


def craft_in_connection(sniffer, src, sport, dst, dport, flags, seq_offset=0,
                        payload=b"", with_ts=True, window=None):
    """Send a segment from src:sport to dst:dport that belongs to the live
    connection seen by SNIFFER: seq = src's next sequence number + seq_offset,
    ack = dst's next sequence number, same window and timestamps as src's own
    last segment. Returns (seq, ack) used."""
    seq = (sniffer.next_seq(src, sport, dst, dport) + seq_offset) & 0xFFFFFFFF
    ack = sniffer.next_seq(dst, dport, src, sport)
    mine = sniffer.last(src, sport, dst, dport)
    ts = sniffer.ts_echo(src, sport, dst, dport) if with_ts else None
    opts = tcp_options(ts=ts) if ts else b""
    send_tcp(src, dst, sport, dport, seq, ack if flags & ACK else 0, flags,
             window=mine.window if window is None else window, payload=payload, options=opts)
    return seq, ack
