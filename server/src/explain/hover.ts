import type { Connection, PacketRecord, Span, TcpAnnotation, TcpSegment } from '../analysis';
import { headerSpans } from '../analysis';
import type { AnalysisIndex } from './analysisIndex';
import type { FieldValues, Messages } from './messages';
import { transitionKey } from './transitions';

export interface HoverText {
  markdown: string;
  /** Range the hover is about (a token, or the whole line). */
  range: Span;
}

const inside = (span: Span | null, character: number): span is Span =>
  span !== null && character >= span.start && character < span.end;

/** Escapes text from the capture so Markdown shows it literally. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

function packetRef(m: Messages, index: AnalysisIndex, packet: number | null): string | null {
  if (packet === null) return null;
  const p = index.packet(packet);
  return p ? m.line.packetRef(packet, p.headerLine) : null;
}

/** A connection's verdict: Wireshark completeness, Zeek, and what each side sent. */
export function verdictText(m: Messages, c: Connection): string {
  const v = c.verdict;
  const ms = (s: number | null) => (s === null ? null : `${(s * 1000).toFixed(2)} ms`);
  const side = (role: 'client' | 'server') => {
    const d = v.stats[role];
    return m.verdict.direction(
      m.role[role],
      d.packets,
      d.dataBytes,
      d.retransmittedPackets,
      ms(d.rtt.avg),
    );
  };
  const lines = [
    m.verdict.completeness(v.completeness.label, v.completeness.flags),
    m.verdict.zeek(v.zeek.connState, v.zeek.history),
    side('client'),
    side('server'),
  ];
  if (v.initialRtt !== null) lines.push(m.verdict.initialRtt(ms(v.initialRtt)!));
  return `**${m.verdict.title}:**\n${lines.map((l) => `- ${l}`).join('\n')}`;
}

/** The whole-line explanation: connection, step, both states before → after and why, findings. */
export function lineExplanation(
  m: Messages,
  index: AnalysisIndex,
  p: PacketRecord,
  a: TcpAnnotation,
): string {
  const c = index.connection(a.connection);
  const out: string[] = [];
  if (c)
    out.push(
      `**${escapeMarkdown(m.line.connection(c.id, c.client, c.server, c.clientInferred))}**`,
    );
  const from = a.direction === 'client->server' ? m.role.client : m.role.server;
  const to = a.direction === 'client->server' ? m.role.server : m.role.client;
  const flags = p.tcp?.hasFlags ? p.tcp.flags.text : null;
  out.push(`${m.line.direction(from, to)}${flags !== null ? ` · ${code(`[${flags}]`)}` : ''}`);
  out.push(`**${m.line.step}:** ${a.step ? `${code(a.step)} — ${m.step[a.step]}` : m.line.noStep}`);
  out.push(
    [
      `| ${m.line.states} | ${m.line.before} | ${m.line.after} |`,
      '|---|---|---|',
      `| ${m.role.client} | ${a.stateBefore.client} | **${a.stateAfter.client}** |`,
      `| ${m.role.server} | ${a.stateBefore.server} | **${a.stateAfter.server}** |`,
    ].join('\n'),
  );
  const reasons: string[] = [];
  for (const role of ['client', 'server'] as const) {
    const key = transitionKey(role, a, p.tcp?.hasFlags ? p.tcp.flags : null);
    if (key)
      reasons.push(
        `${m.role[role]}: ${m.transition[key]} → ${a.stateAfter[role]} (${m.state[a.stateAfter[role]]})`,
      );
  }
  if (reasons.length > 0) out.push(`**${m.line.why}:** ${reasons.join('; ')}`);
  const findings = index.findingsOfPacket(p.packet);
  if (findings.length > 0) {
    out.push(`**${m.line.findings}:**`);
    for (const f of findings) {
      const t = m.finding[f.code];
      const related = f.related
        .map((r) => packetRef(m, index, r))
        .filter((r): r is string => r !== null);
      const detail = f.detail ? ` (${m.findingDetail(f.detail)})` : '';
      out.push(
        `- ⚠ **${t.title}** (${code(f.code)})${related.length > 0 ? ` — ${related.join(', ')}` : ''}: ${t.what}${detail}\n` +
          `  - ${m.line.whatTheAppSaw}: ${t.app}\n  - ${m.line.whatToCheck}: ${t.check}`,
      );
    }
  }
  const notes = a.metrics?.notes ?? [];
  if (notes.length > 0)
    out.push(`**${m.line.whyNot}:**\n${notes.map((n) => `- ${m.note(n)}`).join('\n')}`);

  if (c && (p.packet === c.firstPacket || p.packet === c.lastPacket)) out.push(verdictText(m, c));
  return out.join('\n\n');
}

function fieldValues(printed: string, absolute: number | null, relative: boolean): FieldValues {
  return { printed, absolute: absolute === null ? null : String(absolute), relative };
}

