#!/usr/bin/env python3
"""Consistency check of test/baseline (no root, no capture needed).

For every fixture directory: scenario.json is valid and uses the agreed
vocabularies, the pcap exists, n.tcpdump exists and has capture.packets
lines, ss.txt exists; the whole test/baseline tree stays below 2 MB.
Run after capture-all.sh: a recapture changes packet counts, ISNs, ports and
timings, so scenario.json (written by hand from the pcap and ss.txt) must be
reviewed and updated whenever this check or a look at n.tcpdump disagrees.

    python3 scripts/captures/check.py
"""
import json
import os
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
BASE = os.path.join(ROOT, "test", "baseline")
FIX = os.path.join(BASE, "fixtures")
PCAP = os.path.join(BASE, "pcap")

HANDSHAKE = {"complete", "refused", "half-open", "no answer", "simultaneous open", "midstream"}
CLOSE = {"3-way", "4-way", "half-close", "simultaneous", "abort", "incomplete", "none"}
STATES = {"LISTEN", "SYN_SENT", "SYN_RCVD", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT",
          "CLOSING", "LAST_ACK", "TIME_WAIT", "CLOSED", "UNKNOWN"}


def main():
    errors = []
    names = sorted(d for d in os.listdir(FIX) if os.path.isdir(os.path.join(FIX, d)))
    for name in names:
        d = os.path.join(FIX, name)

        def err(msg):
            errors.append("%s: %s" % (name, msg))
        for f in ("scenario.json", "ss.txt", "n.tcpdump"):
            if not os.path.isfile(os.path.join(d, f)):
                err("missing " + f)
        sc, load_error = None, None
        try:
            with open(os.path.join(d, "scenario.json")) as f:
                sc = json.load(f)
        except (OSError, ValueError) as e:
            load_error = e
        pcap = os.path.join(PCAP, name + ".pcap")
        try:
            # A fixture may keep its capture beside it (scenario.json names it).
            pcap = os.path.join(ROOT, sc["capture"]["pcap"])
        except (KeyError, TypeError):
            pass
        if not os.path.isfile(pcap):
            err("missing pcap")
        if load_error is not None:
            err("scenario.json: %s" % load_error)
            continue
        exp = sc.get("expected", {})
        n = exp.get("connections")
        for key, vocab in (("handshake", HANDSHAKE), ("close", CLOSE)):
            vals = exp.get(key, [])
            if len(vals) != n:
                err("%s has %d entries, connections = %s" % (key, len(vals), n))
            for v in vals:
                if v not in vocab:
                    err("%s value %r not in vocabulary" % (key, v))
        fs = exp.get("finalState", [])
        if len(fs) != n:
            err("finalState has %d entries, connections = %s" % (len(fs), n))
        for e in fs:
            for side in ("client", "server"):
                if e.get(side) not in STATES:
                    err("finalState %s %r not a state" % (side, e.get(side)))
        try:
            with open(os.path.join(d, "n.tcpdump"), "rb") as f:
                data = f.read()
            lines = data.count(b"\n")
            if lines != sc.get("capture", {}).get("packets"):
                err("n.tcpdump has %d lines, scenario.json says %s packets"
                    % (lines, sc.get("capture", {}).get("packets")))
            if b"\r" in data:
                err("n.tcpdump contains CR")
        except OSError:
            pass
    total = 0
    for dirpath, _, files in os.walk(BASE):
        for f in files:
            total += os.path.getsize(os.path.join(dirpath, f))
    if total >= 2 * 1024 * 1024:
        errors.append("test/baseline is %d bytes (limit 2 MB)" % total)
    for e in errors:
        print("check.py: " + e, file=sys.stderr)
    print("check.py: %d scenarios, test/baseline %.0f KB, %s"
          % (len(names), total / 1024.0, "OK" if not errors else "%d problem(s)" % len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
