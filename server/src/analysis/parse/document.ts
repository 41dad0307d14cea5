import type { LineKind, LineRecord, PacketRecord } from '../types';
import { clearKeepingRoom } from '../compact';
import { walkTimestamps } from '../track/packetTimes';
import { resolveDeltaTimestamps } from './deltaTimestamps';
import type { LineContext, LineParse } from './packetLine';
import type { TcpMatch } from './tcpSegment';
import { parseLine } from './packetLine';
import { splitLines } from './text';
import type { ProgressReport } from '../progress';
import { PROGRESS_EVERY } from '../progress';

export interface ParsedDocument {
  lines: LineRecord[];
  packets: PacketRecord[];
}

/** A TCP header found below the first line replaces what the first line said (the inner flow wins). */
function adoptTcp(r: PacketRecord, line: number, tcp: TcpMatch): void {
  if (r.protocol === 'icmp' || r.protocol === 'icmp6' || r.protocol === 'arp') return;
  if (r.protocol !== 'tcp' && r.src) r.tunnel = r.summary.slice(0, 80);
  r.protocol = 'tcp';
  r.tcp = tcp.segment;
  r.src = tcp.src;
  r.dst = tcp.dst;
  r.headerLine = line;
  if (r.ipVersion === null) r.ipVersion = tcp.src.host.includes(':') ? 6 : 4;
}

/**
 * A streamed packet keeps only what tracking reads: its summary is a slice of the line, and would
 * keep every line of the file alive; its columns point into lines not kept.
 */
function forgetLineText(record: PacketRecord): void {
  record.summary = '';
  if (record.tcp) record.tcp.pairStart = record.tcp.pairEnd = -1;
}

/** Where the IP header starts in `-A` (0) and `-AA` output (after a NULL, Ethernet or SLL header). */
const IP_HEADER_OFFSETS = [0, 4, 14, 16, 18, 20];

/**
 * `-A` prints the packet from the IP header as text, non-printable bytes as '.': the version
 * byte shows as 'E' (IPv4, 0x45) or '`' (IPv6, 0x60) where the IP header starts.
 */
function looksLikeAsciiDump(line: string): boolean {
  return IP_HEADER_OFFSETS.some((o) => {
    const c = line.charAt(o);
    return (c === 'E' || c === '`') && (o === 0 || /^\.{2}/.test(line));
  });
}

/** Protocol decoders print column-0 lines (SMB, telnet…) only for packets with a payload. */
function mayCarryDecoderText(p: PacketRecord): boolean {
  if (p.protocol !== 'tcp' || !p.tcp) return true;
  return (p.tcp.length ?? 0) > 0 || p.tcp.trailer !== null;
}

export interface ParserOptions {
  /**
   * False keeps only unrecognised lines' records, for streaming large files; its packets then
   * keep only what tracking reads (no columns or summary, which would point into the lines).
   */
  keepLines?: boolean;
  /** Start in the middle of a document: the first line's index, the next packet's ordinal, and
   * the context the document's first packet set. */
  firstLine?: number;
  firstPacket?: number;
  context?: LineContext;
  /**
   * Given each packet once no later line can change it (at the next packet line, at one of
   * tcpdump's own messages, or at the end), instead of keeping it in `packets`. The caller then
   * resolves delta timestamps itself (`hasDeltaTimes`).
   */
  handOver?: (packet: PacketRecord) => void;
  /** Told every line's record as it is read, whether `lines` keeps it or not. */
  onLine?: (record: LineRecord) => void;
}

/**
 * Reads a document one line at a time: every line becomes a record, packets gather their
 * continuation lines. Holds no text, so a caller can stream a file of any size through it.
 */
export class DocumentParser {
  /** Every line's record; with `keepLines` false, only the unrecognised ones. */
  readonly lines: LineRecord[] = [];
  readonly packets: PacketRecord[] = [];
  readonly #ctx: LineContext;
  readonly #keepLines: boolean;
  /** The packet whose continuation lines may follow, under construction. */
  #open: PacketRecord | null = null;
  /** Column-0 lines after the open packet are `-A` payload (true) or decoder output (false). */
  #asciiPayload: boolean | null = null;
  #next: number;
  #firstPacket: number;
  #packetCount = 0;
  readonly #handOver: ((packet: PacketRecord) => void) | null;
  readonly #onLine: ((record: LineRecord) => void) | null;
  /** Some packet carried a `-ttt`/`-ttttt` delta: only then is the whole document read again. */
  #deltas = false;

  constructor(options: ParserOptions = {}) {
    this.#keepLines = options.keepLines ?? true;
    this.#next = options.firstLine ?? 0;
    this.#firstPacket = options.firstPacket ?? 1;
    this.#handOver = options.handOver ?? null;
    this.#onLine = options.onLine ?? null;
    this.#ctx = options.context ? { ...options.context } : { timestamps: null, frameNumbers: null };
  }

