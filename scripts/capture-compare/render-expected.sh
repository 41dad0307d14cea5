#!/usr/bin/env bash
# Renders the expected text of tcpdump's regression captures for the capture-renderer tests:
#   ../shared/corpus/tcpdump-tests/pcap/FILE  ->  test/capture/expected/FILE.tcpdump
# with `TZ=UTC tcpdump -nn -r FILE` (tcpdump 4.99.3 / libpcap 1.10.3 made the committed ones).
# Renders larger than ~200 KB are not kept (the test skips captures without expected text).
set -euo pipefail
cd "$(dirname "$0")/../.."
src=../shared/corpus/tcpdump-tests/pcap
out=test/capture/expected
max_bytes=$((200 * 1024))
if [ -n "${CI:-}" ]; then
  echo "render-expected.sh: not run under CI (expected text is committed)" >&2
  exit 1
fi
command -v tcpdump >/dev/null || { echo "tcpdump is not installed" >&2; exit 1; }
[ -d "$src" ] || { echo "$src not found" >&2; exit 1; }
tcpdump --version 2>&1 | head -n 2
mkdir -p "$out"
kept=0
skipped=()
for f in "$src"/*.pcap "$src"/*.pcapng; do
  [ -e "$f" ] || continue
  name=$(basename "$f")
  tmp=$(mktemp)
  # tcpdump exits non-zero on some damaged captures after printing what it could; keep that.
  TZ=UTC tcpdump -nn -r "$f" > "$tmp" 2>/dev/null || true
  size=$(wc -c < "$tmp")
  if [ "$size" -gt "$max_bytes" ]; then
    skipped+=("$name ($size bytes)")
    rm -f "$tmp" "$out/$name.tcpdump"
    continue
  fi
  mv "$tmp" "$out/$name.tcpdump"
  kept=$((kept + 1))
done
echo "wrote $kept files to $out"
if [ "${#skipped[@]}" -gt 0 ]; then
  printf 'skipped (larger than %d bytes): %s\n' "$max_bytes" "${skipped[@]}"
fi