function seqText(m: Messages, tcp: TcpSegment, a: TcpAnnotation): string {
  const printed = tcp.seqEnd !== null ? `${tcp.seq}:${tcp.seqEnd}` : String(tcp.seq);
  const abs =
    a.absoluteSeq === null
      ? null
      : tcp.seqEnd !== null && tcp.seq !== null
        ? `${a.absoluteSeq}:${a.absoluteSeq + (tcp.seqEnd - tcp.seq)}`
        : String(a.absoluteSeq);
  const v: FieldValues = { printed, absolute: abs, relative: a.relativeNumbers };
  const note = a.relativeNumbers ? ` ${m.field.relativeNote}` : '';
  if (tcp.seq !== null && tcp.seqEnd !== null) {
    return m.field.seqRange(String(tcp.seq), String(tcp.seqEnd), tcp.seqEnd - tcp.seq, v) + note;
  }
  const controls = [
    tcp.flags.syn ? 'SYN' : '',
    tcp.flags.fin ? 'FIN' : '',
    tcp.flags.rst ? 'RST' : '',
  ].filter(Boolean);
  return m.field.seqSingle(v, controls.length > 0 ? ` (${controls.join('+')})` : '') + note;
}

/** The explanation of one token of a TCP header line, or null when the position is on none. */
function tokenExplanation(
  m: Messages,
  index: AnalysisIndex,
  p: PacketRecord,
  a: TcpAnnotation,
  character: number,
  lineText: string,
): { markdown: string; span: Span } | null {
  const tcp = p.tcp!;
  const s = headerSpans(lineText, p.headerLine);
  if (!s) return null;
  if (inside(s.flags, character)) {
    const letters = tcp.flags.text === 'none' ? [] : [...tcp.flags.text];
    const list = letters
      .map((l) => `- ${code(l)} ${m.flag[l as keyof Messages['flag']] ?? l}`)
      .join('\n');
    const usual = m.flagCombination[tcp.flags.text] ?? (letters.length === 0 ? m.noFlags : '');
    return {
      span: s.flags,
      markdown: `**${code(`Flags [${tcp.flags.text}]`)}** ${usual}\n\n${list}`,
    };
  }
  if (inside(s.seq, character) && tcp.seq !== null)
    return { span: s.seq, markdown: seqText(m, tcp, a) };
  if (inside(s.ack, character) && tcp.ack !== null) {
    const v = fieldValues(String(tcp.ack), a.absoluteAck, a.relativeNumbers);
    return { span: s.ack, markdown: m.field.ack(v, packetRef(m, index, a.acknowledges)) };
  }
  if (inside(s.win, character) && tcp.win !== null) {
    const role = a.direction === 'client->server' ? 'client' : 'server';
    const shift = index.windowShift(a.connection, role);
    const inSyn = tcp.flags.syn;
    const scaled = shift === null || inSyn ? null : tcp.win * 2 ** shift;
    return { span: s.win, markdown: m.field.win(tcp.win, scaled, shift, inSyn) };
  }
  if (inside(s.length, character) && tcp.length !== null) {
    return { span: s.length, markdown: m.field.length(tcp.length) };
  }
  if (inside(s.options, character)) {
    const span = s.options;
    for (const o of tcp.options) {
      const at = lineText.indexOf(o.text, span.start);
      if (at < 0 || character < at || character >= at + o.text.length) continue;
      const optionSpan: Span = { line: span.line, start: at, end: at + o.text.length };
      let text: string;
      switch (o.kind) {
        case 'mss':
          text = m.option.mss(o.value);
          break;
        case 'wscale':
          text = m.option.wscale(o.value);
          break;
        case 'sackOK':
          text = m.option.sackOK;
          break;
        case 'sack':
          text = m.option.sack(o.blocks.map(([x, y]) => `${x}–${y}`).join(', '));
          break;
        case 'timestamp':
          text = m.option.timestamp(o.val, o.ecr);
          break;
        case 'nop':
          text = m.option.nop;
          break;
        case 'eol':
          text = m.option.eol;
          break;
        default:
          text = m.option.other(o.name);
      }
      return { span: optionSpan, markdown: `${code(o.text)} — ${text}` };
    }
    return null;
  }
  for (const which of ['src', 'dst'] as const) {
    const span = s[which];
    if (!inside(span, character)) continue;
    const c = index.connection(a.connection);
    if (!c) return null;
    const sender = a.direction === 'client->server' ? 'client' : 'server';
    const role = which === 'src' ? sender : sender === 'client' ? 'server' : 'client';
    return {
      span,
      markdown: `**${code(lineText.slice(span.start, span.end))}** — ${m.line.endpointRole(m.role[role], c.id)}: ${a.stateAfter[role]} (${m.state[a.stateAfter[role]]})\n\n${verdictText(m, c)}`,
    };
  }
  return null;
}

/** Hover for a position in the document, or null where there is nothing to say. */
export function hoverAt(
  m: Messages,
  index: AnalysisIndex,
  line: number,
  character: number,
  lineText: string,
): HoverText | null {
  const record = index.analysis.lines[line];
  if (!record) return null;
  const wholeLine: Span = { line, start: 0, end: lineText.length };
  if (record.kind === 'unrecognised') {
    return { range: wholeLine, markdown: m.line.unrecognised(escapeMarkdown(record.reason ?? '')) };
  }
  const p = index.packetOfLine(line);
  if (!p) return null;
  const a = index.annotation(p.packet);
  if (!a) {
    if (line !== p.line) return null;
    return { range: wholeLine, markdown: m.line.nonTcp(p.protocol) };
  }
  const explanation = lineExplanation(m, index, p, a);
  if (line === p.headerLine && p.tcp) {
    const token = tokenExplanation(m, index, p, a, character, lineText);
    if (token) return { range: token.span, markdown: `${token.markdown}\n\n---\n\n${explanation}` };
  }
  if (line !== p.line && line !== p.headerLine) return null;
  return { range: wholeLine, markdown: explanation };
}
