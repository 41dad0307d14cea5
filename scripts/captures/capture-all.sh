#!/usr/bin/env bash
# Capture the tcpdump-lens baseline scenarios on this machine (loopback and
# private veth pairs inside network namespaces created here), then render the
# pcaps to text with render.sh.
#
#   sudo bash scripts/captures/capture-all.sh                 # every scenario
#   sudo bash scripts/captures/capture-all.sh --scenario NAME # one (repeatable)
#   sudo bash scripts/captures/capture-all.sh --list
#
# Output: test/baseline/pcap/<scenario>.pcap and
#         test/baseline/fixtures/<scenario>/ss.txt (+ the renders).
# Needs: root, tcpdump, ss, ip, iptables, python3 (standard library only).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PCAP_DIR=$ROOT/test/baseline/pcap
FIX_DIR=$ROOT/test/baseline/fixtures
SCEN_DIR=$HERE/scenarios
LIB_DIR=$HERE/lib
PY=${PYTHON:-python3}
export PYTHONDONTWRITEBYTECODE=1   # no __pycache__ next to the scenario programs

# Network namespaces / veth used by the "netns" scenarios (all private).
NS_A=tdlcap-a
NS_B=tdlcap-b
VETH_A=tdlcap-a0
VETH_B=tdlcap-b0
ADDR_A=10.253.0.1
ADDR_B=10.253.0.2
DELAY_MS=50
NFQ_NUM=4711

# name | server port | program (scenarios/<program>.py) | mode | extra program args
#   mode lo       : tcpdump -i lo, started before the program
#        lo-late  : tcpdump -i lo, started when the program asks (midstream)
#        any      : tcpdump -i any (LINUX_SLL2)
#        netns    : two namespaces + veth, 50 ms delay on B, tcpdump on A's veth
SCENARIO_TABLE="
normal-3way-close   47001 normal-3way-close   lo
normal-4way-close   47002 normal-4way-close   lo
server-closes-first 47003 server-closes-first lo
refused             47004 refused             lo
rst-abort           47005 rst-abort           lo
half-close          47006 half-close          lo
simultaneous-close  47007 simultaneous-close  netns
simultaneous-open   47008 simultaneous-open   netns
close-wait-leak     47009 close-wait-leak     lo
keepalive           47010 keepalive           lo
syn-no-answer       47011 syn-no-answer       lo
midstream           47012 midstream           lo-late
port-reuse          47013 port-reuse          lo
ipv6                47014 ipv6                lo
dup-ack-retrans     47015 dup-ack-retrans     lo
zero-window         47016 zero-window         lo
any-interface       47017 normal-3way-close   any
syn-late-answer     47018 syn-late-answer     lo
dup-ack-retrans-rtt 47019 dup-ack-retrans     netns
syn-flood           47020 syn-flood           lo
port-scan           47500 port-scan           lo
data-after-fin      47022 data-after-fin      lo
data-after-rst      47023 data-after-rst      netns
syn-in-established  47024 syn-in-established  lo
ack-wrong-direction 47025 ack-wrong-direction lo
rst-unexpected-seq  47026 rst-unexpected-seq  lo
fin-unexpected-seq  47027 fin-unexpected-seq  lo
time-wait-pileup    47028 time-wait-pileup    lo
keepalive-unanswered 47029 keepalive-unanswered lo
half-close-data     47030 half-close-data     lo
"
# port-scan: the "port" column is the first of the 30 closed ports it probes
# (47500-47529); capture_filter / ss_filter cover the whole range.
PORT_SCAN_LAST=47529

