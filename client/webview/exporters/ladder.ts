// What the text exporters draw: the layout's lanes as participants and its rows as messages and
// idle gaps, in order. Pure.
import type { DiagramModel } from '../../src/webviewProtocol';
import type { Layout } from '../layout';
import type { Severity } from '../labels';
import { compactLabel, findingLabel, formatDuration, packetSeverity, visibleText } from '../labels';

export interface Participant {
  /** `C1`, `C2` … for clients, `S1` … for servers, left to right. */
  readonly id: string;
  readonly role: 'client' | 'server';
  /** `host:port`. */
  readonly label: string;
}

export type LadderItem =
  | {
      readonly kind: 'message';
      readonly packet: number;
      readonly time: string | null;
      /** Indices in `participants`. */
      readonly from: number;
      readonly to: number;
      /** The compact label: `[S.] 0 ack 1 win 65483`. */
      readonly label: string;
      readonly step: string | null;
      /** Finding labels (`RST`, `retransmission` …). */
      readonly findings: readonly string[];
      readonly severity: Severity | null;
      readonly retransmission: boolean;
    }
  | { readonly kind: 'gap'; readonly text: string };

export interface Ladder {
  readonly participants: readonly Participant[];
  readonly items: readonly LadderItem[];
}

export function ladder(model: DiagramModel, layout: Layout): Ladder {
  let clients = 0;
  let servers = 0;
  const participants = layout.lanes.map((l) => ({
    id: l.role === 'client' ? `C${++clients}` : `S${++servers}`,
    role: l.role,
    label: l.label,
  }));
  const items: LadderItem[] = [];
  for (const row of layout.rows) {
    if (row.kind === 'gap') {
      const d = formatDuration(row.seconds);
      items.push({
        kind: 'gap',
        text:
          row.hidden > 0
            ? `${d} later, ${row.hidden} packet${row.hidden === 1 ? '' : 's'} hidden`
            : `idle ${d}`,
      });
      continue;
    }
    const p = model.packets[row.packet]!;
    const from = layout.laneOfModelLane[p.from] ?? -1;
    const to = layout.laneOfModelLane[p.to] ?? -1;
    if (from < 0 || to < 0) continue;
    items.push({
      kind: 'message',
      packet: p.packet,
      time: p.timeText !== null ? visibleText(p.timeText) : null,
      from,
      to,
      label: compactLabel(p),
      step: p.step !== null ? visibleText(p.step) : null,
      findings: p.findings.map((c) => findingLabel(c)),
      severity: packetSeverity(p),
      retransmission: p.findings.some((c) => c.endsWith('retransmission')),
    });
  }
  return { participants, items };
}

/** The message text shared by Mermaid and PlantUML: label, step and findings. */
export function messageText(item: Extract<LadderItem, { kind: 'message' }>): string {
  const parts = [item.label];
  if (item.step !== null) parts.push(item.step);
  if (item.findings.length > 0) parts.push(item.findings.join(', '));
  return parts.join(' · ');
}
