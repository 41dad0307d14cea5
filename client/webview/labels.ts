// Text shown for packets, lanes, steps and findings. Pure: no DOM, unit-tested in Node.
import type { DiagramModel, DiagramPacket, DiagramSeverity } from '../src/webviewProtocol';

/**
 * Text from the capture made safe to show: bidirectional controls (U+202A–E, U+2066–9, U+200E/F)
 * and C0/C1 controls would reorder or hide what follows them, so they are shown as `⟨U+XXXX⟩`.
 * The result is still inserted as text (never parsed as markup).
 */
export function visibleText(s: string): string {
  return s.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`,
  );
}

/** tcpdump's `host.port` as `host:port` (`[v6]:port` for IPv6). Names without a port stay. */
export function endpointLabel(raw: string): string {
  const dot = raw.lastIndexOf('.');
  if (dot <= 0 || dot === raw.length - 1) return visibleText(raw);
  const host = raw.slice(0, dot);
  const port = raw.slice(dot + 1);
  return visibleText(host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);
}

/**
 * The seq shown on arrows: relative to the sender's initial sequence number when it is known (as
 * tcpdump and Wireshark show it, so a SYN shows 0 like the data after it shows 1:75), else as
 * printed.
 */
export function shownSeq(p: DiagramPacket): string | null {
  return p.relativeSeq ?? p.seq;
}

/** The ack shown on arrows: relative to the peer's initial sequence number when known. */
export function shownAck(p: DiagramPacket): number | null {
  return p.relativeAck ?? p.ack;
}

/** The arrow's short label: `[S.] 0 ack 1 win 65483`, `[P.] 1:75 ack 1 win 64 len 74`. */
export function compactLabel(p: DiagramPacket): string {
  const parts = [p.flags === 'tcp' ? 'tcp' : `[${p.flags}]`];
  const seq = shownSeq(p);
  const ack = shownAck(p);
  if (seq !== null) parts.push(seq);
  if (ack !== null) parts.push(`ack ${ack}`);
  if (p.win !== null) parts.push(`win ${p.win}`);
  if (p.length !== null && p.length > 0) parts.push(`len ${p.length}`);
  return visibleText(parts.join(' '));
}

const FLAG_NAMES: Record<string, string> = {
  S: 'SYN',
  F: 'FIN',
  R: 'RST',
  P: 'PSH',
  U: 'URG',
  W: 'CWR',
  E: 'ECE',
  e: 'AE',
  '.': 'ACK',
};

/** `S.` → `SYN ACK`; `none` → `no flags`. */
export function flagNames(flags: string): string {
  if (flags === 'none') return 'no flags';
  if (flags === 'tcp') return 'flags not printed (-q)';
  return [...flags].map((c) => FLAG_NAMES[c] ?? c).join(' ');
}

export type Severity = 'error' | 'warning' | 'info';

/** Short names of the finding codes (unknown codes are shown as they are, `_` as spaces). */
const FINDING_LABELS: Record<string, string> = {
  rst: 'RST',
  refused: 'refused',
  syn_unanswered: 'SYN unanswered',
  keep_alive_unanswered: 'keep-alive unanswered',
  syn_flood: 'SYN flood',
  retransmission: 'retransmission',
  syn_retransmission: 'SYN retransmission',
  fast_retransmission: 'fast retransmission',
  spurious_retransmission: 'spurious retransmission',
  duplicate_ack: 'dup ACK',
  zero_window: 'zero window',
  out_of_order: 'out of order',
  lost_segment: 'previous segment lost',
  ack_lost_segment: 'ACKed unseen segment',
  half_open_handshake: 'half-open',
  close_wait_at_end: 'left in CLOSE_WAIT',
  last_ack_at_end: 'left in LAST_ACK',
  syn_in_established: 'SYN in connection',
  ack_wrong_direction: 'ACK in wrong direction',
  data_after_fin: 'data after FIN',
  data_after_rst: 'data after RST',
  rst_unexpected_seq: 'RST with unexpected seq',
  fin_unexpected_seq: 'FIN with unexpected seq',
  port_scan: 'port scan',
  time_wait_pileup: 'TIME_WAIT pile-up',
  fin_wait_2_at_end: 'left in FIN_WAIT_2',
  zero_window_probe: 'zero-window probe',
  zero_window_probe_ack: 'zero-window probe ACK',
  window_full: 'window full',
  window_update: 'window update',
  keep_alive: 'keep-alive',
  keep_alive_ack: 'keep-alive ACK',
  reused_ports: 'port reuse',
  midstream: 'mid-stream',
  half_close_data: 'half-close data',
};

export function findingLabel(code: string): string {
  return FINDING_LABELS[code] ?? visibleText(code.replace(/_/g, ' '));
}

/**
 * The colour class of a finding, from the severity the server gives it (the diagnostics'
 * severity, including the user's settings): hints count as information; `off` is not coloured.
 */
export function severityClass(severity: DiagramSeverity | undefined): Severity | null {
  switch (severity) {
    case 'error':
      return 'error';
    case 'warning':
      return 'warning';
    case 'information':
    case 'hint':
      return 'info';
    default:
      return null;
  }
}

/** The worst severity among a packet's findings, or null when none is coloured. */
export function packetSeverity(p: DiagramPacket): Severity | null {
  let worst: Severity | null = null;
  for (const s of p.findingSeverities) {
    const c = severityClass(s);
    if (c === 'error') return 'error';
    if (c === 'warning' || (c === 'info' && worst === null)) worst = c;
  }
  return worst;
}

/** `✖ RST · refused`, `⚠ retransmission`, `ℹ keep-alive` (empty when no finding). */
export function anomalyLabel(p: DiagramPacket): string {
  if (p.findings.length === 0) return '';
  const sev = packetSeverity(p);
  const icon = sev === 'error' ? '✖' : sev === 'warning' ? '⚠' : 'ℹ';
  return `${icon} ${p.findings.map((c) => findingLabel(c)).join(' · ')}`;
}

export type StepKind = 'handshake' | 'close' | 'abort';

export function stepKind(step: string): StepKind {
  if (step.includes('RST')) return 'abort';
  return step.startsWith('close') ? 'close' : 'handshake';
}

/** The badge text: `handshake 1/3`, `close 2/4`, `abort (RST)`; long qualifiers shortened. */
export function stepBadge(step: string): string {
  if (step === 'handshake rejected (RST)') return 'rejected (RST)';
  const sim = step.indexOf(' (simultaneous');
  return visibleText(sim >= 0 ? `${step.slice(0, sim)} (simult.)` : step);
}

/** `idle 12.4 s`, `idle 2 min 5 s`, `idle 1 h 3 min`. */
export function formatDuration(seconds: number): string {
  if (seconds < 100) return `${seconds.toFixed(1)} s`;
  if (seconds < 3600) {
    const m = Math.floor(seconds / 60);
    const s = Math.round(seconds - m * 60);
    return s === 0 ? `${m} min` : `${m} min ${s} s`;
  }
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds - h * 3600) / 60);
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Seconds since the first packet as `+0.000016 s`. */
export function formatOffset(seconds: number): string {
  return `+${seconds.toFixed(6)} s`;
}

function roleOf(model: DiagramModel, lane: number): string {
  return model.lanes[lane]?.role ?? 'endpoint';
}

function laneText(model: DiagramModel, lane: number): string {
  const l = model.lanes[lane];
  return l ? endpointLabel(l.label) : '?';
}

/** Everything about a packet, one line per fact (the hover card and the live region). */
export function fullLabel(model: DiagramModel, p: DiagramPacket): string[] {
  const lines: string[] = [];
  const when = p.timeText !== null ? visibleText(p.timeText) : 'no timestamp';
  const offset = p.time !== null ? ` (${formatOffset(p.time)})` : '';
  lines.push(`Packet #${p.packet} · connection ${p.connection} · line ${p.line + 1}`);
  lines.push(`${when}${offset}`);
  lines.push(
    `${roleOf(model, p.from)} ${laneText(model, p.from)} → ${roleOf(model, p.to)} ${laneText(model, p.to)}`,
  );
  const fields = [`Flags [${visibleText(p.flags)}] ${flagNames(p.flags)}`];
  const seq = shownSeq(p);
  const ack = shownAck(p);
  // The printed number too when it differs (a SYN's absolute ISN, `-S` output).
  if (seq !== null)
    fields.push(
      `seq ${visibleText(seq)}${p.seq !== null && p.seq !== seq ? ` (printed ${visibleText(p.seq)})` : ''}`,
    );
  if (ack !== null)
    fields.push(`ack ${ack}${p.ack !== null && p.ack !== ack ? ` (printed ${p.ack})` : ''}`);
  if (p.win !== null) fields.push(`win ${p.win}`);
  if (p.length !== null) fields.push(`length ${p.length}`);
  lines.push(fields.join(' · '));
  if (p.step !== null) lines.push(`Step: ${visibleText(p.step)}`);
  lines.push(`After: client ${p.stateAfter.client} · server ${p.stateAfter.server}`);
  if (p.findings.length > 0)
    lines.push(`Findings: ${p.findings.map((c) => findingLabel(c)).join(', ')}`);
  return lines;
}

