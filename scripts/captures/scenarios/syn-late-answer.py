#!/usr/bin/env python3
"""syn-late-answer (optional variant of syn-no-answer): the same DROP rule
(port 47018) is deleted by this program 2.5 s after connect() started, so the
SYN retransmitted at about 3 s gets through: [S] [S] [S] [S.] [.] and the
handshake completes late. Then a request, a response and a normal close.
"""
import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import *  # noqa: E402,F401,F403

import subprocess  # noqa: E402

def server(ls):
    c, _ = ls.accept()
    ls.close()
    recv_until(c, b"\r\n\r\n")
    c.sendall(response(RESPONSE_BODY))
    recv_to_eof(c)
    c.close()


def main():
    a = parse_args(47018)
    ls = listener(a.host, a.port)
    t = Thread(server, ls)
    t.start()
    import threading

    def unblock():
        time.sleep(2.5)
        subprocess.run(["iptables", "-D", "INPUT", "-i", "lo", "-p", "tcp", "--dport", str(a.port),
                        "--syn", "-j", "DROP"], check=True)
        log("DROP rule removed")
    th = threading.Thread(target=unblock, daemon=True)
    th.start()
    c = socket.socket()
    c.settimeout(8.0)
    t0 = time.monotonic()
    c.connect((a.host, a.port))
    log("client: connected after %.2f s" % (time.monotonic() - t0))
    th.join()
    c.settimeout(None)
    c.sendall(request("/late"))
    log("client got", len(read_response(c)), "bytes")
    time.sleep(0.1)
    c.close()
    t.join(10)
    a.driver.finish()


if __name__ == "__main__":
    main()
