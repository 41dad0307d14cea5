#!/usr/bin/env python3
"""ipv6: the normal-3way-close session over ::1 (port 47014)."""
import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from common import *  # noqa: E402,F401,F403

import runpy  # noqa: E402

if __name__ == "__main__":
    if "--family" not in sys.argv:
        sys.argv += ["--family", "inet6"]
    if "--host" not in sys.argv:
        sys.argv += ["--host", "::1"]
    if "--port" not in sys.argv:
        sys.argv += ["--port", "47014"]
    runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "normal-3way-close.py"),
                   run_name="__main__")