log() { printf '\033[1m[capture]\033[0m %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

scenario_names() { awk 'NF {print $1}' <<<"$SCENARIO_TABLE"; }
scenario_field() { awk -v n="$1" -v f="$2" '$1 == n {print $f}' <<<"$SCENARIO_TABLE"; }

# ---------------------------------------------------------------- cleanup --
TCPDUMP_PID=""
PROG_PID=""
NFQ_PID=""
IPT_RULES=()   # "ns|rule spec" entries, deleted on exit ("" ns = root namespace)

ipt() {  # ipt NS ARGS... (NS "" = root namespace)
  local ns=$1; shift
  if [[ -n $ns ]]; then ip netns exec "$ns" iptables "$@"; else iptables "$@"; fi
}

add_rule() {  # add_rule NS CHAIN-POSITION-AND-SPEC...  (spec starts with the chain)
  local ns=$1; shift
  ipt "$ns" -I "$@"
  IPT_RULES+=("$ns|$*")
}

delete_rules() {
  local entry ns spec
  for entry in "${IPT_RULES[@]+"${IPT_RULES[@]}"}"; do
    ns=${entry%%|*}
    spec=${entry#*|}
    # shellcheck disable=SC2086
    while ipt "$ns" -D $spec 2>/dev/null; do :; done
  done
  IPT_RULES=()
}

stop_pid() {  # stop_pid PID SIGNAL
  local pid=$1 sig=$2
  [[ -n $pid ]] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill "-$sig" "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
}

teardown_netns() {
  stop_pid "$NFQ_PID" TERM
  NFQ_PID=""
  ip netns del "$NS_A" 2>/dev/null || true
  ip netns del "$NS_B" 2>/dev/null || true
  ip link del "$VETH_A" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  stop_pid "$PROG_PID" TERM
  stop_pid "$TCPDUMP_PID" INT
  delete_rules
  teardown_netns
  [[ -n ${SYNC:-} && -d ${SYNC:-} ]] && rm -rf "$SYNC"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ netns --
setup_netns() {
  teardown_netns
  ip netns add "$NS_A"
  ip netns add "$NS_B"
  ip link add "$VETH_A" type veth peer name "$VETH_B"
  ip link set "$VETH_A" netns "$NS_A"
  ip link set "$VETH_B" netns "$NS_B"
  ip -n "$NS_A" addr add "$ADDR_A/24" dev "$VETH_A"
  ip -n "$NS_B" addr add "$ADDR_B/24" dev "$VETH_B"
  for ns in "$NS_A" "$NS_B"; do
    ip netns exec "$ns" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1
    ip -n "$ns" link set lo up
  done
  ip -n "$NS_A" link set "$VETH_A" up
  ip -n "$NS_B" link set "$VETH_B" up
  # static neighbours: no ARP exchange delays the first SYN
  local mac_a mac_b
  mac_a=$(ip -n "$NS_A" -o link show "$VETH_A" | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p')
  mac_b=$(ip -n "$NS_B" -o link show "$VETH_B" | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p')
  ip -n "$NS_A" neigh replace "$ADDR_B" lladdr "$mac_b" dev "$VETH_A" nud permanent
  ip -n "$NS_B" neigh replace "$ADDR_A" lladdr "$mac_a" dev "$VETH_B" nud permanent
  # netem is not available on every kernel (CONFIG_NET_SCH_NETEM); delay every
  # TCP packet entering and leaving B in user space through NFQUEUE instead.
  # (Rules live in namespace B and vanish with it.)
  ip netns exec "$NS_B" iptables -A INPUT -p tcp -j NFQUEUE --queue-num $NFQ_NUM --queue-bypass
  ip netns exec "$NS_B" iptables -A OUTPUT -p tcp -j NFQUEUE --queue-num $NFQ_NUM --queue-bypass
  ip netns exec "$NS_B" "$PY" "$LIB_DIR/nfq_delay.py" --queue $NFQ_NUM --delay-ms $DELAY_MS \
      --ready-file "$SYNC/nfq-ready" &
  NFQ_PID=$!
  wait_for_file "$SYNC/nfq-ready" 10 || die "nfq_delay.py did not start"
}

# ---------------------------------------------------------------- helpers --
wait_for_file() {  # wait_for_file PATH SECONDS
  local i n=$(( $2 * 50 ))
  for (( i = 0; i < n; i++ )); do
    [[ -e $1 ]] && return 0
    sleep 0.02
  done
  return 1
}

ss_filter() {  # ss_filter PORT [SCENARIO]
  case ${2:-} in
    port-scan) echo "( ( sport >= :$1 and sport <= :$PORT_SCAN_LAST ) or ( dport >= :$1 and dport <= :$PORT_SCAN_LAST ) )" ;;
    *) echo "( sport = :$1 or dport = :$1 )" ;;
  esac
}

capture_filter() {  # capture_filter SCENARIO PORT -> tcpdump filter
  case $1 in
    port-scan) echo "tcp portrange $2-$PORT_SCAN_LAST" ;;
    *) echo "tcp port $2" ;;
  esac
}

wait_port_free() {  # old sockets (TIME_WAIT of a previous run) would pollute ss.txt
  local port=$1 i
  for (( i = 0; i < 75; i++ )); do
    [[ -z $(ss -Htan "$(ss_filter "$port")") ]] && return 0
    (( i == 0 )) && log "waiting for old sockets on port $port to go away (TIME_WAIT lasts 60 s)"
    sleep 1
  done
  ss -tan "$(ss_filter "$port")" >&2
  die "port $port still busy"
}

start_tcpdump() {  # start_tcpdump NAME PORT MODE
  local name=$1 port=$2 mode=$3 iface=lo prefix=()
  case $mode in
    any) iface=any ;;
    netns) iface=$VETH_A; prefix=(ip netns exec "$NS_A") ;;
  esac
  rm -f "$PCAP_DIR/$name.pcap"
  # -U + --immediate-mode: every packet is written at once. Without
  # --immediate-mode, packets still sitting in the TPACKET_V3 ring when
  # SIGINT arrives are lost.
  "${prefix[@]}" tcpdump -i "$iface" -n -U --immediate-mode -Z root \
      -w "$PCAP_DIR/$name.pcap" "$(capture_filter "$name" "$port")" 2>"$SYNC/tcpdump.err" &
  TCPDUMP_PID=$!
  local i
  for (( i = 0; i < 500; i++ )); do
    grep -q "listening on" "$SYNC/tcpdump.err" 2>/dev/null && return 0
    kill -0 "$TCPDUMP_PID" 2>/dev/null || break
    sleep 0.02
  done
  cat "$SYNC/tcpdump.err" >&2
  die "tcpdump did not start"
}

