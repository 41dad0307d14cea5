import type { Analysis, Connection, Finding, PacketRecord, TcpAnnotation } from '../analysis';

/** Lookups over one analysis, built once per document version. */
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

export function indexAnalysis(analysis: Analysis): AnalysisIndex {
  const annotations = new Map<number, TcpAnnotation>();
  const byConnection = new Map<number, number[]>();
  for (const a of analysis.tcp) {
    annotations.set(a.packet, a);
    let list = byConnection.get(a.connection);
    if (!list) byConnection.set(a.connection, (list = []));
    list.push(a.packet);
  }
  const findings = new Map<number, Finding[]>();
  for (const f of analysis.findings) {
    let list = findings.get(f.packet);
    if (!list) findings.set(f.packet, (list = []));
    list.push(f);
  }
  const connections = new Map(analysis.connections.map((c) => [c.id, c]));
  const shifts = new Map<number, { client: number | null; server: number | null }>();

  const windowShift = (id: number, role: 'client' | 'server'): number | null => {
    let s = shifts.get(id);
    if (!s) {
      // RFC 7323: scaling applies only when both SYNs carried the option.
      let client: number | null = null;
      let server: number | null = null;
      let sawClientSyn = false;
      let sawServerSyn = false;
      for (const n of byConnection.get(id) ?? []) {
        const p = analysis.packets[n - 1]!;
        const a = annotations.get(n)!;
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
    annotation: (packet) => annotations.get(packet) ?? null,
    packet: (packet) => analysis.packets[packet - 1] ?? null,
    connection: (id) => connections.get(id) ?? null,
    packetsOfConnection: (id) => byConnection.get(id) ?? [],
    findingsOfPacket: (packet) => findings.get(packet) ?? [],
    windowShift,
  };
}