  /** What the document's first packet line said about timestamps and `-#` numbers. */
  get context(): LineContext {
    return { ...this.#ctx };
  }

  /**
   * The line would start a packet or be one of tcpdump's own messages: what comes after it does
   * not depend on the lines before.
   */
  startsAfresh(text: string): boolean {
    const type = parseLine(text, this.#next, this.#ctx).type;
    return type === 'packet' || type === 'capture-info';
  }

  /** Index of the next line to read (lines read so far, when reading from the start). */
  get lineCount(): number {
    return this.#next;
  }

  /** Some packet read so far carried a delta timestamp (`-ttt` or `-ttttt`). */
  get hasDeltaTimes(): boolean {
    return this.#deltas;
  }

  /** Reads the next line (without its line end). */
  push(text: string): void {
    const i = this.#next++;
    const parsed = parseLine(text, i, this.#ctx);
    switch (parsed.type) {
      case 'blank':
        // Blank lines can sit inside `-A` payload; they do not end the packet, nor belong to it.
        this.#record(i, 'blank', null, null);
        break;
      case 'capture-info':
        this.#open = null;
        this.#handOverPackets();
        this.#setLine(i, 'capture-info', null);
        break;
      case 'packet': {
        const record = parsed.record;
        const ctx = this.#ctx;
        if (ctx.timestamps === null) ctx.timestamps = record.timestamp !== null;
        if (ctx.frameNumbers === null) ctx.frameNumbers = record.frameNumber !== null;
        if (record.timestamp?.format === 'delta-previous') this.#deltas = true;
        record.packet = this.#firstPacket + this.#packetCount++;
        if (!this.#keepLines) forgetLineText(record);
        this.#handOverPackets();
        this.packets.push(record);
        this.#open = record;
        this.#asciiPayload = null;
        this.#setLine(i, 'packet', record.packet);
        break;
      }
      case 'indented':
        this.#indented(i, parsed);
        break;
      case 'column0':
        this.#column0(i, text, parsed);
        break;
    }
  }

  /** Ends the document: settles what only the whole document tells (delta timestamp forms). */
  finish(): ParsedDocument {
    if (this.#handOver) {
      this.#open = null;
      this.#handOverPackets();
    } else if (this.#deltas) {
      resolveDeltaTimestamps(walkTimestamps(this.packets));
    }
    return { lines: this.lines, packets: this.packets };
  }

  /** Hands over the packets that are complete: all but the open one. */
  #handOverPackets(): void {
    const handOver = this.#handOver;
    if (!handOver) return;
    const packets = this.packets;
    for (const p of packets) handOver(p);
    clearKeepingRoom(packets);
  }

  #record(line: number, kind: LineKind, packet: number | null, reason: string | null): void {
    if (!this.#keepLines && kind !== 'unrecognised' && !this.#onLine) return;
    const record: LineRecord = { line, kind, packet, reason };
    if (this.#keepLines || kind === 'unrecognised') this.lines.push(record);
    this.#onLine?.(record);
  }

  #setLine(line: number, kind: LineKind, packet: number | null, reason: string | null = null) {
    this.#record(line, kind, packet, reason);
    const open = this.#open;
    if (open && packet === open.packet) open.endLine = line;
  }

  #indented(i: number, parsed: Extract<LineParse, { type: 'indented' }>): void {
    const open = this.#open;
    if (!open) {
      this.#setLine(i, 'unrecognised', null, 'indented line with no packet line before it');
      return;
    }
    const packet = open.packet;
    if (parsed.tcp) {
      adoptTcp(open, i, parsed.tcp);
      this.#setLine(i, 'packet-continuation', packet);
    } else if (parsed.tcpOnNextLine) {
      this.#setLine(i, 'packet-continuation', packet);
    } else {
      this.#setLine(i, parsed.kind, packet);
    }
  }

  #column0(i: number, text: string, parsed: Extract<LineParse, { type: 'column0' }>): void {
    const open = this.#open;
    if (!open) {
      this.#setLine(i, 'unrecognised', null, parsed.reason);
      return;
    }
    const packet = open.packet;
    if (parsed.tcp && this.#asciiPayload !== true) {
      // VXLAN under -v prints the inner header at column 0.
      adoptTcp(open, i, parsed.tcp);
      this.#setLine(i, 'packet-continuation', packet);
      return;
    }
    const ascii = (this.#asciiPayload ??= looksLikeAsciiDump(text));
    if (!ascii && !mayCarryDecoderText(open)) {
      this.#setLine(
        i,
        'unrecognised',
        null,
        'text after a packet that carries no payload to decode',
      );
      return;
    }
    this.#setLine(i, ascii ? 'ascii-payload' : 'decode', packet);
  }
}

/** One pass over the text: every line becomes a record, packets gather their continuation lines. */
export function parseDocument(text: string, progress?: ProgressReport): ParsedDocument {
  const texts = splitLines(text);
  const parser = new DocumentParser();
  for (let i = 0; i < texts.length; i++) {
    if (progress && i % PROGRESS_EVERY === 0) progress(i, texts.length);
    parser.push(texts[i]!);
  }
  return parser.finish();
}
