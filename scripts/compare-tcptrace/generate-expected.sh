#!/usr/bin/env bash
# Records tcptrace's long statistics (tcptrace -l -n -r) for every repository capture, so the
# statistics test can compare without tcptrace installed. Output: test/tcptrace/expected/*.json.
# Needs tcptrace (apt-get install tcptrace). Usage: bash scripts/compare-tcptrace/generate-expected.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out=test/tcptrace/expected
mkdir -p "$out"
for p in test/baseline/pcap/*.pcap; do
  name=$(basename "$p" .pcap)
  # tcptrace exits non-zero even when it succeeds.
  { tcptrace -l -n -r "$p" 2>/dev/null || true; } | python3 -c '
import json, re, sys
conns, cur = [], None
for line in sys.stdin:
    # tcptrace names the hosts of connection n with letters: a/b, c/d, … aa/ab …
    m = re.match(r"\s+host ([a-z]+):\s+(\S+)", line)
    if m:
        if cur is None or cur["b"] is not None:
            cur = {"a": m.group(2), "b": None, "a2b": {}, "b2a": {}}
            conns.append(cur)
        else:
            cur["b"] = m.group(2)
        continue
    if cur is None:
        continue
    # Two columns: "     name:   value unit     name:   value unit"
    m = re.match(r"\s+(.+?):\s+(\S+)(?: \S+)?\s{2,}(.+?):\s+(\S+)", line)
    if m and m.group(1) == m.group(3):
        cur["a2b"][m.group(1)] = m.group(2)
        cur["b2a"][m.group(3)] = m.group(4)
json.dump(conns, sys.stdout, indent=1)
print()
' > "$out/$name.json"
done
echo "wrote $(ls "$out" | wc -l) files to $out"
