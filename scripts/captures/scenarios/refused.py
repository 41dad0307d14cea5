#!/usr/bin/env python3
"""refused: connect() to a port nobody listens on. The kernel answers the SYN
with [R.] seq 0, ack ISN+1, win 0 and connect() fails with ECONNREFUSED.
"""
import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import *  # noqa: E402,F401,F403


def main():
    a = parse_args(47004)
    c = socket.socket()
    try:
        c.connect((a.host, a.port))
        raise SystemExit("unexpected: connect() succeeded")
    except ConnectionRefusedError as e:
        log("client: connect() ->", e)
    c.close()
    a.driver.finish()


if __name__ == "__main__":
    main()
