import type { Analysis, Connection, Finding, PacketRecord, TcpAnnotation } from '../analysis';
import { lowerBound } from '../analysis';

/** Lookups over one analysis (one document version). */
export interface AnalysisIndex {
  analysis: Analysis;
  packetOfLine: (line: number) => PacketRecord | null;
  annotation: (packet: number) => TcpAnnotation | null;
  packet: (packet: number) => PacketRecord | null;
  connection: (id: number) => Connection | null;
  packetsOfConnection: (id: number) => number[];
  findingsOfPacket: (packet: number) => Finding[];
  /** Window scale shift of each side, once the handshake shows it; null when unknown. */
  windowShift: (connection: number, role: 'client' | 'server') => number | null;
}

/** First index in a list sorted by `packet` whose packet is at least `packet`. */
const firstAtOrAfter = (list: ReadonlyArray<{ packet: number }>, packet: number): number =>
  lowerBound(list, (x) => x.packet < packet);

/**
 * A connection whose packets lie among at most this many TCP packets of the document has them
 * picked out there; a longer one waits for every connection's packets to be gathered. The first
 * hover after opening a long capture then reads a few packets instead of the whole capture.
 */
export const CONNECTION_SPAN_READ_IN_PLACE = 4096;

/**
 * Builds nothing up front (a document is re-indexed after every edit): packets and annotations
 * are found by binary search, and the packets of each connection are gathered on first use.
 */
export function indexAnalysis(
  analysis: Analysis,
  spanReadInPlace = CONNECTION_SPAN_READ_IN_PLACE,
): AnalysisIndex {
  let byConnectionMap: Map<number, number[]> | null = null;
  const byConnection = (): Map<number, number[]> => {
    if (byConnectionMap) return byConnectionMap;
    byConnectionMap = new Map();
    for (const a of analysis.tcp) {
      let list = byConnectionMap.get(a.connection);
      if (!list) byConnectionMap.set(a.connection, (list = []));
      list.push(a.packet);
    }
    return byConnectionMap;
  };
  const annotation = (packet: number): TcpAnnotation | null => {
    const a = analysis.tcp[firstAtOrAfter(analysis.tcp, packet)];
    return a && a.packet === packet ? a : null;
  };
  const findingsOfPacket = (packet: number): Finding[] => {
    const out: Finding[] = [];
    const list = analysis.findings;
    for (let i = firstAtOrAfter(list, packet); i < list.length && list[i]!.packet === packet; i++)
      out.push(list[i]!);
    return out;
  };
  const connection = (id: number): Connection | null => {
    const c = analysis.connections[id - 1];
    return c && c.id === id ? c : (analysis.connections.find((x) => x.id === id) ?? null);
  };
  /** One connection's packets, without gathering every connection's when it spans few packets. */
  const packetsOf = (id: number): number[] => {
    const c = byConnectionMap === null ? connection(id) : null;
    if (c) {
      const tcp = analysis.tcp;
      const from = firstAtOrAfter(tcp, c.firstPacket);
      const to = firstAtOrAfter(tcp, c.lastPacket + 1);
      if (to - from <= spanReadInPlace) {
        const packets: number[] = [];
        for (let i = from; i < to; i++) if (tcp[i]!.connection === id) packets.push(tcp[i]!.packet);
        return packets;
      }
    }
    return byConnection().get(id) ?? [];
  };
  const shifts = new Map<number, { client: number | null; server: number | null }>();

  const windowShift = (id: number, role: 'client' | 'server'): number | null => {
    let s = shifts.get(id);
    if (!s) {
      // RFC 7323: scaling applies only when both SYNs carried the option.
      let client: number | null = null;
      let server: number | null = null;
      let sawClientSyn = false;
      let sawServerSyn = false;
      for (const n of packetsOf(id)) {
        const p = analysis.packets[n - 1]!;
        const a = annotation(n)!;
        if (!p.tcp?.flags.syn) continue;
        const ws = p.tcp.options.find((o) => o.kind === 'wscale');
        const value = ws && ws.kind === 'wscale' ? ws.value : null;
        if (a.direction === 'client->server' && !sawClientSyn) {
          sawClientSyn = true;
          client = value;
        } else if (a.direction === 'server->client' && !sawServerSyn) {
          sawServerSyn = true;
          server = value;
        }
      }
      if (sawClientSyn && sawServerSyn) {
        const both = client !== null && server !== null;
        s = { client: both ? client : 0, server: both ? server : 0 };
      } else s = { client: null, server: null };
      shifts.set(id, s);
    }
    return s[role];
  };

  return {
    analysis,
    packetOfLine: (line) => {
      const record = analysis.lines[line];
      return record?.packet ? (analysis.packets[record.packet - 1] ?? null) : null;
    },
    annotation,
    packet: (packet) => analysis.packets[packet - 1] ?? null,
    connection,
    packetsOfConnection: (id) => byConnection().get(id) ?? [],
    findingsOfPacket,
    windowShift,
  };
}