stop_tcpdump() {
  [[ -n $TCPDUMP_PID ]] || return 0
  sleep 0.2
  kill -INT "$TCPDUMP_PID"
  wait "$TCPDUMP_PID" || die "tcpdump exited with status $?"
  TCPDUMP_PID=""
  log "tcpdump: $(grep -h 'packets captured' "$SYNC/tcpdump.err")"
}

record_ss() {  # record_ss NAME PORT MODE
  local name=$1 port=$2 mode=$3 out=$FIX_DIR/$1/ss.txt
  mkdir -p "$FIX_DIR/$name"
  {
    echo "# ss -tan '$(ss_filter "$port" "$name")' at the end of scenario $name"
    if [[ $mode == netns ]]; then
      echo "# network namespace $NS_A ($ADDR_A, capture side)"
      ip netns exec "$NS_A" ss -tan "$(ss_filter "$port" "$name")"
      echo "# network namespace $NS_B ($ADDR_B, 50 ms away)"
      ip netns exec "$NS_B" ss -tan "$(ss_filter "$port" "$name")"
    else
      ss -tan "$(ss_filter "$port" "$name")"
    fi
  } >"$out"
  sed 's/^/    ss| /' "$out" >&2
}

# ----------------------------------------------------- per-scenario hooks --
pre_hook() {  # runs before tcpdump/program
  local name=$1 port=$2
  case $name in
    syn-no-answer|syn-late-answer)
      # the lo tap sees the SYN before netfilter INPUT drops it
      add_rule "" INPUT -i lo -p tcp --dport "$port" --syn -j DROP ;;
    dup-ack-retrans)
      # drop the first segment carrying the 'B' block once (the quota is
      # smaller than two such segments, so the retransmission passes)
      add_rule "" INPUT -i lo -p tcp --dport "$port" -m string --algo bm \
          --string BBBBBBBBBBBBBBBB -m quota --quota 1500 -j DROP ;;
    dup-ack-retrans-rtt)
      # same, inside namespace B, before the delay queue
      add_rule "$NS_B" INPUT -p tcp --dport "$port" -m string --algo bm \
          --string BBBBBBBBBBBBBBBB -m quota --quota 1500 -j DROP ;;
    syn-flood)
      # the crafted sources have no sockets: the kernel would answer each
      # SYN+ACK with a RST; drop those RSTs before the lo tap (OUTPUT), so
      # the handshakes stay half-open on the wire and in the listener
      add_rule "" OUTPUT -o lo -p tcp --dport "$port" --tcp-flags RST RST \
          -m iprange --src-range 127.0.0.10-127.0.0.49 -j DROP ;;
    ack-wrong-direction)
      # drop only the first SYN (60 bytes) after the lo tap saw it: the
      # quota of 100 bytes does not hold a second one, so the SYN
      # retransmission 1 s later passes
      add_rule "" INPUT -i lo -p tcp --dport "$port" --syn -m quota --quota 100 -j DROP ;;
  esac
}

mid_hook() {  # runs when the program asks (hook-request marker, lib/midhook.py)
  local name=$1 port=$2
  case $name in
    keepalive-unanswered)
      # from now on nothing from the server port leaves (OUTPUT is before
      # the lo tap, so the dropped answers are not in the capture either)
      add_rule "" OUTPUT -o lo -p tcp --sport "$port" -j DROP ;;
    *) die "scenario $name has no mid_hook" ;;
  esac
}

program_args() {
  local name=$1 port=$2 mode=$3
  local args=(--port "$port" --sync-dir "$SYNC")
  if [[ $mode == netns ]]; then
    args+=(--netns-a "$NS_A" --netns-b "$NS_B" --addr-a "$ADDR_A" --addr-b "$ADDR_B")
  fi
  printf '%s\n' "${args[@]}"
}

