import type { Finding, FindingCode } from '../../analysis';
import { analyze, lowerBound } from '../../analysis';
import type { Timeline } from '../../protocol';
import type { SeverityLookup } from '../../report/timeline';
import { buildTimeline } from '../../report/timeline';
import type { LineSubset } from './connectionLines';

/** The packet whose first line is `line` (packetLines is sorted; index 0 unused), or null. */
function packetAt(packetLines: ArrayLike<number>, line: number): number | null {
  const i = lowerBound(packetLines, (at) => at < line, 1);
  return i < packetLines.length && packetLines[i] === line ? i : null;
}

/**
 * The diagram model of one connection from the lines read for it: the subset is analysed on its
 * own, the connection that starts on the connection's first line is kept, and every line and
 * packet number is translated back to the file's. The findings are those of the whole file's
 * analysis (`connection.findings`), so that the diagram also shows what only the whole file tells
 * (reused ports, SYN floods, port scans, TIME_WAIT pile-ups). Null when no connection starts there.
 */
export function connectionTimeline(
  subset: LineSubset,
  file: { uri: string; packetLines: ArrayLike<number> },
  connection: { id: number; firstPacket: number; findings: readonly Finding[] },
  severityOf: SeverityLookup,
): Timeline | null {
  const analysis = analyze(subset.lines.join('\n'));
  const model = buildTimeline(analysis, subset.lines, file.uri, 0, severityOf);
  const fileLine = (line: number) => subset.fileLines[line]!;
  const firstLine = file.packetLines[connection.firstPacket];
  const target = model.connections.find(
    (c) => fileLine(analysis.packets[c.firstPacket - 1]!.line) === firstLine,
  );
  if (!target) return null;
  const fileOrdinal = (packet: number) =>
    packetAt(file.packetLines, fileLine(analysis.packets[packet - 1]!.line)) ?? -1;
  const lane = (id: number) => (id === target.clientLane ? 0 : 1);
  const codes = new Map<number, FindingCode[]>();
  for (const f of connection.findings) {
    const list = codes.get(f.packet);
    if (list) list.push(f.code);
    else codes.set(f.packet, [f.code]);
  }
  return {
    uri: file.uri,
    version: 0,
    lanes: [
      { ...model.lanes[target.clientLane]!, id: 0, connection: connection.id },
      { ...model.lanes[target.serverLane]!, id: 1, connection: connection.id },
    ],
    connections: [
      {
        ...target,
        id: connection.id,
        clientLane: 0,
        serverLane: 1,
        firstPacket: fileOrdinal(target.firstPacket),
        lastPacket: fileOrdinal(target.lastPacket),
        findings: connection.findings.length,
      },
    ],
    packets: model.packets
      .filter((p) => p.connection === target.id)
      .map((p) => {
        const packet = fileOrdinal(p.packet);
        const findings = codes.get(packet) ?? [];
        return {
          ...p,
          packet,
          line: fileLine(p.line),
          firstLine: fileLine(p.firstLine),
          lastLine: fileLine(p.lastLine),
          connection: connection.id,
          from: lane(p.from),
          to: lane(p.to),
          findings,
          findingSeverities: findings.map(severityOf),
        };
      }),
  };
}