/** One sentence for screen readers. */
export function ariaLabel(model: DiagramModel, p: DiagramPacket): string {
  const parts = [
    `Packet ${p.packet}`,
    p.timeText !== null ? `at ${visibleText(p.timeText)}` : '',
    `${roleOf(model, p.from)} ${laneText(model, p.from)} to ${roleOf(model, p.to)} ${laneText(model, p.to)}`,
    `flags ${flagNames(p.flags)}`,
    shownSeq(p) !== null ? `seq ${visibleText(shownSeq(p)!)}` : '',
    shownAck(p) !== null ? `ack ${shownAck(p)}` : '',
    p.win !== null ? `window ${p.win}` : '',
    p.length !== null ? `length ${p.length}` : '',
    p.step !== null ? `step ${visibleText(p.step)}` : '',
    `then client ${p.stateAfter.client}, server ${p.stateAfter.server}`,
    p.findings.length > 0 ? `findings: ${p.findings.map((c) => findingLabel(c)).join(', ')}` : '',
  ];
  return parts.filter((s) => s !== '').join(', ');
}

/** Lower-case text the search box matches against. */
export function searchText(model: DiagramModel, p: DiagramPacket): string {
  return [
    `#${p.packet}`,
    `c${p.connection}`,
    p.timeText ?? '',
    laneText(model, p.from),
    laneText(model, p.to),
    `[${p.flags}]`,
    flagNames(p.flags),
    shownSeq(p) !== null ? `seq ${shownSeq(p)}` : '',
    shownAck(p) !== null ? `ack ${shownAck(p)}` : '',
    // The printed numbers match too (a SYN's absolute ISN).
    p.seq !== null && p.seq !== shownSeq(p) ? `seq ${p.seq}` : '',
    p.ack !== null && p.ack !== shownAck(p) ? `ack ${p.ack}` : '',
    p.win !== null ? `win ${p.win}` : '',
    p.length !== null ? `len ${p.length} length ${p.length}` : '',
    p.step ?? '',
    p.stateAfter.client,
    p.stateAfter.server,
    ...p.findings,
    ...p.findings.map((c) => findingLabel(c)),
  ]
    .join(' ')
    .toLowerCase();
}