# ---------------------------------------------------------------- scenario --
run_scenario() {
  local name=$1 port prog mode
  port=$(scenario_field "$name" 2)
  prog=$(scenario_field "$name" 3)
  mode=$(scenario_field "$name" 4)
  [[ -n $port ]] || die "unknown scenario '$name' (see --list)"
  log "=== $name (port $port, $mode) ==="
  mkdir -p "$FIX_DIR/$name"
  SYNC=$(mktemp -d /tmp/tdlcap.XXXXXX)
  [[ $mode == netns ]] && setup_netns
  [[ $mode == netns ]] || wait_port_free "$port"
  pre_hook "$name" "$port"

  if [[ $mode != lo-late ]]; then
    start_tcpdump "$name" "$port" "$mode"
    touch "$SYNC/capture-on"
  fi
  local args
  mapfile -t args < <(program_args "$name" "$port" "$mode")
  "$PY" "$SCEN_DIR/$prog.py" "${args[@]}" &
  PROG_PID=$!

  local ss_done=0
  while kill -0 "$PROG_PID" 2>/dev/null; do
    if [[ -e $SYNC/want-capture && -z $TCPDUMP_PID && ! -e $SYNC/capture-on ]]; then
      start_tcpdump "$name" "$port" "$mode"
      touch "$SYNC/capture-on"
    fi
    if [[ -e $SYNC/hook-request && ! -e $SYNC/hook-done ]]; then
      mid_hook "$name" "$port"
      touch "$SYNC/hook-done"
    fi
    if [[ -e $SYNC/ss-request && $ss_done == 0 ]]; then
      record_ss "$name" "$port" "$mode"; ss_done=1
      touch "$SYNC/ss-done"
    fi
    if [[ -e $SYNC/ready ]]; then
      stop_tcpdump
      [[ $ss_done == 1 ]] || { record_ss "$name" "$port" "$mode"; ss_done=1; }
      touch "$SYNC/release"
      break
    fi
    sleep 0.02
  done
  local rc=0
  wait "$PROG_PID" || rc=$?
  PROG_PID=""
  stop_tcpdump
  [[ $ss_done == 1 ]] || record_ss "$name" "$port" "$mode"
  delete_rules
  [[ $mode == netns ]] && teardown_netns
  rm -rf "$SYNC"; SYNC=""
  (( rc == 0 )) || die "scenario $name: program exited with status $rc"
}

# Renders that render.sh does not make for these scenarios, made the same
# way (TZ=UTC, LC_ALL=C, from the pcap directory, stderr banner dropped).
render_extra() {  # render_extra SCENARIO
  local name=$1 variant flags
  case $name in
    keepalive-unanswered) variant=vv; flags="-n -vv" ;;   # probe seq is only shown with -vv
    *) return 0 ;;
  esac
  # shellcheck disable=SC2086
  (cd "$PCAP_DIR" && TZ=UTC LC_ALL=C tcpdump $flags -r "$name.pcap" \
      >"$FIX_DIR/$name/$variant.tcpdump" 2>/dev/null) || die "render $name $variant failed"
  log "rendered $name/$variant.tcpdump ($flags)"
}

# -------------------------------------------------------------------- main --
main() {
  local selected=()
  while (( $# )); do
    case $1 in
      --scenario) [[ $# -ge 2 ]] || die "--scenario needs a name"; selected+=("$2"); shift 2 ;;
      --scenario=*) selected+=("${1#*=}"); shift ;;
      --list) scenario_names; exit 0 ;;
      -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
      *) die "unknown option $1" ;;
    esac
  done
  [[ $EUID -eq 0 ]] || die "must run as root (sudo bash $0)"
  for tool in tcpdump ss ip iptables "$PY"; do
    command -v "$tool" >/dev/null || die "$tool not found"
  done
  (( ${#selected[@]} )) || mapfile -t selected < <(scenario_names)
  for name in "${selected[@]}"; do
    [[ -n $(scenario_field "$name" 2) ]] || die "unknown scenario '$name' (see --list)"
  done
  mkdir -p "$PCAP_DIR" "$FIX_DIR"
  log "$(tcpdump --version 2>&1 | head -1), kernel $(uname -r)"
  for name in "${selected[@]}"; do
    run_scenario "$name"
  done
  local render_args=()
  for name in "${selected[@]}"; do render_args+=(--scenario "$name"); done
  bash "$HERE/render.sh" "${render_args[@]}"
  for name in "${selected[@]}"; do render_extra "$name"; done
  if [[ -n ${SUDO_UID:-} ]]; then
    for name in "${selected[@]}"; do
      chown -R "$SUDO_UID:${SUDO_GID:-$SUDO_UID}" "$PCAP_DIR/$name.pcap" "$FIX_DIR/$name"
    done
  fi
  log "done: ${selected[*]}"
}

main "$@"
