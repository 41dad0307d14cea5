"""Shared helpers for the capture scenarios (python standard library only).

A scenario program is started by scripts/captures/capture-all.sh and talks to
it through marker files in a "sync directory" (--sync-dir):

  want-capture  program -> driver : "start tcpdump now" (midstream only)
  capture-on    driver -> program : tcpdump is running
  ss-request    program -> driver : "record ss now" (sockets are in their final state)
  ss-done       driver -> program : ss.txt written
  ready         program -> driver : scenario is over; stop tcpdump, record ss
                                    if not done yet
  release       driver -> program : you may close your sockets and exit

Without --sync-dir every step is a no-op, so a scenario can be run by hand.
"""
import argparse
import ctypes
import os
import socket
import struct
import sys
import threading
import time

T0 = time.monotonic()


def log(*parts):
    print("[%7.3f] %s" % (time.monotonic() - T0, " ".join(str(p) for p in parts)),
          file=sys.stderr, flush=True)


class Driver:
    def __init__(self, sync_dir):
        self.dir = sync_dir

    def _touch(self, name):
        if self.dir:
            with open(os.path.join(self.dir, name), "w"):
                pass

    def _wait(self, name, timeout=60.0):
        if not self.dir:
            return
        path = os.path.join(self.dir, name)
        deadline = time.monotonic() + timeout
        while not os.path.exists(path):
            if time.monotonic() > deadline:
                raise TimeoutError("driver did not create %s" % path)
            time.sleep(0.01)

    def capture_point(self):
        """Make sure tcpdump runs from here on (starts it if it was deferred)."""
        self._touch("want-capture")
        self._wait("capture-on")

    def snapshot_ss(self):
        """Ask the driver to record ss now, while the sockets still exist."""
        self._touch("ss-request")
        self._wait("ss-done")

    def finish(self, settle=0.3):
        """End of scenario: let the last packets reach tcpdump, then hand over."""
        time.sleep(settle)
        self._touch("ready")
        self._wait("release")


def parse_args(default_port, extra=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=default_port)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--sync-dir")
    if extra:
        extra(ap)
    args = ap.parse_args()
    args.driver = Driver(args.sync_dir)
    return args


def listener(host, port, family=socket.AF_INET, backlog=8, rcvbuf=None):
    s = socket.socket(family, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.bind((host, port))
    s.listen(backlog)
    return s


def set_linger0(s):
    """close() will send RST instead of FIN (SO_LINGER {on, 0 s})."""
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def recv_until(s, marker):
    buf = b""
    while marker not in buf:
        chunk = s.recv(65536)
        if not chunk:
            raise EOFError("peer closed before %r" % marker)
        buf += chunk
    return buf


def recv_exact(s, n):
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            raise EOFError("peer closed after %d of %d bytes" % (len(buf), n))
        buf += chunk
    return buf


def recv_to_eof(s):
    buf = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            return buf
        buf += chunk


def request(path="/hello"):
    return ("GET %s HTTP/1.1\r\nHost: localhost\r\nUser-Agent: tcpdump-lens-capture\r\n\r\n" % path).encode()


def response(body):
    body = body.encode() if isinstance(body, str) else body
    head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n" % len(body)
    return head.encode() + body


RESPONSE_BODY = "hello from the tcpdump-lens capture server\n" * 3


def read_response(s):
    head = recv_until(s, b"\r\n\r\n")
    header, _, rest = head.partition(b"\r\n\r\n")
    length = 0
    for line in header.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    return header + b"\r\n\r\n" + rest + recv_exact(s, length - len(rest))


class Thread(threading.Thread):
    """A thread that re-raises its exception in join()."""

    def __init__(self, target, *args):
        super().__init__(daemon=True)
        self._target_fn = target
        self._args = args
        self.error = None
        self.result = None

    def run(self):
        try:
            self.result = self._target_fn(*self._args)
        except BaseException as e:  # noqa
            self.error = e
            log("thread %s failed: %r" % (self._target_fn.__name__, e))

    def join(self, timeout=None):
        super().join(timeout)
        if self.is_alive():
            raise TimeoutError("thread %s still running" % self._target_fn.__name__)
        if self.error:
            raise self.error
        return self.result


_libc = None


def enter_netns(name):
    """Move the CALLING THREAD into network namespace /var/run/netns/NAME.

    Sockets created afterwards by this thread live in that namespace.
    (os.setns only exists from Python 3.12 on, so use libc via ctypes.)
    """
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
    CLONE_NEWNET = 0x40000000
    fd = os.open("/var/run/netns/%s" % name, os.O_RDONLY)
    try:
        if _libc.setns(fd, CLONE_NEWNET) != 0:
            err = ctypes.get_errno()
            raise OSError(err, "setns(%s): %s" % (name, os.strerror(err)))
    finally:
        os.close(fd)


def sleep_until(wall_time):
    """Sleep until the given time.time() value (shared clock of both endpoints)."""
    while True:
        left = wall_time - time.time()
        if left <= 0:
            return
        time.sleep(min(left, 0.05) if left > 0.002 else 0)
