#!/usr/bin/env bash
# Records tshark's TCP analysis flags for every capture the agreement test uses:
# test/baseline/pcap/*.pcap (the repository's own loopback captures) and, when ../shared is
# present, the pcaps behind tcpdump's regression corpus. Output: test/tshark/expected/*.json.
# Needs tshark (apt-get install tshark). Usage: bash scripts/compare-tshark/generate-expected.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out=test/tshark/expected
mkdir -p "$out"
flags="retransmission fast_retransmission spurious_retransmission out_of_order lost_segment ack_lost_segment duplicate_ack zero_window zero_window_probe zero_window_probe_ack window_full window_update keep_alive keep_alive_ack reused_ports"
fields=(-e frame.number -e tcp.srcport)
for f in $flags; do fields+=(-e "tcp.analysis.$f"); done

record() { # pcap name
  local pcap=$1 name=$2
  tshark -r "$pcap" -o tcp.analyze_sequence_numbers:TRUE -T fields -E occurrence=f "${fields[@]}" 2>/dev/null |
    python3 -c '
import json, sys
names = sys.argv[2].split()
frames, tcp, found = 0, [], {}
for line in sys.stdin:
    cols = line.rstrip("\n").split("\t")
    if not cols[0]:
        continue
    frame = int(cols[0]); frames = max(frames, frame)
    if cols[1]:
        tcp.append(frame)
    hit = [n for n, v in zip(names, cols[2:]) if v]
    if hit:
        found[str(frame)] = hit
ranges = []
for f in tcp:
    if ranges and ranges[-1][1] == f - 1:
        ranges[-1][1] = f
    else:
        ranges.append([f, f])
doc = {"pcap": sys.argv[1], "tshark": sys.argv[3], "frames": frames,
       "tcpFrames": [r[0] if r[0] == r[1] else f"{r[0]}-{r[1]}" for r in ranges], "flags": found}
print(json.dumps(doc, separators=(",", ":")))
' "$pcap" "$flags" "$(tshark --version 2>/dev/null | head -1)" > "$out/$name.json"
}

for p in test/baseline/pcap/*.pcap; do record "$p" "fixture__$(basename "$p" .pcap)"; done
corpus=../shared/corpus/tcpdump-tests
if [ -d "$corpus/pcap" ]; then
  for p in "$corpus"/pcap/* "$corpus"/local-renders/pcap/*; do
    [ -f "$p" ] || continue
    b=$(basename "$p"); record "$p" "corpus__${b%.*}"
  done
fi
echo "wrote $(ls "$out" | wc -l) files to $out"
