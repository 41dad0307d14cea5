#!/usr/bin/env bash
# Render every pcap in test/baseline/pcap to tcpdump text:
#   test/baseline/fixtures/<scenario>/<variant>.tcpdump
# Deterministic from the pcap alone (TZ=UTC, LC_ALL=C, tcpdump run from the
# pcap directory), so it can be rerun without recapturing. Does not need root.
#
#   bash scripts/captures/render.sh                  # all pcaps
#   bash scripts/captures/render.sh --scenario NAME  # one (repeatable)
#
# stdout of tcpdump is kept byte for byte; its stderr banner ("reading from
# file ..., link-type ...") is dropped, except in the with-banner variant.
# The "names" variant (no -n) resolves 127.0.0.1 through /etc/hosts and port
# numbers through /etc/services of the machine that renders it.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PCAP_DIR=$ROOT/test/baseline/pcap
FIX_DIR=$ROOT/test/baseline/fixtures
TCPDUMP=${TCPDUMP:-tcpdump}
export TZ=UTC LC_ALL=C

flags_for() {  # variant -> tcpdump flags
  case $1 in
    n|with-banner) printf '%s\n' "-n" ;;
    nn)     printf '%s\n' "-nn" ;;
    S)      printf '%s\n' "-n -S" ;;
    t)      printf '%s\n' "-n -t" ;;
    tt)     printf '%s\n' "-n -tt" ;;
    ttt)    printf '%s\n' "-n -ttt" ;;
    tttt)   printf '%s\n' "-n -tttt" ;;
    ttttt)  printf '%s\n' "-n -ttttt" ;;
    nano)   printf '%s\n' "-n --nano" ;;
    q)      printf '%s\n' "-n -q" ;;
    v)      printf '%s\n' "-n -v" ;;
    vv)     printf '%s\n' "-n -vv" ;;
    e)      printf '%s\n' "-n -e" ;;
    x)      printf '%s\n' "-n -x" ;;
    X)      printf '%s\n' "-n -X" ;;
    A)      printf '%s\n' "-n -A" ;;
    num)    printf '%s\n' "-# -n" ;;
    names)  printf '%s\n' "" ;;
    *) echo "render.sh: unknown variant $1" >&2; return 1 ;;
  esac
}

variants_for() {  # scenario -> variants (n is always rendered)
  case $1 in
    normal-3way-close) echo "n nn S tttt tt ttt ttttt nano t q v vv e x X A num names with-banner" ;;
    normal-4way-close) echo "n S tttt" ;;
    ipv6)              echo "n v e" ;;
    any-interface)     echo "n e" ;;
    rst-abort|refused) echo "n v" ;;
    keepalive)         echo "n vv S" ;;
    zero-window)       echo "n vv" ;;
    port-reuse|midstream|simultaneous-open|syn-no-answer|syn-late-answer) echo "n S" ;;
    time-wait-pileup)  echo "n ttt ttttt" ;;
    *)                 echo "n" ;;
  esac
}

render() {  # render NAME VARIANT
  local name=$1 variant=$2 flags out err rc=0
  flags=$(flags_for "$variant")
  out=$FIX_DIR/$name/$variant.tcpdump
  err=$(mktemp)
  # run from the pcap directory so the banner names the file without a path
  # shellcheck disable=SC2086
  if [[ $variant == with-banner ]]; then
    (cd "$PCAP_DIR" && "$TCPDUMP" $flags -r "$name.pcap" >"$out" 2>&1) || rc=$?
  else
    (cd "$PCAP_DIR" && "$TCPDUMP" $flags -r "$name.pcap" >"$out" 2>"$err") || rc=$?
  fi
  if (( rc != 0 )) || grep -qvE '^(reading from file |Warning: interface names might be incorrect$)' "$err"; then
    cat "$err" >&2; rm -f "$err"
    echo "render.sh: tcpdump $flags -r $name.pcap failed (status $rc)" >&2
    return 1
  fi
  rm -f "$err"
}

main() {
  local selected=()
  while (( $# )); do
    case $1 in
      --scenario) selected+=("$2"); shift 2 ;;
      --scenario=*) selected+=("${1#*=}"); shift ;;
      -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
      *) echo "render.sh: unknown option $1" >&2; exit 1 ;;
    esac
  done
  if (( ${#selected[@]} == 0 )); then
    local f
    for f in "$PCAP_DIR"/*.pcap; do
      [[ -e $f ]] || continue
      f=${f##*/}; selected+=("${f%.pcap}")
    done
  fi
  local name variant
  for name in "${selected[@]}"; do
    [[ -f $PCAP_DIR/$name.pcap ]] || { echo "render.sh: no $PCAP_DIR/$name.pcap" >&2; exit 1; }
    mkdir -p "$FIX_DIR/$name"
    for variant in $(variants_for "$name"); do
      render "$name" "$variant"
    done
    if [[ $name == normal-3way-close ]]; then
      # the n variant with CRLF line ends (for parsers fed Windows text)
      python3 -c 'import sys; d=open(sys.argv[1],"rb").read(); open(sys.argv[2],"wb").write(d.replace(b"\n", b"\r\n"))' \
        "$FIX_DIR/$name/n.tcpdump" "$FIX_DIR/$name/n-crlf.tcpdump"
    fi
    printf 'render.sh: %-20s %3d packets  %s\n' "$name" \
      "$(wc -l <"$FIX_DIR/$name/n.tcpdump")" "$(variants_for "$name")" >&2
  done
}

main "$@"
